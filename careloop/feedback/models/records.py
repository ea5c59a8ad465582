"""The feedback record: everything people, staff and partners tell the council.

One `Feedback` record per item, whatever its kind (complaint, compliment, survey response,
…). Complaints carry their clock (see clocks.py): the statutory 2009 Regulations clock for
adult social care complaints, the configurable Complaint Handling Code clock for corporate
complaints (its case notes and response-period revisions are in notes.py).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core import access
from careloop.core.models import (
    Audited,
    Restrictable,
    RestrictableQuerySet,
    ServiceArea,
    Shown,
    Team,
    empty_or_between,
    optional_person,
)

from .organisations import Organisation


class FeedbackQuerySet(RestrictableQuerySet):
    def visible_to(self, user):
        return super().visible_to(user).filter(is_deleted=False)

    def complaints(self):
        return self.filter(kind__in=Feedback.COMPLAINT_KINDS)

    def open(self):
        return self.exclude(status__in=Feedback.FINISHED)

    def overdue(self, today: dt.date | None = None):
        return self.filter(next_due_on__lt=today or dt.date.today())

    def due_by(self, day: dt.date):
        return self.filter(next_due_on__lte=day)

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(reference__iexact=text)
            | Q(summary__icontains=text)
            | Q(text__icontains=text)
            | Q(from_name__icontains=text)
            | Q(about_name__icontains=text)
            | Q(external_ref__iexact=text)
        )


_FeedbackManager = models.Manager.from_queryset(FeedbackQuerySet)


class LiveManager(_FeedbackManager):
    """Feedback that has not been deleted (deleted items stay, for the audit)."""

    def get_queryset(self):
        return super().get_queryset().filter(is_deleted=False)


class Feedback(Audited, Restrictable, Shown):
    restricted_perm = "feedback.view_restricted"
    restricted_named_fields = ("owner",)
    restricted_designations = (access.DPO, access.COMPLAINTS_MANAGER)
    audit_exclude = ("version", "updated_at", "next_due_on")

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint (adult social care)"
        CORPORATE = "corporate", "Corporate complaint"
        COMPLIMENT = "compliment", "Compliment"
        COMMENT = "comment", "Comment or concern"
        SURVEY = "survey", "Survey response"
        PARTNER = "partner", "Partner feedback"
        MEMBER = "member", "Councillor or MP enquiry"
        STAFF = "staff", "Staff feedback"
        OMBUDSMAN = "ombudsman", "Ombudsman (LGSCO) enquiry"

    class Channel(models.TextChoices):
        WEB = "web", "Web form"
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        SURVEY_IMPORT = "survey_import", "Survey import"
        PARTNER_MEETING = "partner_meeting", "Partner meeting"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        IN_PROGRESS = "in_progress", "Being looked into"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    class LateDecision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted: good reason, and still possible to investigate"
        DECLINED = "declined", "Not accepted"

    COMPLAINT_KINDS = (Kind.COMPLAINT, Kind.CORPORATE)
    FINISHED = (Status.CLOSED, Status.WITHDRAWN)
    WELL_FOUNDED = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)

    reference = models.CharField(max_length=30, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_on = models.DateField("date received", db_index=True)
    event_on = models.DateField(
        "date of the event",
        null=True,
        blank=True,
        help_text="When what the feedback is about happened, or when they became aware of it",
    )
    summary = models.CharField(max_length=200, blank=True, help_text="A short title for lists")
    text = models.TextField("what they said", help_text="As written: never altered")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Satisfaction, 1 (very dissatisfied) to 5 (very satisfied)"
    )
    survey = models.CharField(
        max_length=120, blank=True, help_text="For survey responses: which survey"
    )

    # Who it is from
    from_anonymous = models.BooleanField("anonymous", default=False)
    from_name = models.CharField("name", max_length=150, blank=True)
    from_email = models.EmailField("email address", blank=True)
    from_phone = models.CharField("phone number", max_length=40, blank=True)
    from_address = models.TextField("postal address", blank=True)
    representative_name = models.CharField(
        max_length=150, blank=True, help_text="Someone acting on the person's behalf"
    )
    representative_relationship = models.CharField(
        max_length=100, blank=True, help_text="For example daughter, advocate, solicitor"
    )
    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_given",
    )

    # Who and what it is about
    about_name = models.CharField(
        "person it is about", max_length=150, blank=True, help_text="If not the person giving it"
    )
    about_case_ref = models.CharField(
        "case record number", max_length=50, blank=True, help_text="In the social care record"
    )
    service = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        Organisation,
        verbose_name="care provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_about",
        limit_choices_to={"kind": Organisation.Kind.PROVIDER},
    )
    complaint = models.ForeignKey(
        "self",
        verbose_name="complaint it came from",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ombudsman_enquiries",
        help_text="For Ombudsman enquiries: the complaint the person took to the Ombudsman",
    )

    # Handling
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_owned",
        db_index=False,  # the (owner, status) index serves
    )
    next_due_on = models.DateField(null=True, blank=True, db_index=True, editable=False)

    # Complaint clock (see clocks.py)
    stage = models.PositiveSmallIntegerField(
        default=1, help_text="Corporate complaints: stage 1 or 2 of the Complaint Handling Code"
    )
    stage_started_on = models.DateField(null=True, blank=True)
    acknowledgement_due_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(
        "response due", null=True, blank=True, help_text="The agreed response period ends"
    )
    responded_on = models.DateField(null=True, blank=True)
    stage1_responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    actions_promised = models.TextField(blank=True)
    late_decision = models.CharField(
        "decision on a late complaint", max_length=20, choices=LateDecision.choices, blank=True
    )
    late_decision_reason = models.TextField(blank=True)
    lgsco_referred_on = models.DateField("referred to the Ombudsman on", null=True, blank=True)
    lgsco_reference = models.CharField("Ombudsman reference", max_length=40, blank=True)

    # Import
    source = models.CharField(max_length=100, blank=True, help_text="Import source, if imported")
    external_ref = models.CharField("external reference", max_length=100, blank=True)

    # Deletion (soft: the record stays for the audit)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = optional_person(blank=True, db_index=False)
    deletion_reason = models.TextField(blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = optional_person(blank=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    all_objects = FeedbackQuerySet.as_manager()
    objects: ClassVar[LiveManager] = LiveManager()

    show_url = "feedback:show"

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "feedback"
        default_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_ref"],
                condition=~Q(external_ref=""),
                name="feedback_unique_external_ref",
            ),
            empty_or_between("rating", 1, 5, name="feedback_rating_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["kind", "received_on"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return self.describe(self.reference, self.kind)

    @staticmethod
    def describe(reference: str, kind: str) -> str:
        return f"{reference} {_KIND_NAMES.get(kind, kind)}"

    @property
    def is_complaint(self) -> bool:
        return self.kind in self.COMPLAINT_KINDS

    @property
    def is_statutory(self) -> bool:
        return self.kind == self.Kind.COMPLAINT

    @property
    def is_open(self) -> bool:
        return self.status not in self.FINISHED

    @property
    def is_well_founded(self) -> bool:
        return self.outcome in self.WELL_FOUNDED

    @property
    def from_display(self) -> str:
        if self.from_anonymous:
            return "Anonymous"
        parts = [self.from_name or ""]
        if self.from_organisation_id:
            parts.append(str(self.from_organisation))
        return ", ".join(p for p in parts if p) or "Not recorded"

    @property
    def title(self) -> str:
        return self.summary or (self.text[:80] + ("…" if len(self.text) > 80 else ""))


_KIND_NAMES = {value: label.lower() for value, label in Feedback.Kind.choices}
