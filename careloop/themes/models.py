"""Themes: the framework (categories, themes, versions), classifier versions, the themes of each
piece of feedback, pre-aggregated monthly counts, chart settings and signals.

The framework is versioned: every change makes a new `FrameworkVersion` with a snapshot and a
list of what changed. Themes are never deleted, only retired, so counts and classifications
made under an earlier version keep pointing at the themes they were made with.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import Audited


class Direction(models.TextChoices):
    """Which way is better for a measure (Making Data Count's improvement direction)."""

    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"
    NEITHER = "neither", "Neither: no better direction"


# --- The framework -------------------------------------------------------------------------------
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


class Theme(Audited):
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

    class Meta:
        ordering = ["category__order", "category__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(is_active=True), name="theme_unique_active_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("themes:theme_show", args=[self.pk])

    @property
    def example_list(self) -> list[str]:
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class FrameworkVersion(Audited):
    """A published state of the framework. Append-only: each change makes a new one."""

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


# --- Classifier versions -------------------------------------------------------------------------
class ModelVersion(Audited):
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
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.TextField(
        blank=True, help_text="Why a version that scored worse was put in use"
    )
    note = models.TextField(blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_model_in_use"
            )
        ]

    def __str__(self) -> str:
        return f"Classifier version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("themes:model_show", args=[self.pk])

    @classmethod
    def active(cls) -> ModelVersion | None:
        return cls.objects.filter(is_active=True, status=cls.Status.READY).first()


# --- Charts: per-series settings and rebases -----------------------------------------------------
class SeriesSettings(Audited):
    """How one series is charted: improvement direction, run lengths, a fixed baseline.

    `key` names the series (see careloop.themes.series), e.g. "theme:12" or
    "theme:12/kind:complaint". A series with no settings uses the theme's direction and the
    Making Data Count defaults.
    """

    key = models.CharField(max_length=120, unique=True)
    direction = models.CharField(
        "improvement direction", max_length=10, choices=Direction.choices, default=Direction.LOWER
    )
    trend_length = models.PositiveSmallIntegerField(
        "trend: points in a row rising or falling", default=7
    )
    shift_length = models.PositiveSmallIntegerField(
        "shift: points in a row on one side of the mean", default=7
    )
    baseline_points = models.PositiveSmallIntegerField(
        "fix the limits on the first",
        null=True,
        blank=True,
        help_text="Months. Leave empty to calculate the limits from every month.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "series settings"

    def __str__(self) -> str:
        return f"Chart settings for {self.key}"


class Rebase(Audited):
    """A new baseline from `month` for one series, with the reason the process changed."""

    key = models.CharField(max_length=120, db_index=True)
    month = models.DateField(help_text="The first month of the new baseline")
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "month"]
        constraints = [models.UniqueConstraint(fields=["key", "month"], name="rebase_unique_month")]

    def __str__(self) -> str:
        return f"New baseline from {self.month:%B %Y}"


# --- The themes of each piece of feedback --------------------------------------------------------
class Source(models.TextChoices):
    MODEL = "model", "Suggested by the classifier"
    PERSON = "person", "Added by a person"


class Classification(models.Model):
    """What the themes area knows about one piece of feedback: its sentiment, the model that
    classified it, whether a person has reviewed its themes, and copies of the fields counts
    are grouped by (kept in step with the feedback record; see aggregates.py).

    Machine-made rows are written in bulk and not audited one by one; a person's review is
    written to the audit trail of the feedback record itself (services/review.py).
    """

    feedback = models.OneToOneField(
        "feedback.Feedback", on_delete=models.CASCADE, related_name="classification"
    )
    model_version = models.ForeignKey(
        ModelVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    framework_version = models.PositiveIntegerField(default=0)
    classified_at = models.DateTimeField(null=True, blank=True)
    sentiment = models.PositiveSmallIntegerField(null=True, blank=True)
    sentiment_confidence = models.FloatField(null=True, blank=True)
    sentiment_source = models.CharField(max_length=10, choices=Source.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Copies of the feedback's fields, for counting without joins.
    month = models.DateField()
    kind = models.CharField(max_length=20)
    service_id = models.BigIntegerField(null=True, blank=True)
    team_id = models.BigIntegerField(null=True, blank=True)
    provider_id = models.BigIntegerField(null=True, blank=True)
    restricted = models.BooleanField(default=False)
    live = models.BooleanField(default=True)  # False once the feedback is deleted

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(sentiment__isnull=True) | Q(sentiment__gte=1, sentiment__lte=5),
                name="classification_sentiment_1_to_5",
            )
        ]
        indexes = [
            models.Index(fields=["month", "kind"]),
            # three or more dashboard filters count rows: start from the narrow ones
            models.Index(fields=["provider_id", "month"]),
            models.Index(fields=["team_id", "month"]),
            models.Index(fields=["classified_at"]),
            models.Index(fields=["reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"Themes of feedback {self.feedback_id}"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class FeedbackTheme(models.Model):
    """One theme on one piece of feedback: suggested by the classifier (with its confidence
    and model version) until a person confirms it; removed themes are kept as `rejected`,
    which is what the next training learns from. Counts include suggested and confirmed."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Removed"

    feedback = models.ForeignKey(
        "feedback.Feedback", on_delete=models.CASCADE, related_name="theme_links"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="feedback_links")
    status = models.CharField(max_length=10, choices=Status.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    confidence = models.FloatField(null=True, blank=True)
    model_version = models.ForeignKey(
        ModelVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    framework_version = models.PositiveIntegerField(default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Copies of the feedback's fields (see Classification), and whether it counts.
    month = models.DateField()
    kind = models.CharField(max_length=20)
    service_id = models.BigIntegerField(null=True, blank=True)
    team_id = models.BigIntegerField(null=True, blank=True)
    provider_id = models.BigIntegerField(null=True, blank=True)
    sentiment = models.PositiveSmallIntegerField(null=True, blank=True)
    restricted = models.BooleanField(default=False)
    counted = models.BooleanField(default=True)  # not removed, and the feedback not deleted

    COUNTED = (Status.SUGGESTED, Status.CONFIRMED)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="feedback_theme_once")
        ]
        indexes = [
            models.Index(fields=["theme", "month", "counted"]),
            models.Index(fields=["month", "counted", "kind"]),
            models.Index(fields=["provider_id", "month"]),  # as on Classification
            models.Index(fields=["team_id", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.theme} on feedback {self.feedback_id}"


class MonthlyCount(models.Model):
    """Pre-aggregated counts: feedback per month with a theme (`theme` 0: all feedback), for
    one slice (`dim`/`value`: all; one kind, service, team, provider or sentiment; or a pair of
    those, such as "kind+service"/"complaint+3"; or an equality group, alone or with one of
    those), split by restriction. Kept up to date as feedback is classified and changed, and
    rebuilt nightly (aggregates.py)."""

    month = models.DateField()
    theme = models.BigIntegerField()  # Theme id, or 0 for all feedback
    dim = models.CharField(max_length=20)
    value = models.CharField(max_length=60, blank=True)
    restricted = models.BooleanField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dim", "value", "theme", "month", "restricted"], name="monthly_count_key"
            )
        ]
        indexes = [models.Index(fields=["dim", "value", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%b %Y} theme {self.theme} {self.dim}={self.value}: {self.count}"


class ClassificationRun(models.Model):
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

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    scope = models.CharField(max_length=200, blank=True)  # what it covers, in words
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    model_version = models.ForeignKey(
        ModelVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class CommentFlag(Audited):
    """A person's flag on a comment: notable (worth reading at a meeting) or wrongly themed."""

    class Kind(models.TextChoices):
        NOTABLE = "notable", "Notable"
        WRONG = "wrong", "Wrongly themed"

    feedback = models.ForeignKey(
        "feedback.Feedback", on_delete=models.CASCADE, related_name="theme_flags"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    flagged_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-flagged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "kind"],
                condition=Q(resolved_at__isnull=True),
                name="comment_flag_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} flag"


# --- Signals and alerts --------------------------------------------------------------------------
class Signal(models.Model):
    """A series showing special-cause variation in a month (computed by trends.py).

    Two audiences are computed: counts with restricted feedback (for people who may see it)
    and without."""

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
