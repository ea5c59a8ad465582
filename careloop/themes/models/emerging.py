"""Emerging topics: groups of comments the theme framework covers poorly (themes/ml/emerging.py
finds them), until a quality lead dismisses one, merges it into a theme or promotes it to one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import Audited
from careloop.themes.models.framework import Theme


class EmergingTopic(Audited):
    """A topic found in a period's feedback. Found again in a later search it is the same topic
    (most of its comments shared), so a dismissed topic stays dismissed."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        DISMISSED = "dismissed", "Dismissed"
        MERGED = "merged", "Merged into a theme"
        PROMOTED = "promoted", "Promoted to a theme"

    label = models.CharField(max_length=200)
    words = models.JSONField(default=list)
    period_start = models.DateField()
    period_end = models.DateField()
    size = models.PositiveIntegerField()
    cohesion = models.FloatField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="emerging_topics",
        help_text="The theme it was merged into or promoted to",
    )
    growing = models.BooleanField(
        default=False, help_text="More comments in its latest month than the months before"
    )
    found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["status", "-size", "label"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("themes:emerging_show", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW


class EmergingTopicComment(models.Model):
    """One comment of a topic; `typical` marks those nearest its centre."""

    topic = models.ForeignKey(EmergingTopic, on_delete=models.CASCADE, related_name="comments")
    feedback = models.ForeignKey(
        "feedback.Feedback", on_delete=models.CASCADE, related_name="emerging_topics"
    )
    typical = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "feedback"], name="emerging_comment_once")
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.feedback_id}"
