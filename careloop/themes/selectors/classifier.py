"""The classifier's progress: how much feedback is classified and reviewed, and recent runs."""

from __future__ import annotations

from careloop.feedback.models import Feedback
from careloop.themes.models import Classification, ClassificationRun


def review_progress() -> dict:
    return {
        "classified": Classification.objects.filter(live=True, classified_at__isnull=False).count(),
        "reviewed": Classification.objects.filter(live=True, reviewed_at__isnull=False).count(),
        "waiting": Feedback.objects.filter(classification__isnull=True).count(),
    }


def latest_runs(limit: int = 10):
    return ClassificationRun.objects.select_related("model_version", "requested_by")[:limit]
