"""The themes of each piece of feedback: what the themes area knows of it, each theme on it
(suggested or decided by a person), and people's flags on the comment."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, empty_or_between, optional_link, optional_person
from careloop.themes.models.classifier import ModelVersion
from careloop.themes.models.framework import Theme


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
    model_version = optional_link(ModelVersion, blank=True)
    framework_version = models.PositiveIntegerField(default=0)
    classified_at = models.DateTimeField(null=True, blank=True)
    sentiment = models.PositiveSmallIntegerField(null=True, blank=True)
    sentiment_confidence = models.FloatField(null=True, blank=True)
    sentiment_source = models.CharField(max_length=10, choices=Source.choices, blank=True)
    reviewed_by = optional_person(blank=True)
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
        constraints = [empty_or_between("sentiment", 1, 5, name="classification_sentiment_1_to_5")]
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
    model_version = optional_link(ModelVersion, blank=True)
    framework_version = models.PositiveIntegerField(default=0)
    decided_by = optional_person(blank=True)
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
    flagged_by = optional_person()
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
