"""Supervision and My Time: the policy per career stage, sessions and their private section.

The private section is its own record (`SupervisionPrivateNote`) so that lists, exports, the
API and search, which read sessions, cannot reach it by accident; its text is redacted in the
audit trail. Only the supervisor, the supervisee and the principal social worker (a
designation on the user record) may read it: the rule is registered with `core.access` in
workforce/permissions.py, and the page's promise is generated from it (`private_promise`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from careloop.core import access
from careloop.core.models import Audited, Shown, optional_person

from .people import CareerStage


class SupervisionPolicy(Audited):
    """How often people at a career stage must be supervised (e.g. ASYE monthly)."""

    career_stage = models.CharField(max_length=20, choices=CareerStage.choices, unique=True)
    interval_days = models.PositiveSmallIntegerField(
        "at least every (days)", help_text="For example 28 for monthly, 42 for six-weekly."
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["interval_days", "career_stage"]
        verbose_name_plural = "supervision policies"

    def __str__(self) -> str:
        return f"{self.get_career_stage_display()}: every {self.interval_days} days"


DEFAULT_INTERVAL_DAYS = 42  # six-weekly, when no policy names the stage


class SupervisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions `user` may read (the rule is in workforce/permissions.py)."""
        return access.visible(user, self).distinct()


class SupervisionSession(Audited, Shown):
    """One supervision: case supervision, reflective supervision or a My Time conversation."""

    class Kind(models.TextChoices):
        CASE = "case", "Case supervision"
        REFLECTIVE = "reflective", "Reflective supervision"
        MY_TIME = "my_time", "My Time wellbeing conversation"

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    held_on = models.DateField("date held")
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.CASE)
    agreed_actions = models.TextField(
        blank=True,
        help_text="What was agreed, by whom and by when. Everyone who may read the "
        "supervision sees this; put anything personal in the private section.",
    )
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    objects = SupervisionQuerySet.as_manager()

    show_url = "workforce:supervision_show"

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supervisee=models.F("supervisor")),
                name="supervision_not_self",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.supervisee} on {self.held_on:%-d %B %Y}"

    def is_visible_to(self, user) -> bool:
        return access.may_read(user, self)

    def private_visible_to(self, user) -> bool:
        """Whether `user` may read the private section (workforce/permissions.py)."""
        return access.may_read(user, self, "private")

    def private_promise(self) -> str:
        """The page's promise about the private section, from the rule that decides."""
        return access.promise(self, "private")


class SupervisionPrivateNote(Audited):
    """The private part of a supervision. Never listed, exported, searched or sent by the API;
    its text is never written to the audit trail."""

    audit_redact = ("text",)

    session = models.OneToOneField(
        SupervisionSession, on_delete=models.CASCADE, related_name="private_note"
    )
    text = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "private section of a supervision"

    def __str__(self) -> str:
        return f"Private section of supervision {self.session_id}"


def interval_for(stage: str, policies: dict[str, int] | None = None) -> int:
    if policies is None:
        policies = dict(SupervisionPolicy.objects.values_list("career_stage", "interval_days"))
    return policies.get(stage, DEFAULT_INTERVAL_DAYS)


def supervision_due(last: dt.date | None, interval: int) -> dt.date | None:
    return last + dt.timedelta(days=interval) if last else None
