"""Actions: owned, dated pieces of work that make a change happen, from any source."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from careloop.core.models import (
    Attachment,
    Audited,
    Numbered,
    Restrictable,
    RestrictableQuerySet,
    Shown,
    Team,
    optional_link,
    optional_person,
)
from careloop.core.permissions import can
from careloop.core.workdays import describe_due

from .reviews import Recommendation

EVIDENCE = "evidence"  # the Attachment role of an action's evidence


class ActionQuerySet(RestrictableQuerySet):
    def open(self):
        return self.exclude(status__in=Action.FINISHED)

    def overdue(self, today: dt.date | None = None):
        return self.open().filter(due_on__lt=today or dt.date.today())

    def at_risk(self, today: dt.date | None = None):
        return self.open().filter(
            status=Action.Status.AT_RISK, due_on__gte=today or dt.date.today()
        )

    def due_within(self, days: int, today: dt.date | None = None):
        today = today or dt.date.today()
        return self.open().filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days))

    def awaiting_sign_off(self):
        return self.filter(status=Action.Status.DONE)

    def for_source(self, record):
        return self.filter(
            source_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            source_id=str(record.pk),
        )


ActionManager = models.Manager.from_queryset(ActionQuerySet)


class Action(Audited, Restrictable, Numbered, Shown):
    """An owned piece of work with a due date, progress, evidence and a signed-off closure."""

    restricted_perm = "learning.view_restricted"
    restricted_named_fields = ("owner",)

    class Origin(models.TextChoices):
        REVIEW = "review", "Review recommendation"
        LGSCO = "lgsco", "Ombudsman remedy"
        THEME = "theme", "Theme signal"
        AUDIT = "audit", "Audit"
        SURVEY = "survey", "Survey finding"
        WORKING_GROUP = "working_group", "Working group"
        PILOT = "pilot", "Pilot"
        COPRODUCTION = "coproduction", "Coproduction project"
        EXTERNAL = "external", "Learning from elsewhere"
        MEETING = "meeting", "Quality assurance meeting"
        WORKFORCE = "workforce", "Workforce development"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OVERDUE = "overdue", "Overdue"
        DONE = "done", "Awaiting sign-off"
        CLOSED = "closed", "Closed"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    FINISHED = (Status.DONE, Status.CLOSED)
    # Statuses a person sets while the work goes on ("overdue" is worked out from the date).
    PROGRESS = (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK)

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.OTHER)
    source_type = optional_link(ContentType, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(
        "arose from", max_length=300, blank=True, help_text="What the action arose from."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions"
    )
    team = optional_link(Team, blank=True, related_name="actions")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    start_on = models.DateField("start date", default=dt.date.today)
    due_on = models.DateField("due date")
    original_due_on = models.DateField("first agreed due date", null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField("what was done", blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_off_actions",
    )
    signed_off_on = models.DateField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[ActionManager] = ActionManager()

    reference_prefix = "A"
    show_url = "learning:action_show"

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("start_on")), name="action_due_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(signed_off_by__isnull=False),
                name="action_closed_is_signed_off",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status not in self.FINISHED

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or dt.date.today())

    @property
    def effective_status(self) -> str:
        """The status people see: "overdue" when an open action is past its due date."""
        return self.Status.OVERDUE if self.is_overdue() else self.status

    @property
    def effective_status_label(self) -> str:
        return self.Status(self.effective_status).label

    @property
    def status_colour(self) -> str:
        return {
            "not_started": "grey",
            "on_track": "blue",
            "at_risk": "orange",
            "overdue": "red",
            "done": "turquoise",
            "closed": "green",
        }[self.effective_status]

    def evidence(self):
        return Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Action),
            object_id=str(self.pk),
            role=EVIDENCE,
        ).select_related("added_by")

    @property
    def due_text(self) -> str:
        """'Due in 3 working days' / 'Overdue by 2 working days' (open actions only)."""
        return describe_due(self.due_on).capitalize() if self.is_open else ""

    @property
    def due_moved(self) -> bool:
        return bool(self.original_due_on and self.original_due_on != self.due_on)

    def has_evidence(self) -> bool:
        return self.evidence().exists() or self.figures.exists()

    def may_update(self, user) -> bool:
        """Owners update their own actions; managers and leads update any."""
        if can(user, "learning.manage_actions", self):
            return True
        return self.owner_id == user.pk and can(user, "learning.update_actions")


class ActionUpdate(Audited):
    """A progress note, or a step in the action's life (completed, signed off, reopened)."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Progress update"
        COMPLETED = "completed", "Marked done"
        SIGNED_OFF = "signed_off", "Closure signed off"
        REOPENED = "reopened", "Reopened"
        EVIDENCE = "evidence", "Evidence added"
        MEETING = "meeting", "Discussed at a meeting"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROGRESS)
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    note = models.TextField()
    author = optional_person()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.action.reference}"


class Milestone(Audited):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField("due date")
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.due_on < dt.date.today()


class EvidenceFigure(Audited):
    """A figure that shows what an action achieved, e.g. "Staff trained: 142 of 160"."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="figures")
    attachment = optional_link(Attachment, blank=True)
    label = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=40, blank=True, help_text="For example %, people, days.")
    out_of = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    as_of = models.DateField(default=dt.date.today)
    added_by = optional_person()

    class Meta:
        ordering = ["-as_of", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.display}"

    @property
    def display(self) -> str:
        value = f"{self.value.normalize():f}"
        text = f"{value} {self.unit}".strip() if self.unit != "%" else f"{value}%"
        if self.out_of:
            text += f" of {self.out_of.normalize():f}"
            if self.out_of > 0 and self.unit != "%":
                text += f" ({self.value / self.out_of * 100:.0f}%)"
        return text


class ActionReminder(models.Model):
    """A reminder or escalation sent, so each is sent once per due date."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        ESCALATED = "escalated", "Escalated to line manager"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    for_due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "for_due_on"], name="action_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.action.reference}"
