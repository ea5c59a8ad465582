"""Reads for the themes pages, the home page, other areas and the API, one module per subject;
callers write `from careloop.themes import selectors; selectors.grid(user, filters)`.

Other areas read the themes area through here (and `careloop.themes.models`): learning's
measures use `SeriesKey` (`SeriesKey.find`, `.parse`) and `series_counts`, its QA agenda
`new_signals`, its annual report `complaint_subjects`, its pages `with_restricted`.
"""

from careloop.themes.selectors.audience import with_restricted
from careloop.themes.selectors.classifier import latest_runs, review_progress
from careloop.themes.selectors.comments import Panel, comments, panel, with_themes
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
from careloop.themes.selectors.framework import framework_changed_since_model, framework_versions
from careloop.themes.selectors.home import headlines, my_work
from careloop.themes.selectors.series import series_counts
from careloop.themes.selectors.signals import new_signals, signals
from careloop.themes.series import SeriesKey

__all__ = [
    "MIN_GROUP",
    "SLICE_FILTERS",
    "Filters",
    "Grid",
    "Panel",
    "Row",
    "SeriesKey",
    "Subject",
    "comments",
    "complaint_subjects",
    "equality_choices",
    "equality_label",
    "framework_changed_since_model",
    "framework_versions",
    "grid",
    "headlines",
    "latest_runs",
    "my_work",
    "new_signals",
    "panel",
    "review_progress",
    "series_counts",
    "signals",
    "with_restricted",
    "with_themes",
]
