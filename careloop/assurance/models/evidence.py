"""The evidence library: what careloop's areas report (facts, refreshed as the data changes),
and the documents and links people add. Each item is tagged to quality statements and an
evidence category: careloop suggests both, a person confirms them."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.assurance.models.framework import QualityStatement
from careloop.core.models import Audited, Restrictable, RestrictableQuerySet, Shown, optional_person


class EvidenceItemQuerySet(RestrictableQuerySet):
    def for_statement(self, number: int):
        return self.filter(statements__number=number).distinct()

    def needing_confirmation(self):
        return self.filter(confirmed_at__isnull=True)

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def reported(self):
        """Items whose area still reports them (and every document and link)."""
        return self.filter(stale_since__isnull=True)


EvidenceItemManager = models.Manager.from_queryset(EvidenceItemQuerySet)


class EvidenceItem(Audited, Restrictable, Shown):
    """One piece of evidence, with a link to what it stands for."""

    audit_exclude = ("refreshed_at", "updated_at")
    restricted_named_fields = ("added_by",)

    class Kind(models.TextChoices):
        FACT = "fact", "careloop figures"
        DOCUMENT = "document", "Document"
        LINK = "link", "Web link"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(
        max_length=200, blank=True, help_text="The area's stable key for a fact it reports."
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(
        "what it shows", blank=True, help_text="A sentence or two: what this evidence shows."
    )
    date = models.DateField(help_text="The date the evidence speaks for, e.g. a report's date.")
    source = models.CharField(
        max_length=200, help_text="Where it comes from, e.g. 'Complaints register'."
    )
    area = models.CharField(max_length=50, blank=True)
    url = models.CharField("link", max_length=500, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    statements = models.ManyToManyField(
        QualityStatement, blank=True, related_name="evidence", verbose_name="quality statements"
    )
    category = models.CharField("evidence category", max_length=30, blank=True)
    suggested_statements = models.JSONField(default=list, blank=True)
    suggested_category = models.CharField(max_length=30, blank=True)
    suggestion_reason = models.CharField(max_length=300, blank=True)
    confirmed_by = optional_person(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    stale_since = models.DateTimeField(
        "no longer reported since",
        null=True,
        blank=True,
        help_text="When the area stopped reporting this fact.",
    )
    added_by = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[EvidenceItemManager] = EvidenceItemManager()

    show_url = "assurance:evidence_show"

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = "evidence item"
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="evidence_unique_key"
            )
        ]
        indexes = [models.Index(fields=["kind", "stale_since"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_reported(self) -> bool:
        return self.stale_since is None

    def is_out_of_date(self, max_age_months: int, today: dt.date | None = None) -> bool:
        """Older than `max_age_months`, or no longer reported by its area."""
        return self.stale_since is not None or self.date < months_before(
            today or timezone.localdate(), max_age_months
        )

    def statement_numbers(self) -> list[int]:
        return sorted({s.number for s in self.statements.all()})


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


class RefreshRun(models.Model):
    """One gathering of the areas' evidence (bookkeeping, shown on the library page)."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_by = optional_person(blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    stale = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Evidence refresh {self.started_at:%Y-%m-%d %H:%M}"
