"""Learning reviews (SARs, Ombudsman decisions, inspections, audits, …) and recommendations."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import (
    Audited,
    Numbered,
    Restrictable,
    Shown,
    Team,
    empty_or_not_before,
    optional_person,
)

PFD_RESPONSE_DAYS = 56  # a coroner's Prevention of Future Deaths report: respond within 56 days


class Review(Audited, Restrictable, Numbered, Shown):
    """Something the council learns from: a review, a decision, an inspection, an audit."""

    restricted_perm = "learning.view_restricted"
    restricted_named_fields = ("lead",)

    class Kind(models.TextChoices):
        SAR = "sar", "Safeguarding Adults Review"
        LGSCO = "lgsco", "Ombudsman (LGSCO) decision"
        COMPLAINT = "complaint", "Complaint investigation or complaints review"
        INSPECTION = "inspection", "Inspection or system-wide review"
        AUDIT = "audit", "Internal audit or case file audit"
        PEER = "peer", "Peer review (sector-led improvement)"
        INCIDENT = "incident", "Serious incident or patient safety review"
        PFD = "pfd", "Coroner's Prevention of Future Deaths report"
        CANDOUR = "candour", "Duty of candour record"

    class Status(models.TextChoices):
        COMMISSIONED = "commissioned", "Commissioned"
        IN_PROGRESS = "in_progress", "In progress"
        REPORTED = "reported", "Reported: acting on it"
        CLOSED = "closed", "Closed"

    class SarBasis(models.TextChoices):
        MANDATORY = "mandatory", "Mandatory (Care Act 2014 s44(1))"
        DISCRETIONARY = "discretionary", "Discretionary (Care Act 2014 s44(4))"

    class Body(models.TextChoices):
        CQC = "cqc", "Care Quality Commission"
        OFSTED = "ofsted", "Ofsted"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        OTHER_AGENCY = "other_agency", "Another agency"

    class AuditType(models.TextChoices):
        INTERNAL = "internal", "Internal audit"
        CASE_FILE = "case_file", "Case file audit"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    sar_basis = models.CharField(
        "basis for the review", max_length=20, choices=SarBasis.choices, blank=True
    )
    inspection_body = models.CharField(max_length=20, choices=Body.choices, blank=True)
    audit_type = models.CharField(max_length=20, choices=AuditType.choices, blank=True)
    conducted_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example, the Safeguarding Adults Board, an independent reviewer, Ofsted.",
    )
    started_on = models.DateField(
        "started or received", help_text="When the review was commissioned or the report came in."
    )
    reported_on = models.DateField(
        "reported", null=True, blank=True, help_text="When the findings were published or decided."
    )
    response_due_on = models.DateField("response due", null=True, blank=True)
    responded_on = models.DateField("responded", null=True, blank=True)
    summary = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    lead = optional_person(
        blank=True, related_name="led_reviews", verbose_name="lead for the council"
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="reviews")
    partners = models.CharField(
        "partners involved",
        max_length=300,
        blank=True,
        help_text="Other agencies, for example the NHS trust, the police, a care provider.",
    )
    # Duty of candour (regulation 20): notifiable incident, telling the person, apology, letter.
    incident_on = models.DateField("date of the notifiable incident", null=True, blank=True)
    notified_on = models.DateField("person told (in person)", null=True, blank=True)
    apology_given = models.BooleanField("an apology was given", default=False)
    written_on = models.DateField("written follow-up sent", null=True, blank=True)
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    reference_prefix = "LR"
    show_url = "learning:review_show"

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            empty_or_not_before("reported_on", "started_on", name="review_reported_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def response_overdue(self) -> bool:
        return bool(
            self.response_due_on
            and not self.responded_on
            and self.response_due_on < dt.date.today()
        )

    @staticmethod
    def default_response_due(kind: str, started_on: dt.date | None) -> dt.date | None:
        if kind == Review.Kind.PFD and started_on:
            return started_on + dt.timedelta(days=PFD_RESPONSE_DAYS)
        return None


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(review__in=Review.objects.visible_to(user))


class Recommendation(Audited):
    """What a review says should change; acted on through one or more actions."""

    class Response(models.TextChoices):
        PENDING = "pending", "Not yet responded"
        ACCEPTED = "accepted", "Accepted"
        PARTLY = "partly", "Accepted in part"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.ACCEPTED)
    response_note = models.TextField(
        "response", blank=True, help_text="Why, if it is not accepted or accepted in part."
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_number")
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"Recommendation {self.number} of {self.review.reference}: {text}"

    def get_absolute_url(self) -> str:
        return reverse("learning:review_show", args=[self.review_id]) + f"#rec-{self.number}"

    def is_visible_to(self, user) -> bool:
        return self.review.is_visible_to(user)
