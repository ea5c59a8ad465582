"""Bookkeeping of the machinery: periodic runs, derived-figure builds, one-time form tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """When each periodic job last ran (see core.scheduler)."""

    name = models.CharField(max_length=200, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class DerivedState(models.Model):
    """When one kind of derived figures was last built from its sources (core/derived.py):
    `stale_since` is set when a source changes and cleared by a build that started after it;
    `queued_at` while a rebuild waits in the queue, so a burst of changes queues one."""

    key = models.CharField(max_length=100, unique=True)
    built_at = models.DateTimeField(null=True, blank=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.key


class SubmissionToken(models.Model):
    """A form's one-time token (`core.web.submit`): the first POST that carries it saves and
    records what it made; a second POST of the same form (double click, back and send again)
    is answered with that record instead of making another. Kept for a day."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Form sent at {self.created_at:%Y-%m-%d %H:%M}"
