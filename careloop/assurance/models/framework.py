"""The CQC assessment framework as data: versions, themes, quality statements, score wordings
and evidence categories. The shipped version is loaded from `careloop.assurance.cqc.framework`;
administrators may correct a version's text, or copy it to a new version and make that current.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_link


class FrameworkVersionQuerySet(models.QuerySet["FrameworkVersion"]):
    def current(self) -> FrameworkVersion | None:
        return self.filter(is_current=True).first()


class FrameworkVersion(Audited, Shown):
    """One version of the framework. Self-assessments keep the version they were made with."""

    version = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    is_current = models.BooleanField("current", default=False)
    shipped = models.BooleanField(
        default=False, help_text="Loaded from the framework that comes with careloop."
    )
    based_on = optional_link("self", blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FrameworkVersionQuerySet.as_manager()

    show_url = "assurance:framework_show"

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="framework_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def is_locked(self) -> bool:
        """A version an approved self-assessment rests on is not edited: copy it instead."""
        return self.self_assessments.filter(status="approved").exists()


class Theme(Audited):
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    variants = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="theme_unique_number")
        ]

    def __str__(self) -> str:
        return self.name


class QualityStatement(Audited):
    """One of the nine quality statements. Its number (1-9) is stable across versions."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="statements"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="statements")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    page_slug = models.SlugField(max_length=60)
    commitment = models.TextField("the local authority commitment")
    what_people_expect = models.JSONField(
        "what people expect", default=list, blank=True, help_text="The 'I statements'."
    )
    variants = models.JSONField("other names", default=list, blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="statement_unique_number")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return f"theme{self.theme.number}/{self.page_slug}"


class ScoreLevel(Audited):
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="score_levels"
    )
    score = models.PositiveSmallIntegerField()
    wording = models.CharField(max_length=120)
    rating = models.CharField(max_length=40)

    class Meta:
        ordering = ["framework", "score"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "score"], name="score_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.score} - {self.wording}"


class EvidenceCategory(Audited):
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="categories"
    )
    key = models.SlugField(max_length=30)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    used_by_cqc = models.BooleanField(
        "used for local authorities",
        default=True,
        help_text="Whether CQC uses this category when it assesses local authorities.",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["framework", "order"]
        verbose_name_plural = "evidence categories"
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="category_unique_key")
        ]

    def __str__(self) -> str:
        return self.name
