"""Monthly series of a theme over one slice of feedback: what a chart can show, its new
baselines, and the counts other areas read (the measures of learning's impact evaluations)."""

from __future__ import annotations

import datetime as dt

from careloop.core.models import ServiceArea
from careloop.feedback.models import Feedback, Organisation
from careloop.themes import series as S
from careloop.themes.models import Rebase
from careloop.themes.series import SeriesKey


def series_counts(key: SeriesKey, months: list[dt.date], *, with_restricted: bool) -> list[int]:
    """The monthly counts of a series (not rates), one per month in `months` (first days)."""
    return S.counts(key, months, with_restricted=with_restricted)


def chart_slices() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The slices a chart can be narrowed to, for the chart page's form: (dim, label, choices)."""
    return [
        ("kind", "Kind", list(Feedback.Kind.choices)),
        ("service", "Service", [(str(s.pk), s.name) for s in ServiceArea.objects.order_by("name")]),
        (
            "provider",
            "Care provider",
            [
                (str(o.pk), o.name)
                for o in Organisation.objects.filter(kind=Organisation.Kind.PROVIDER)
            ],
        ),
    ]


def rebases(key: SeriesKey):
    """The series' new baselines, each with its reason."""
    return Rebase.objects.filter(key=str(key.without_rate()))
