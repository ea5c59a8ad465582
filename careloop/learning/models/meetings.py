"""Quality assurance meetings: recurring boards whose agenda builds itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_link, optional_person
from careloop.core.permissions import can_see

from .actions import Action


class MeetingSeries(Audited, Shown):
    """A recurring meeting, e.g. the monthly adult social care quality assurance board."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"

    name = models.CharField(max_length=200, unique=True)
    purpose = models.TextField(blank=True)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    chair = optional_person(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meeting_series"
    )
    location = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField("active", default=True)

    show_url = "learning:series_show"

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "meeting series"

    def __str__(self) -> str:
        return self.name

    def next_date(self, after: dt.date) -> dt.date:
        days = {"weekly": 7, "fortnightly": 14}
        if self.frequency in days:
            return after + dt.timedelta(days=days[self.frequency])
        months = {"monthly": 1, "bimonthly": 2, "quarterly": 3}[self.frequency]
        year, month = divmod(after.year * 12 + after.month - 1 + months, 12)
        day = min(after.day, 28)
        return dt.date(year, month + 1, day)


class Meeting(Audited, Shown):
    audit_exclude = ("agenda_built_at",)  # rebuilt as the agenda keeps itself current

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held: minutes in draft"
        APPROVED = "approved", "Minutes approved"

    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("date")
    starts_at = models.TimeField("start time", null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended"
    )
    apologies = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_missed"
    )
    guests = models.CharField(
        "other attendees", max_length=300, blank=True, help_text="People without an account"
    )
    notes = models.TextField("general notes", blank=True)
    agenda_built_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "learning:meeting_show"

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "held_on"], name="meeting_one_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.series.name}, {self.held_on.day} {self.held_on:%B %Y}"

    def previous(self) -> Meeting | None:
        return (
            Meeting.objects.filter(series=self.series, held_on__lt=self.held_on)
            .order_by("-held_on")
            .first()
        )

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.APPROVED


class AgendaItem(Audited):
    """One item: built from the records that need the board's attention, or added by hand.
    During the meeting, the update and the decision are recorded against it."""

    class Kind(models.TextChoices):
        OVERDUE_ACTION = "overdue_action", "Overdue action"
        AT_RISK_ACTION = "at_risk_action", "Action at risk"
        NEW_REVIEW = "new_review", "New review"
        LGSCO_DECISION = "lgsco_decision", "New Ombudsman decision"
        THEME_SIGNAL = "theme_signal", "New theme signal"
        EMERGING_TOPIC = "emerging_topic", "Growing emerging topic"
        SIGN_OFF = "sign_off", "Action awaiting sign-off"
        OTHER = "other", "Other business"

    ORDER = {k: i for i, k in enumerate(Kind.values)}

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    target_type = optional_link(ContentType, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    update = models.TextField("update given", blank=True)
    decision = models.TextField("decision", blank=True)
    new_action = optional_link(Action, blank=True)
    added_automatically = models.BooleanField(default=True)

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "target_type", "target_id"],
                condition=~models.Q(target_id=""),
                name="agenda_item_once",
            )
        ]

    def __str__(self) -> str:
        return self.title

    # The record the item is about, set by selectors.agenda_sections for the meeting pack.
    record: object = None

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#item-{self.pk}"

    def is_visible_to(self, user) -> bool:
        target = self.target if self.target_type_id else None
        return target is None or can_see(user, target)

    @property
    def target_url(self) -> str:
        target = self.target if self.target_type_id else None
        url = getattr(target, "get_absolute_url", None)
        return url() if url is not None else ""

    @classmethod
    def target_fields(cls, record) -> dict:
        if record is None:
            return {"target_type": None, "target_id": ""}
        return {
            "target_type": ContentType.objects.get_for_model(record, for_concrete_model=False),
            "target_id": str(record.pk),
        }
