"""The self-assessment: per quality statement a proposed score, rationale, strengths, areas for
development and key findings; each statement goes through review and approval, then the whole
self-assessment is signed off."""

from __future__ import annotations

import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.assurance.cqc.rating import RatingOutcome, try_overall_rating
from careloop.assurance.models.framework import FrameworkVersion, QualityStatement
from careloop.core.models import Audited, Shown, empty_or_between, optional_person


class SelfAssessment(Audited, Shown):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Signed off"

    audit_exclude = ("approved_at",)  # the audit entry's own time says when

    title = models.CharField(max_length=200)
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="self_assessments"
    )
    as_at = models.DateField("evidence as at", help_text="The date the self-assessment speaks for.")
    summary = models.TextField(
        "summary of people's experiences",
        blank=True,
        help_text="The overall summary, as on the first page of a CQC report.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    evidence_max_age_months = models.PositiveSmallIntegerField(
        "evidence counts as out of date after (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    min_items_per_category = models.PositiveSmallIntegerField(
        "an evidence category is thin below (items)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = optional_person(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    show_url = "assurance:assessment_show"

    class Meta:
        ordering = ["-as_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.APPROVED

    def scores(self) -> list[int | None]:
        """The nine proposed scores in statement order (None where not yet scored)."""
        by_number = {s.statement.number: s.score for s in self.statements.all()}
        return [by_number.get(n) for n in range(1, 10)]

    def rating(self) -> RatingOutcome:
        """CQC's overall rating, or why it is not computable (fewer than nine scores)."""
        return try_overall_rating(self.scores())


class StatementAssessment(Audited):
    """The council's own judgement of one quality statement."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"

    audit_exclude = ("sentence_evidence", "updated_at", "drafted_at")

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="statements"
    )
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        "proposed score",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    rationale = models.TextField(
        "why this score", blank=True, help_text="The reasoning behind the proposed score."
    )
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    key_findings = models.TextField(
        "key findings",
        blank=True,
        help_text="The narrative, in CQC's style. Leave a blank line between paragraphs.",
    )
    sentence_evidence = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_at = models.DateTimeField("key findings drafted", null=True, blank=True)
    updated_by = optional_person(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["self_assessment", "statement__number"]
        verbose_name = "statement self-assessment"
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "statement"], name="statement_assessment_unique"
            ),
            empty_or_between("score", 1, 4, name="statement_assessment_score_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.statement.name} ({self.self_assessment})"

    def get_absolute_url(self) -> str:
        return reverse(
            "assurance:statement_show", args=[self.self_assessment_id, self.statement.number]
        )

    @property
    def number(self) -> int:
        return self.statement.number

    def paragraphs(self) -> list[str]:
        """Key findings paragraphs (separated by blank lines), each on one line."""
        blocks = re.split(r"\n\s*\n", self.key_findings.replace("\r\n", "\n").strip())
        return [" ".join(block.split()) for block in blocks if block.strip()]


class ReviewEvent(models.Model):
    """A step of review and approval, with the reviewer's comment. Append-only."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Sent for review"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"
        REOPENED = "reopened", "Reopened for editing"
        SIGNED_OFF = "signed_off", "Self-assessment signed off"
        SIGN_OFF_WITHDRAWN = "withdrawn", "Sign-off withdrawn"

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="reviews"
    )
    statement_assessment = models.ForeignKey(
        StatementAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    comment = models.TextField(blank=True)
    by = optional_person()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.by}"
