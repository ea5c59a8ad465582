"""Signals (series showing special-cause variation) and the email alerts people subscribe to."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import Audited
from careloop.core.permissions import can
from careloop.feedback.models import Feedback
from careloop.themes.models.framework import Theme


def sees_restricted(user) -> bool:
    """Whether the person's counts include restricted feedback (their role may see it)."""
    return can(user, Feedback.restricted_perm)


class SignalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Signals the person may see: those counting restricted feedback only for people who
        may see restricted feedback."""
        return self if sees_restricted(user) else self.filter(with_restricted=False)


class Signal(models.Model):
    """A series showing special-cause variation in a month (computed by trends.py).

    Two audiences are computed: counts with restricted feedback (for people who may see it)
    and without. A signal is a source of actions (Learn and act's one way to raise one).
    """

    action_source_permission = "themes.view"  # learning.selectors.sources

    key = models.CharField(max_length=120)
    label = models.CharField(max_length=300)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="signals"
    )
    month = models.DateField()
    with_restricted = models.BooleanField()
    variation = models.CharField(max_length=20)  # improvement, concern, neither
    side = models.SmallIntegerField()  # +1 higher, -1 lower
    rules = models.CharField(max_length=300)
    value = models.FloatField()
    mean = models.FloatField()
    first_seen_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "variation", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "month", "with_restricted"], name="signal_once_per_month"
            )
        ]
        indexes = [models.Index(fields=["month", "with_restricted"])]

    def __str__(self) -> str:
        return f"{self.label}: {self.variation} in {self.month:%B %Y}"

    def get_absolute_url(self) -> str:
        """The series' chart, where the signal shows."""
        return f"{reverse('themes:chart')}?{urlencode({'series': self.key})}"

    def is_visible_to(self, user) -> bool:
        return not self.with_restricted or sees_restricted(user)


class SignalSubscription(Audited):
    """Email me when a new signal appears (for one theme, or every theme)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="theme_subscriptions"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    concerns_only = models.BooleanField(
        "only concerns", default=False, help_text="Not improvements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Alerts for {self.theme or 'every theme'}"
