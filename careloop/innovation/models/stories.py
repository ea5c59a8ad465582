"""People's stories of a pilot and the risks to it."""

from __future__ import annotations

import datetime as dt

from django.db import models

from careloop.core.models import Audited, optional_person

from .pilots import Pilot


class Story(Audited):
    """A person's own account of the pilot, used with their consent and without their name."""

    audit_redact = ("story",)

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=150)
    story = models.TextField(help_text="In the person's words where possible. Leave out names.")
    whose = models.CharField(
        "whose story",
        max_length=150,
        help_text="Described without identifying them, e.g. 'A carer, 70s, North locality'.",
    )
    consent = models.BooleanField(
        "the person agreed to their story being used",
        default=False,
        help_text="Stories are only kept with consent.",
    )
    told_on = models.DateField(default=dt.date.today)
    added_by = optional_person(blank=True)

    class Meta:
        ordering = ["-told_on", "pk"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class Risk(Audited):
    """A risk to the pilot or to the people in it, scored likelihood x impact (1-5 each)."""

    SCORES = [(i, str(i)) for i in range(1, 6)]

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(choices=SCORES, default=3)
    impact = models.PositiveSmallIntegerField(choices=SCORES, default=3)
    mitigation = models.TextField(blank=True)
    is_open = models.BooleanField("open", default=True)

    class Meta:
        ordering = ["-is_open", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> tuple[str, str]:
        """(label, tag colour) from the score: 1-4 low, 5-12 medium, 15-25 high."""
        if self.score >= 15:
            return "High", "red"
        if self.score >= 5:
            return "Medium", "orange"
        return "Low", "green"
