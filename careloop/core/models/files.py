"""Attachments on any record and tabular imports (files people upload)."""

from __future__ import annotations

import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.permissions import can

from .base import Audited, Leased, Shown, optional_person


# --- Attachments: files, web links and links to other records, on any record -------------------
def _attachment_path(instance, filename: str) -> str:
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class Attachment(Audited):
    """A file, a web link or a link to another careloop record, attached to any record.

    Who may see it is decided by the record it is attached to: `view_permission` (the
    permission needed to see that record) and the record's own restriction.
    """

    class Kind(models.TextChoices):
        FILE = "file", "File"
        LINK = "link", "Web link"
        RECORD = "record", "careloop record"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    view_permission = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_attachment_path, blank=True)
    url = models.URLField(max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    role = models.CharField(
        max_length=50, blank=True, help_text="What it is to the record, e.g. 'evidence'"
    )
    added_by = optional_person()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.FILE:
            return reverse("core:attachment_download", args=[self.pk])
        if self.kind == self.Kind.LINK:
            return self.url
        target = self.target
        if target is not None and hasattr(target, "get_absolute_url"):
            return target.get_absolute_url()
        return ""

    def is_visible_to(self, user) -> bool:
        record = self.record
        return record is not None and can(user, self.view_permission, record)


# --- Imports: tabular files read by an area's importer (see core/imports/) ---------------------
def _import_path(instance, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class ImportMapping(Audited):
    """Which column of a source's files holds which field, saved per importer and source
    (e.g. the feedback importer's "SmartSurvey ASC survey" exports)."""

    importer = models.CharField(max_length=50)
    source = models.CharField(max_length=100)
    mapping = models.JSONField(default=dict)  # field name -> column header
    options = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["importer", "source"]
        constraints = [
            models.UniqueConstraint(fields=["importer", "source"], name="import_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.importer})"


class ImportJob(Leased, Shown):
    """One file being imported: its mapping, progress and result. Not audited itself (it is
    bookkeeping); the records it writes are, and so is who ran it (created_by)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Waiting for the columns to be matched"
        QUEUED = "queued", "Waiting to start"
        CHECKING = "checking", "Checking rows"
        WRITING = "writing", "Saving"
        DONE = "done", "Finished"
        INVALID = "invalid", "Not imported: some rows have problems"
        FAILED = "failed", "Failed"

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.WRITING)
    LEASED_STATUSES = (Status.CHECKING, Status.WRITING)

    importer = models.CharField(max_length=50, db_index=True)
    source = models.CharField(max_length=100)
    file = models.FileField(upload_to=_import_path)
    original_name = models.CharField(max_length=200)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    options = models.JSONField(default=dict, blank=True)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [[row, column, reason]], capped
    message = models.TextField(blank=True)
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    show_url = "core:import_show"

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0 if self.is_running else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))
