"""The Local Government and Social Care Ombudsman: cases, remedies and yearly figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.utils import timezone

from careloop.core.models import (
    Audited,
    Numbered,
    Restrictable,
    RestrictableQuerySet,
    Shown,
    Team,
    empty_or_not_before,
    optional_link,
    optional_person,
)

from .actions import Action
from .reviews import Review


class LgscoCaseQuerySet(RestrictableQuerySet):
    def decided(self):
        return self.exclude(decision="")

    def upheld(self):
        return self.filter(decision__in=LgscoCase.UPHELD)

    def decided_between(self, start: dt.date, end: dt.date):
        return self.filter(decided_on__range=(start, end))


LgscoCaseManager = models.Manager.from_queryset(LgscoCaseQuerySet)


class LgscoCase(Audited, Restrictable, Numbered, Shown):
    """One enquiry or complaint the Ombudsman made about the council."""

    restricted_perm = "learning.view_restricted"
    restricted_named_fields = ("officer",)

    class Kind(models.TextChoices):
        ENQUIRY = "enquiry", "Enquiry"
        COMPLAINT = "complaint", "Complaint"

    class Stage(models.TextChoices):
        RECEIVED = "received", "Received"
        ASSESSMENT = "assessment", "Assessment"
        INVESTIGATION = "investigation", "Detailed investigation"
        DECISION = "decision", "Decided"

    class Decision(models.TextChoices):
        UPHELD_INJUSTICE = "upheld_injustice", "Upheld: fault causing injustice"
        UPHELD_FAULT = "upheld_fault", "Upheld: fault, no injustice"
        REMEDIED = "remedied", "Upheld: the council had already provided a satisfactory remedy"
        NOT_UPHELD = "not_upheld", "Not upheld"
        NOT_INVESTIGATED = "not_investigated", "Not investigated (closed after initial enquiries)"
        LOCAL_RESOLUTION = "local_resolution", "Referred back for local resolution"

    class Subject(models.TextChoices):
        ASSESSMENT = "assessment", "Assessment and care planning"
        CHARGING = "charging", "Charging"
        RESIDENTIAL = "residential", "Residential care"
        HOME_CARE = "home_care", "Home care"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        DIRECT_PAYMENTS = "direct_payments", "Direct payments"
        TRANSPORT = "transport", "Transport"
        OTHER = "other", "Other"

    UPHELD = (Decision.UPHELD_INJUSTICE, Decision.UPHELD_FAULT, Decision.REMEDIED)
    INVESTIGATED = (*UPHELD, Decision.NOT_UPHELD)
    STAGE_DATES = {
        Stage.ASSESSMENT: "assessment_on",
        Stage.INVESTIGATION: "investigation_on",
        Stage.DECISION: "decided_on",
    }

    lgsco_reference = models.CharField("Ombudsman reference", max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    subject = models.CharField(max_length=20, choices=Subject.choices)
    summary = models.TextField("what it is about")
    complaint = optional_link(
        "feedback.Feedback",
        blank=True,
        related_name="lgsco_cases",
        verbose_name="the complaint it came from",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    received_on = models.DateField("received")
    assessment_on = models.DateField("assessment started", null=True, blank=True)
    investigation_on = models.DateField("detailed investigation started", null=True, blank=True)
    decided_on = models.DateField("decided", null=True, blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_summary = models.TextField("what the Ombudsman found", blank=True)
    officer = optional_person(
        blank=True, related_name="lgsco_cases", verbose_name="council case officer"
    )
    team = optional_link(Team, blank=True, related_name="lgsco_cases")
    review = optional_link(
        Review, blank=True, related_name="lgsco_cases", verbose_name="learning review"
    )
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[LgscoCaseManager] = LgscoCaseManager()

    reference_prefix = "OMB"
    show_url = "learning:lgsco_show"

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "Ombudsman case"
        constraints = [
            models.UniqueConstraint(
                fields=["lgsco_reference"],
                condition=~models.Q(lgsco_reference=""),
                name="lgsco_unique_reference",
            ),
            empty_or_not_before("decided_on", "received_on", name="lgsco_decided_after_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_subject_display()}"

    @property
    def reference(self) -> str:
        """The Ombudsman's own reference, once it is known."""
        return self.lgsco_reference or super().reference

    @property
    def is_upheld(self) -> bool:
        return self.decision in self.UPHELD


class LgscoRemedy(Audited):
    """A remedy the Ombudsman asked for (or the council agreed), with its deadline."""

    class Kind(models.TextChoices):
        APOLOGY = "apology", "Apology"
        PAYMENT = "payment", "Financial payment"
        SERVICE = "service", "Service improvement"
        PROCEDURE = "procedure", "Procedure change"
        TRAINING = "training", "Staff training"
        OTHER = "other", "Other"

    case = models.ForeignKey(LgscoCase, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    amount = models.DecimalField(
        "amount (£)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField("compliance deadline")
    complied_on = models.DateField(null=True, blank=True)
    compliance_note = models.TextField(blank=True)
    action = optional_link(Action, blank=True, related_name="remedies")
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name_plural = "remedies"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case.reference}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url() + f"#remedy-{self.pk}"

    def is_visible_to(self, user) -> bool:
        return self.case.is_visible_to(user)

    @property
    def on_time(self) -> bool | None:
        if self.complied_on is None:
            return None
        return self.complied_on <= self.due_on

    @property
    def overdue(self) -> bool:
        return self.complied_on is None and self.due_on < dt.date.today()


class LgscoYear(Audited):
    """The figures of one year's LGSCO annual review letter (years run 1 April to 31 March),
    with the upheld rate of similar councils for comparison."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered"
        IMPORTED = "imported", "Imported"

    year_start = models.PositiveSmallIntegerField(
        "year starting 1 April", unique=True, help_text="For 2024-25, enter 2024."
    )
    complaints_made = models.PositiveIntegerField(
        "complaints and enquiries received", help_text="Complaints made to the Ombudsman"
    )
    decided = models.PositiveIntegerField("decisions made")
    detailed_investigations = models.PositiveIntegerField()
    upheld = models.PositiveIntegerField()
    compliance_rate = models.DecimalField(
        "compliance with the Ombudsman's recommendations (%)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    remedied_by_council = models.PositiveIntegerField(
        "cases where the council had already offered a satisfactory remedy", default=0
    )
    similar_upheld_rate = models.DecimalField(
        "upheld rate of similar councils (%)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ENTERED)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-year_start"]
        verbose_name = "Ombudsman yearly figures"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(
                condition=models.Q(upheld__lte=models.F("detailed_investigations")),
                name="lgsco_year_upheld_within_investigations",
            ),
            models.CheckConstraint(
                condition=models.Q(detailed_investigations__lte=models.F("decided")),
                name="lgsco_year_investigations_within_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year_start}-{str(self.year_start + 1)[2:]}"

    @property
    def upheld_rate(self) -> Decimal | None:
        """Upheld as a share of detailed investigations, as the Ombudsman reports it."""
        if not self.detailed_investigations:
            return None
        return (Decimal(self.upheld) * 100 / self.detailed_investigations).quantize(Decimal("0.1"))
