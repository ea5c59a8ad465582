"""Series: the pre-aggregated monthly counts they are read from, and how each is charted."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, optional_person
from careloop.themes.models.framework import Direction


class SeriesSettings(Audited):
    """How one series is charted: improvement direction, run lengths, a fixed baseline.

    `key` names the series (see careloop.themes.series), e.g. "theme:12" or
    "theme:12/kind:complaint". A series with no settings uses the theme's direction and the
    Making Data Count defaults.
    """

    key = models.CharField(max_length=120, unique=True)
    direction = models.CharField(
        "improvement direction", max_length=10, choices=Direction.choices, default=Direction.LOWER
    )
    trend_length = models.PositiveSmallIntegerField(
        "trend: points in a row rising or falling", default=7
    )
    shift_length = models.PositiveSmallIntegerField(
        "shift: points in a row on one side of the mean", default=7
    )
    baseline_points = models.PositiveSmallIntegerField(
        "fix the limits on the first",
        null=True,
        blank=True,
        help_text="Months. Leave empty to calculate the limits from every month.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "series settings"

    def __str__(self) -> str:
        return f"Chart settings for {self.key}"


class Rebase(Audited):
    """A new baseline from `month` for one series, with the reason the process changed."""

    key = models.CharField(max_length=120, db_index=True)
    month = models.DateField(help_text="The first month of the new baseline")
    reason = models.TextField()
    created_by = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "month"]
        constraints = [models.UniqueConstraint(fields=["key", "month"], name="rebase_unique_month")]

    def __str__(self) -> str:
        return f"New baseline from {self.month:%B %Y}"


class MonthlyCount(models.Model):
    """Pre-aggregated counts: feedback per month with a theme (`theme` 0: all feedback), for
    one slice (`dim`/`value`: all; one kind, service, team, provider or sentiment; or a pair of
    those, such as "kind+service"/"complaint+3"; or an equality group, alone or with one of
    those), split by restriction. Kept up to date as feedback is classified and changed, and
    rebuilt nightly (aggregates.py)."""

    month = models.DateField()
    theme = models.BigIntegerField()  # Theme id, or 0 for all feedback
    dim = models.CharField(max_length=20)
    value = models.CharField(max_length=60, blank=True)
    restricted = models.BooleanField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dim", "value", "theme", "month", "restricted"], name="monthly_count_key"
            )
        ]
        indexes = [models.Index(fields=["dim", "value", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%b %Y} theme {self.theme} {self.dim}={self.value}: {self.count}"
