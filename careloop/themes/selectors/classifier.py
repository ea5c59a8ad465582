"""The classifier: its versions with their evaluation, how much feedback is classified and
reviewed, and recent runs."""

from __future__ import annotations

from careloop.feedback.models import Feedback
from careloop.themes.models import Classification, ClassificationRun, ModelVersion, Theme


def review_progress() -> dict:
    return {
        "classified": Classification.objects.filter(live=True, classified_at__isnull=False).count(),
        "reviewed": Classification.objects.filter(live=True, reviewed_at__isnull=False).count(),
        "waiting": Feedback.objects.filter(classification__isnull=True).count(),
    }


def latest_runs(limit: int = 10):
    return ClassificationRun.objects.select_related("model_version", "requested_by")[:limit]


def model_versions():
    return ModelVersion.objects.select_related("requested_by", "activated_by")


def per_theme_scores(version: ModelVersion) -> list[tuple[Theme | None, str, dict]]:
    """A version's evaluation per theme: (theme, key, scores), most examples first."""
    names = {t.key: t for t in Theme.objects.all()}
    return sorted(
        (
            (names.get(key), key, scores)
            for key, scores in (version.evaluation.get("per_theme") or {}).items()
        ),
        key=lambda item: (-item[2].get("support", 0), item[1]),
    )
