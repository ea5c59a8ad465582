"""Feedback windows (their minimum length set by the council's policy), and what people said
and what changed as a result."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from careloop.core import workdays
from careloop.core.models import Audited, optional_link

from .participants import Group
from .projects import Project


class FeedbackPolicy(Audited):
    """The council's minimum length for feedback windows, in working days. Groups of people
    with lived experience need longer to gather their members' views."""

    min_days_groups = models.PositiveSmallIntegerField(
        "minimum for lived-experience groups (working days)",
        default=20,
        validators=[MinValueValidator(1)],
    )
    min_days_others = models.PositiveSmallIntegerField(
        "minimum for everyone else (working days)", default=10, validators=[MinValueValidator(1)]
    )
    updated_at = models.DateTimeField(default=timezone.now)

    audit_exclude = ("updated_at",)

    class Meta:
        verbose_name_plural = "feedback policy"

    def __str__(self) -> str:
        return "Feedback window policy"

    def clean(self):
        if (
            self.min_days_groups
            and self.min_days_others
            and self.min_days_groups < self.min_days_others
        ):
            raise ValidationError(
                {
                    "min_days_groups": "Lived-experience groups need at least as long as "
                    "everyone else"
                }
            )

    @classmethod
    def current(cls) -> FeedbackPolicy:
        return cls.objects.order_by("pk").first() or cls()

    def minimum_for(self, group: Group | None) -> int:
        return (
            self.min_days_groups
            if group is not None and group.is_lived_experience
            else self.min_days_others
        )


class FeedbackWindow(Audited):
    """A request for feedback, open from one date to another. Its minimum length is set by the
    council's policy (longer for lived-experience groups); a shorter window needs a reason."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="windows")
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windows",
        help_text="Leave empty for an open request to anyone.",
    )
    title = models.CharField("what feedback is asked for", max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    formats = models.CharField(
        "formats offered",
        max_length=200,
        blank=True,
        help_text="e.g. easy read, large print, BSL video, face-to-face sessions.",
    )
    policy_minimum = models.PositiveSmallIntegerField(
        help_text="The policy minimum in working days when the window was set."
    )
    short_reason = models.TextField("why the window is shorter than the policy", blank=True)

    class Meta:
        ordering = ["-opens_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def length(self) -> int:
        """Working days the window is open (after the opening day, up to the closing day)."""
        return workdays.working_days_between(self.opens_on, self.closes_on)

    @property
    def is_short(self) -> bool:
        return self.length < self.policy_minimum

    @property
    def state(self) -> str:
        today = dt.date.today()
        if today < self.opens_on:
            return "upcoming"
        if today > self.closes_on:
            return "closed"
        return "open"

    @property
    def state_colour(self) -> str:
        return {"upcoming": "grey", "open": "green", "closed": "blue"}[self.state]


class Contribution(Audited):
    """What people said, and what changed as a result (or why not)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet answered"
        CHANGED = "changed", "Changed as a result"
        PARTLY = "partly", "Partly changed"
        NOT_CHANGED = "not_changed", "Not changed, with reasons"

    COLOURS = {"pending": "grey", "changed": "green", "partly": "yellow", "not_changed": "orange"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    window = optional_link(FeedbackWindow, blank=True, related_name="contributions")
    group = optional_link(Group, blank=True, related_name="contributions")
    said = models.TextField(
        "what people said", help_text="Summarise in their words where possible. Leave out names."
    )
    received_on = models.DateField(default=dt.date.today)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    what_changed = models.TextField(
        "what changed as a result", blank=True, help_text="Or, if nothing changed, why not."
    )
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "pk"]

    def __str__(self) -> str:
        return self.said[:80]

    @property
    def colour(self) -> str:
        return self.COLOURS[self.outcome]
