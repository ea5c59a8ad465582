"""Series: monthly counts (or rates) of feedback with a theme, for one slice of feedback.

A series is named by a key: "theme:12" (all feedback with theme 12), "theme:12/kind:complaint",
"theme:12/service:3", "theme:12/provider:8", "all/kind:compliment" (all feedback of a kind);
a rate adds "/rate" (per 100 feedback items in the same slice). Values come from the
pre-aggregated `MonthlyCount`, so a series costs one small query whatever the data size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Model, Sum

from careloop.core.models import ServiceArea, Team
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback, Organisation
from careloop.themes.aggregates import ALL, DIMS
from careloop.themes.models import Direction, MonthlyCount, Theme

DIM_LABELS = {
    "kind": "kind",
    "service": "service",
    "team": "team",
    "provider": "care provider",
    "sentiment": "sentiment",
}
SENTIMENTS = {
    1: "Very positive",
    2: "Positive",
    3: "Mixed or neutral",
    4: "Negative",
    5: "Very negative",
}
# Series charted and watched for signals: every theme overall and by these slices.
SIGNAL_DIMS = ("kind", "service", "provider")


@dataclass(frozen=True)
class SeriesKey:
    theme: int  # 0: all feedback
    dim: str = ALL
    value: str = ""
    rate: bool = False

    def __str__(self) -> str:
        head = f"theme:{self.theme}" if self.theme else "all"
        part = f"/{self.dim}:{self.value}" if self.dim != ALL else ""
        return head + part + ("/rate" if self.rate else "")

    @classmethod
    def parse(cls, text: str) -> SeriesKey:
        """A key from its text; ServiceError if it is not one."""
        parts = (text or "").split("/")
        try:
            head = parts.pop(0)
            theme = 0 if head == "all" else int(head.removeprefix("theme:"))
            if head != "all" and not head.startswith("theme:"):
                raise ValueError
            rate = bool(parts) and parts[-1] == "rate"
            if rate:
                parts.pop()
            dim, value = ALL, ""
            if parts:
                dim, value = parts.pop().split(":", 1)
            if parts or (dim != ALL and (dim not in DIMS or not value)) or theme < 0:
                raise ValueError
        except ValueError:
            raise ServiceError(f"“{text}” is not a chart careloop knows", field="series") from None
        if rate and theme == 0:
            raise ServiceError("A rate needs a theme", field="series")
        return cls(theme, dim, value, rate)

    @classmethod
    def find(cls, text: str) -> SeriesKey | None:
        """A key from its text, or None if it is not one."""
        try:
            return cls.parse(text)
        except ServiceError:
            return None

    def without_rate(self) -> SeriesKey:
        return SeriesKey(self.theme, self.dim, self.value)

    def with_rate(self, rate: bool) -> SeriesKey:
        return SeriesKey(self.theme, self.dim, self.value, rate)

    @property
    def slice_key(self) -> SeriesKey:
        """The same slice, all feedback (the denominator of a rate)."""
        return SeriesKey(0, self.dim, self.value)


# --- Months --------------------------------------------------------------------------------------
def add_months(day: dt.date, n: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + n, 12)
    return dt.date(year, month + 1, 1)


def last_complete_month(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return add_months(today.replace(day=1), -1)


def window(today: dt.date | None = None, months: int | None = None) -> list[dt.date]:
    """The months charted: up to `months` (default 24) complete months, ending last month,
    starting no earlier than the first month with any feedback."""
    count = months or int(getattr(settings, "CARELOOP_THEMES_MONTHS", 24))
    end = last_complete_month(today)
    start = add_months(end, -(count - 1))
    first = MonthlyCount.objects.filter(dim=ALL, theme=0).aggregate(m=Min("month"))["m"]
    if first and first > start:
        start = first
    if start > end:
        return []
    out, month = [], start
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out


# --- Values --------------------------------------------------------------------------------------
def counts(key: SeriesKey, months: list[dt.date], *, with_restricted: bool) -> list[int]:
    """The monthly counts of the series (not rates), one per month in `months`."""
    if not months:
        return []
    qs = MonthlyCount.objects.filter(
        dim=key.dim, value=key.value, theme=key.theme, month__gte=months[0], month__lte=months[-1]
    )
    if not with_restricted:
        qs = qs.filter(restricted=False)
    found = dict(qs.values_list("month").annotate(n=Sum("count")).order_by())
    return [int(found.get(m, 0)) for m in months]


def many_counts(
    months: list[dt.date], dims: tuple[str, ...], *, with_restricted: bool
) -> dict[SeriesKey, list[int]]:
    """Every series of the given slices in one query (for signals)."""
    index = {m: i for i, m in enumerate(months)}
    out: dict[SeriesKey, list[int]] = defaultdict(lambda: [0] * len(months))
    if not months:
        return out
    qs = MonthlyCount.objects.filter(
        dim__in=(ALL, *dims), month__gte=months[0], month__lte=months[-1]
    )
    if not with_restricted:
        qs = qs.filter(restricted=False)
    rows = qs.values_list("dim", "value", "theme", "month").annotate(n=Sum("count")).order_by()
    for dim, value, theme, month, n in rows:
        out[SeriesKey(theme, dim, value)][index[month]] += n
    return out


# --- Words ---------------------------------------------------------------------------------------
def slice_label(dim: str, value: str) -> str:
    if dim == ALL:
        return ""
    if dim == "kind":
        return dict(Feedback.Kind.choices).get(value, value)
    if dim == "sentiment":
        return SENTIMENTS.get(int(value), value) if value.isdigit() else value
    model: type[Model] = {"service": ServiceArea, "team": Team, "provider": Organisation}[dim]
    found = model._default_manager.filter(pk=value).first() if value.isdigit() else None
    return str(found) if found else f"{DIM_LABELS[dim]} {value} (removed)"


class Labeller:
    """Names of series, with the look-ups cached (signals label hundreds of series)."""

    def __init__(self):
        self.themes = {t.pk: t for t in Theme.objects.all()}
        self._slices: dict[tuple[str, str], str] = {}

    def slice(self, dim: str, value: str) -> str:
        if (dim, value) not in self._slices:
            self._slices[dim, value] = slice_label(dim, value)
        return self._slices[dim, value]

    def label(self, key: SeriesKey) -> str:
        theme = self.themes.get(key.theme)
        if key.theme == 0:
            head = "All feedback"
        else:
            head = f"“{theme.name}”" if theme else f"Theme {key.theme} (removed)"
            head = ("Share of feedback about " if key.rate else "Feedback about ") + head
        if key.dim != ALL:
            head += f": {DIM_LABELS[key.dim]} {self.slice(key.dim, key.value)}"
        return head

    def direction(self, key: SeriesKey) -> Direction:
        """The default improvement direction: the theme's own; for all feedback of a kind,
        fewer complaints and more compliments are better."""
        if key.theme:
            theme = self.themes.get(key.theme)
            return Direction(theme.direction) if theme else Direction.NEITHER
        if key.dim == "kind" and key.value in Feedback.COMPLAINT_KINDS:
            return Direction.LOWER
        if key.dim == "kind" and key.value == Feedback.Kind.COMPLIMENT:
            return Direction.HIGHER
        return Direction.NEITHER
