"""Classifier versions, kept with their evaluation, and the background runs over many items."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, Leased, Shown, optional_link, optional_person


class ModelVersion(Audited, Shown):
    """One version of the theme classifier, kept with its evaluation.

    A zero-shot version knows only the framework's descriptions and examples; a trained version
    has also learnt from feedback people have confirmed. Only one version is in use.
    """

    class Kind(models.TextChoices):
        ZERO_SHOT = "zero_shot", "Zero-shot (from descriptions and examples)"
        TRAINED = "trained", "Trained on confirmed feedback"

    class Status(models.TextChoices):
        TRAINING = "training", "Training"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    audit_exclude = ("evaluation",)

    number = models.PositiveIntegerField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TRAINING)
    framework_version = models.PositiveIntegerField()
    engine = models.CharField(max_length=120, blank=True)
    path = models.CharField(max_length=200, blank=True)  # folder under MODELS_DIR
    theme_keys = models.JSONField(default=list, blank=True)
    examples = models.PositiveIntegerField("labelled examples", default=0)
    evaluation = models.JSONField(default=dict, blank=True)
    macro_f1 = models.FloatField("macro-F1", null=True, blank=True)
    micro_f1 = models.FloatField("micro-F1", null=True, blank=True)
    sentiment_macro_f1 = models.FloatField("sentiment macro-F1", null=True, blank=True)
    is_active = models.BooleanField("in use", default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = optional_person(blank=True)
    override_reason = models.TextField(
        blank=True, help_text="Why a version that scored worse was put in use"
    )
    note = models.TextField(blank=True)
    error = models.TextField(blank=True)
    requested_by = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    show_url = "themes:model_show"

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_model_in_use"
            )
        ]

    def __str__(self) -> str:
        return f"Classifier version {self.number}"

    @classmethod
    def active(cls) -> ModelVersion | None:
        return cls.objects.filter(is_active=True, status=cls.Status.READY).first()


class ClassificationRun(Leased):
    """A background job over many items (classifying, reclassifying, retraining, rebuilding
    counts), with its progress for the page that started it."""

    class Kind(models.TextChoices):
        CLASSIFY = "classify", "Classify new feedback"
        RECLASSIFY = "reclassify", "Reclassify feedback"
        TRAIN = "train", "Train a new classifier version"
        REBUILD = "rebuild", "Rebuild counts and signals"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    LEASED_STATUSES = (Status.RUNNING,)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    scope = models.CharField(max_length=200, blank=True)  # what it covers, in words
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    model_version = optional_link(ModelVersion, blank=True, related_name="runs")
    requested_by = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def abandoned(self) -> None:
        """A version whose training died with its worker is failed, never left "training"."""
        for version in ModelVersion.objects.filter(runs=self, status=ModelVersion.Status.TRAINING):
            version.status = ModelVersion.Status.FAILED
            version.error = "Training stopped when the worker stopped"
            version.finished_at = timezone.now()
            version.save()
