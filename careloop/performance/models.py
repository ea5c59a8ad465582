"""Measures, the councils they are published for, and each council's figure per year."""

from __future__ import annotations

import re

from django.db import models
from django.urls import reverse

from careloop.core.models import Audited

# Councils with adult social care duties: unitary, metropolitan, London boroughs, counties.
ASC_COUNCIL = re.compile(r"^E(06|08|09|10)\d{6}$")
COMPARATORS = [
    ("neighbours", "Nearest statistical neighbours"),
    ("region", "Councils in its region"),
    ("kind", "Councils of its type"),
]


class Council(Audited):
    """An English council with adult social care duties, as the published data names it."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField("council type", max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    # Its nearest statistical neighbours' codes, itself included; empty: no list published.
    neighbours = models.JSONField(default=list, blank=True)
    # The council careloop serves (one), and the comparator group it compares itself with.
    is_home = models.BooleanField(default=False)
    comparator = models.CharField(max_length=12, choices=COMPARATORS, default="neighbours")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Measure(Audited):
    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        SCORE = "score", "score"
        RATE = "rate", "rate per 100,000"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NONE = "none", "No direction"

    class Source(models.TextChoices):
        ASCOF = "ascof", "ASCOF"
        ASCS = "ascs", "Adult Social Care Survey"
        SACE = "sace", "Survey of Adult Carers"
        SFC = "sfc", "Skills for Care"
        LOCAL = "local", "Local"

    class Frequency(models.TextChoices):
        ANNUAL = "annual", "Annual"
        QUARTERLY = "quarterly", "Quarterly"
        MONTHLY = "monthly", "Monthly"

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default="annual")
    decimals = models.PositiveSmallIntegerField(default=1, help_text="Decimals shown")
    target = models.FloatField(null=True, blank=True, help_text="A local measure's target")
    description = models.TextField(blank=True)
    shipped = models.BooleanField(default=False, editable=False)
    # The themes of feedback the measure bears on (ASC3: information and advice).
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="measures")

    action_source_permission = "performance.view"  # learning.selectors.sources

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("performance:measure", kwargs={"code": self.code})

    @property
    def is_local(self) -> bool:
        return self.source == self.Source.LOCAL


class Figure(Audited):
    """One council's figure for one measure and period: a financial year ("2022-23") for
    published measures; a month ("2026-03") or quarter ("2026-Q1") for local ones.
    `value` is None when not published; `suppressed` then keeps the marker as published."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    period = models.CharField(max_length=7)
    value = models.FloatField(null=True, blank=True)
    suppressed = models.CharField(max_length=10, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "measure", "period"], name="performance_one_figure"
            )
        ]
        indexes = [models.Index(fields=["measure", "period"])]

    def __str__(self) -> str:
        return f"{self.council_id} {self.measure_id} {self.period}"
