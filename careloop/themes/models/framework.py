"""The theme framework: categories, themes and the published versions of the framework.

The framework is versioned: every change makes a new `FrameworkVersion` with a snapshot and a
list of what changed. Themes are never deleted, only retired, so counts and classifications
made under an earlier version keep pointing at the themes they were made with.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_person


class Direction(models.TextChoices):
    """Which way is better for a measure (Making Data Count's improvement direction)."""

    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"
    NEITHER = "neither", "Neither: no better direction"


class Category(Audited):
    """A group of themes, e.g. "Money and payments"."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Theme(Audited, Shown):
    """One theme: what it covers (description) and how people put it (example phrases).

    `key` never changes, so a renamed theme keeps its history. A theme is retired, never
    deleted: feedback themed with it keeps that theme.
    """

    key = models.SlugField(max_length=80, unique=True, editable=False)
    name = models.CharField(max_length=120)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="themes")
    description = models.TextField(
        help_text="What the theme covers, in plain words: the classifier reads it too."
    )
    examples = models.TextField(
        "example phrases",
        blank=True,
        help_text="One per line: things people say that belong to this theme.",
    )
    direction = models.CharField(
        "improvement direction",
        max_length=10,
        choices=Direction.choices,
        default=Direction.LOWER,
        help_text="Whether fewer mentions (most themes) or more (praise) is better.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("in use", default=True)
    added_in = models.PositiveIntegerField("added in framework version", default=1)
    retired_in = models.PositiveIntegerField("retired in framework version", null=True, blank=True)

    objects = ThemeQuerySet.as_manager()

    show_url = "themes:theme_show"

    class Meta:
        ordering = ["category__order", "category__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(is_active=True), name="theme_unique_active_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def example_list(self) -> list[str]:
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class FrameworkVersion(Audited):
    """A published state of the framework. Append-only: each change makes a new one."""

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = optional_person(blank=True)
    note = models.TextField(blank=True, help_text="Why the framework changed")
    changes = models.JSONField(default=list, blank=True)  # ["Added theme “Transport”", …]
    snapshot = models.JSONField(default=dict)  # {"categories": [...], "themes": [...]}

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Framework version {self.number}"

    @classmethod
    def current_number(cls) -> int:
        latest = cls.objects.order_by("-number").values_list("number", flat=True).first()
        return latest or 0
