"""Monthly series of a theme over one slice of feedback, for charts and for other areas (the
measures of learning's impact evaluations)."""

from __future__ import annotations

import datetime as dt

from careloop.themes import series as S
from careloop.themes.series import SeriesKey


def series_counts(key: SeriesKey, months: list[dt.date], *, with_restricted: bool) -> list[int]:
    """The monthly counts of a series (not rates), one per month in `months` (first days)."""
    return S.counts(key, months, with_restricted=with_restricted)
