"""Evaluations of a pilot, with the decision to scale up, adapt or stop."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_person

from .pilots import Pilot


class Evaluation(Audited, Shown):
    """An evaluation of a pilot at a point in time: the analysis of every measure up to
    `data_to`, a plain-English summary, and (when one is made) the decision with reasons."""

    class Kind(models.TextChoices):
        INTERIM = "interim", "Interim evaluation"
        FINAL = "final", "Final evaluation"

    class Decision(models.TextChoices):
        SCALE = "scale", "Scale up"
        ADAPT = "adapt", "Adapt and continue"
        STOP = "stop", "Stop"

    DECISION_COLOURS = {"scale": "green", "adapt": "yellow", "stop": "red"}

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    data_to = models.DateField(
        "data up to", help_text="Readings for periods starting after this date are left out."
    )
    summary = models.TextField(
        "plain-English summary",
        help_text="What the figures show, in words a councillor or a person using services "
        "would understand. Say so when there is too little data to tell.",
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    reasons = models.TextField("reasons for the decision", blank=True)
    extend_to = models.DateField(
        "continue until",
        null=True,
        blank=True,
        help_text="When adapting: the pilot's new planned end.",
    )
    decided_by = optional_person(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    author = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "innovation:evaluation_show"
    show_url_args = ("pilot_id", "pk")

    class Meta:
        ordering = ["-data_to", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.pilot} (data to {self.data_to:%d %b %Y})"

    @property
    def decision_colour(self) -> str:
        return self.DECISION_COLOURS.get(self.decision, "grey")
