"""Reads for the themes pages, the home page, other areas and the API, one module per subject;
callers write `from careloop.themes import selectors; selectors.grid(user, filters)`.

Other areas read the themes area through here (and `careloop.themes.models`): learning's
measures use `SeriesKey` (`SeriesKey.find`, `.parse`) and `series_counts`, its QA agenda
`new_signals`, its annual report `complaint_subjects`, its pages `with_restricted`.
"""

from careloop.themes.selectors.audience import with_restricted
from careloop.themes.selectors.classifier import (
    latest_runs,
    model_versions,
    per_theme_scores,
    review_progress,
)
from careloop.themes.selectors.comments import Panel, comments, panel, review_choices, with_themes
from careloop.themes.selectors.complaints import Subject, complaint_subjects
from careloop.themes.selectors.dashboard import (
    MIN_GROUP,
    SLICE_FILTERS,
    Filters,
    Grid,
    Row,
    equality_choices,
    equality_label,
    grid,
)
from careloop.themes.selectors.emerging import TopicDetail, growing_topics, topic_detail, topics
from careloop.themes.selectors.framework import (
    framework_categories,
    framework_changed_since_model,
    framework_versions,
    latest_framework_version,
    retired_themes,
    theme_link_counts,
    themes_in_use,
)
from careloop.themes.selectors.home import headlines, my_work
from careloop.themes.selectors.series import chart_slices, rebases, series_counts
from careloop.themes.selectors.signals import (
    latest_signal,
    new_signals,
    signals,
    subscriptions_of,
)
from careloop.themes.series import SeriesKey

__all__ = [
    "TopicDetail",
    "growing_topics",
    "topic_detail",
    "topics",
    "MIN_GROUP",
    "SLICE_FILTERS",
    "Filters",
    "Grid",
    "Panel",
    "Row",
    "SeriesKey",
    "Subject",
    "chart_slices",
    "comments",
    "complaint_subjects",
    "equality_choices",
    "equality_label",
    "framework_categories",
    "framework_changed_since_model",
    "framework_versions",
    "grid",
    "headlines",
    "latest_framework_version",
    "latest_runs",
    "latest_signal",
    "model_versions",
    "my_work",
    "new_signals",
    "panel",
    "per_theme_scores",
    "rebases",
    "retired_themes",
    "review_choices",
    "review_progress",
    "series_counts",
    "signals",
    "subscriptions_of",
    "theme_link_counts",
    "themes_in_use",
    "with_restricted",
    "with_themes",
]
