"""Outcome measures of a pilot and their readings, period by period."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_person

from .pilots import Pilot


class Direction(models.TextChoices):
    """Which way is better for a measure (matches careloop.stats.Direction)."""

    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"
    NEITHER = "neither", "Neither (no better direction)"


class Measure(Audited, Shown):
    """An outcome measure of a pilot, recorded once a period for the pilot group (and the
    comparison group, if there is one)."""

    class Kind(models.TextChoices):
        COUNT = "count", "Count of events a period (e.g. falls)"
        RATE = (
            "rate",
            "Rate: events out of a number of people or activity "
            "(e.g. readmissions per 100 discharges)",
        )
        PROPORTION = "proportion", "Proportion of people (e.g. people returning home)"
        MEAN = "mean", "Average value (e.g. care hours a week, cost per person, people's ratings)"

    class Period(models.TextChoices):
        MONTH = "month", "Month"
        WEEK = "week", "Week"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(
        max_length=150, help_text="Short and plain, e.g. 'Readmissions within 30 days'."
    )
    definition = models.TextField(
        blank=True, help_text="Exactly what is counted, from where, so it is measured the same way."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="For averages: the unit, e.g. 'hours', '£', 'out of 10'.",
    )
    per = models.PositiveIntegerField(
        "rates per",
        default=100,
        validators=[MinValueValidator(1)],
        help_text="For rates: shown per this many, e.g. 100 discharges.",
    )
    denominator_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="For rates and proportions: what the denominator counts, e.g. 'people "
        "discharged', 'doses due'.",
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.MONTH)
    hoped_change = models.DecimalField(
        "hoped-for change",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the pilot hopes to achieve. Counts and rates: a percentage change, e.g. "
        "-25 for a quarter fewer. Proportions: percentage points, e.g. 10 for 60% to 70%. "
        "Averages: a change in the measure's unit, e.g. 1.5.",
    )
    target = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Optional: a target on the chart's scale, to judge assurance against.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    show_url = "innovation:measure_show"
    show_url_args = ("pilot_id", "pk")

    class Meta:
        ordering = ["pilot", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "name"], name="measure_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_short(self) -> str:
        if self.kind == self.Kind.RATE:
            return f"Rate {self.rate_unit}"
        if self.kind == self.Kind.PROPORTION:
            return f"Proportion of {self.denominator_label}".strip()
        if self.kind == self.Kind.MEAN:
            return self._average
        return "Count a " + self.period

    @property
    def rate_unit(self) -> str:
        """A rate's unit as findings say it, e.g. 'per 100 people discharged'."""
        return f"per {self.per:,} {self.denominator_label}".strip()

    @property
    def needs_denominator(self) -> bool:
        return self.kind in (self.Kind.RATE, self.Kind.PROPORTION)

    def period_start(self, day: dt.date) -> dt.date:
        """The first day of the period `day` falls in (1st of the month, or Monday)."""
        if self.period == self.Period.WEEK:
            return day - dt.timedelta(days=day.weekday())
        return day.replace(day=1)

    def period_label(self, start: dt.date) -> str:
        if self.period == self.Period.WEEK:
            return f"w/c {start.day} {start:%b %Y}"
        return f"{start:%b %Y}"

    @property
    def value_label(self) -> str:
        labels: dict[str, str] = {
            self.Kind.COUNT: "Count",
            self.Kind.RATE: "Events",
            self.Kind.PROPORTION: "People (numerator)",
            self.Kind.MEAN: self._average,
        }
        return labels[self.kind]

    @property
    def _average(self) -> str:
        return f"Average{' (' + self.unit + ')' if self.unit else ''}"


class Reading(Audited):
    """One period's figure for a measure, for the pilot group or the comparison group."""

    class Group(models.TextChoices):
        PILOT = "pilot", "Pilot group"
        COMPARISON = "comparison", "Comparison group"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    period_start = models.DateField()
    group = models.CharField(max_length=12, choices=Group.choices, default=Group.PILOT)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    entered_by = optional_person(blank=True)
    entered_at = models.DateTimeField(default=timezone.now)

    audit_exclude = ("entered_at",)

    class Meta:
        ordering = ["measure", "group", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "group", "period_start"], name="reading_one_per_period"
            )
        ]

    def __str__(self) -> str:
        period = self.measure.period_label(self.period_start)
        return f"{self.measure}: {period} ({self.get_group_display().lower()})"
