"""Monthly series, for measuring the impact of actions: the registry, months and `Series`.

Each series is registered once, at start-up; the series of the other areas (complaints from
the feedback register, a theme's count or share) are read through their selectors and
registered by this area, in `selectors/provided.py` (`register()`, from the AppConfig):

    register_series_provider(
        "themes.theme_count", "Feedback about a theme, a month", theme_counts,
        kind="count", direction="lower", unit="items", options=theme_choices,
    )

`fn(start, end)` (or `fn(start, end, option)` when `options` is given) returns the values of
each month from `start` to `end` (both first days of months): a list of (month, value) pairs,
or (month, numerator, denominator) triples for a proportion. Months with nothing may be left
out: they count as 0 for counts and as missing otherwise. `options()` returns the choices
(value, label), e.g. one per theme or per complaint subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

KINDS = ("count", "value", "proportion")
DIRECTIONS = ("lower", "higher", "neither")


@dataclass(frozen=True)
class SeriesProvider:
    key: str
    label: str
    fn: Callable
    kind: str = "count"
    direction: str = "neither"
    unit: str = ""
    options: Callable[[], Iterable[tuple[str, str]]] | None = None
    description: str = ""

    def choices(self) -> list[tuple[str, str]]:
        return list(self.options()) if self.options else []

    def option_label(self, option: str) -> str:
        return dict(self.choices()).get(option, option)


_REGISTRY: dict[str, SeriesProvider] = {}


def register_series_provider(
    key: str,
    label: str,
    fn: Callable,
    *,
    kind: str = "count",
    direction: str = "neither",
    unit: str = "",
    options: Callable[[], Iterable[tuple[str, str]]] | None = None,
    description: str = "",
) -> SeriesProvider:
    if kind not in KINDS:
        raise ValueError(f"{key}: kind must be one of {KINDS}")
    if direction not in DIRECTIONS:
        raise ValueError(f"{key}: direction must be one of {DIRECTIONS}")
    provider = SeriesProvider(key, label, fn, kind, direction, unit, options, description)
    _REGISTRY[key] = provider
    return provider


def providers() -> list[SeriesProvider]:
    return sorted(_REGISTRY.values(), key=lambda p: p.label)


def get_provider(key: str) -> SeriesProvider | None:
    return _REGISTRY.get(key)


# --- Months ------------------------------------------------------------------------------------
def month_floor(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, 1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of each month from `start`'s month to `end`'s month, inclusive."""
    out, month = [], month_floor(start)
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out


def last_complete_month(today: dt.date | None = None) -> dt.date:
    return add_months(month_floor(today or dt.date.today()), -1)


@dataclass(frozen=True)
class Series:
    """A monthly series, oldest first; `denominators` only for proportions."""

    months: tuple[dt.date, ...]
    values: tuple[float, ...]
    denominators: tuple[float, ...] | None = None

    def __len__(self) -> int:
        return len(self.months)


def normalise(
    rows: Iterable[Sequence], months: list[dt.date], kind: str, *, zero_fill: bool = True
) -> Series:
    """The rows laid out on `months`. A provider's missing counts are 0 (nothing happened);
    other missing months, and every gap in an entered series, are left out (an XmR chart
    needs real values, not guesses)."""
    found: dict[dt.date, tuple[float, float | None]] = {}
    for row in rows:
        month = month_floor(row[0])
        value = float(row[1]) if not isinstance(row[1], Decimal) else float(row[1])
        denominator = float(row[2]) if len(row) > 2 and row[2] is not None else None
        found[month] = (value, denominator)
    kept, values, denominators = [], [], []
    for month in months:
        if month in found:
            value, denominator = found[month]
        elif kind == "count" and zero_fill:
            value, denominator = 0.0, None
        else:
            continue
        if kind == "proportion" and not denominator:
            continue
        kept.append(month)
        values.append(value)
        denominators.append(denominator or 0.0)
    return Series(tuple(kept), tuple(values), tuple(denominators) if kind == "proportion" else None)
