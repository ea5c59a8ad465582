"""The external learning register: research, peer review, sector-led improvement, networks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_person


class ExternalLearning(Audited, Shown):
    """Learning from outside the council: research, peer review, sector-led improvement,
    networks, conferences and published good practice."""

    action_source_permission = "innovation.external_edit"  # learning.selectors.sources

    class Kind(models.TextChoices):
        RESEARCH = "research", "Research we take part in"
        PEER_REVIEW_RECEIVED = "peer_review_received", "Peer review of us"
        PEER_REVIEW_GIVEN = "peer_review_given", "Peer review we gave"
        SECTOR_LED = "sector_led", "Sector-led improvement"
        NETWORK = "network", "Regional or national network"
        CONFERENCE = "conference", "Conference or event"
        GOOD_PRACTICE = "good_practice", "Published good practice"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ONGOING = "ongoing", "Ongoing"
        COMPLETED = "completed", "Completed"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    organisation = models.CharField(
        "with",
        max_length=200,
        help_text="Who it is with or by, e.g. 'Skills for Care', 'ADASS West Midlands', "
        "'University of Northshire'.",
    )
    description = models.TextField(help_text="What it is and the council's part in it.")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ONGOING)
    lead = optional_person(blank=True)
    learned = models.TextField("what we learned", blank=True)
    shared = models.TextField(
        "how the learning was shared",
        blank=True,
        help_text="e.g. practice briefings, quality circles, the Learning Academy.",
    )
    link = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "innovation:external_show"

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = "external learning"
        verbose_name_plural = "external learning"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date"})
