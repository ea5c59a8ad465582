"""Measures (monthly series) and the actions whose impact they show."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_person

from .actions import Action


class Measure(Audited, Shown):
    """A monthly series: entered or imported here, or provided by another area."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered or imported here"
        PROVIDED = "provided", "Provided by another area of careloop"

    class Kind(models.TextChoices):
        COUNT = "count", "A count of events each month (for example, complaints)"
        VALUE = "value", "A value each month (for example, waiting list length)"
        PROPORTION = "proportion", "A proportion each month (a number out of a total)"

    class Direction(models.TextChoices):
        LOWER = "lower", "Lower is better"
        HIGHER = "higher", "Higher is better"
        NEITHER = "neither", "Neither"

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ENTERED)
    provider_key = models.CharField(max_length=100, blank=True)
    provider_option = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNT)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    unit = models.CharField(
        max_length=40, blank=True, help_text="For example: complaints, people, days."
    )
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "learning:measure_show"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_key", "provider_option"],
                condition=models.Q(source="provided"),
                name="measure_one_per_provided_series",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MeasurePoint(Audited):
    """One month's value of an entered series (the month is its first day)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    period = models.DateField("month")
    value = models.DecimalField(max_digits=14, decimal_places=3)
    denominator = models.DecimalField(
        max_digits=14, decimal_places=3, null=True, blank=True, help_text="For proportions"
    )

    class Meta:
        ordering = ["measure_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="measure_point_month"),
            models.CheckConstraint(condition=models.Q(period__day=1), name="measure_point_first"),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period:%B %Y}"


class ImpactLink(Audited, Shown):
    """An action linked to a measure, with the date the change took effect."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="impacts")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="impacts")
    effect_on = models.DateField(
        "date the change took effect",
        help_text="The month containing this date is the first month counted as 'after'.",
    )
    baseline_from = models.DateField(
        "compare with the months from",
        null=True,
        blank=True,
        help_text="The first month of the 'before' period. Blank: 12 months before the change.",
    )
    note = models.TextField(blank=True)
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "learning:impact_show"

    class Meta:
        ordering = ["action_id", "measure__name"]
        constraints = [
            models.UniqueConstraint(fields=["action", "measure"], name="impact_one_per_measure")
        ]

    def __str__(self) -> str:
        return f"{self.measure} after {self.action.reference}"

    @property
    def baseline_start(self) -> dt.date:
        if self.baseline_from:
            return self.baseline_from.replace(day=1)
        year, month = divmod(self.effect_on.year * 12 + self.effect_on.month - 1 - 12, 12)
        return dt.date(year, month + 1, 1)

    def is_visible_to(self, user) -> bool:
        return self.action.is_visible_to(user)
