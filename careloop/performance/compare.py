"""Where a council stands on one measure in one year: plain logic, no Django.

Medians, rank in the comparator group (1 = best by the measure's polarity; ties share the
better rank; none for a measure with no direction), quartile in England (1 = best quarter),
signed distance from the England median in median absolute deviations, and changes with an
honest word on whether they are beyond year-to-year noise.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

HIGHER, LOWER, NONE = "higher", "lower", "none"
# A change is beyond noise when bigger than the upper range limit of the year-to-year moving
# ranges (3.267 x their mean, as in an XmR chart's mR chart), from at least this many ranges.
RANGE_LIMIT = 3.267
MIN_RANGES = 3
BEYOND, WITHIN, CANNOT = "beyond year-to-year noise", "within year-to-year noise", "cannot conclude"

_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-/–]\s*(\d{2}|\d{4})|(\d{2}))\s*$")


def parse_year(text: str) -> str | None:
    """'2022-23', '2022/23', '202223' or '2022-2023' as '2022-23'; None if not a year."""
    match = _YEAR.match(str(text))
    if not match:
        return None
    start = int(match.group(1))
    end = match.group(2) or match.group(3)
    if int(end[-2:]) != (start + 1) % 100 or (len(end) == 4 and int(end) != start + 1):
        return None
    return f"{start}-{(start + 1) % 100:02d}"


def year_start(period: str) -> int:
    return int(period[:4])


def tidy(value: float | None) -> float | None:
    """Float noise cleared (0.30000000000000004 -> 0.3), for output."""
    return None if value is None else round(value, 10)


@dataclass(frozen=True)
class Standing:
    council_code: str
    measure_code: str
    year: str
    value: float | None
    england_median: float | None
    group_size: int | None
    group_median: float | None
    group_rank: int | None
    england_quartile: int | None
    mads_from_median: float | None
    previous_value: float | None
    change: float | None
    # beyond the JSON: more for findings and pages
    england_count: int = 0
    previous_year: str | None = None
    three_year_change: float | None = None
    noise: str = CANNOT
    first_year: str | None = None
    first_value: float | None = None
    group_low: float | None = None
    group_high: float | None = None

    JSON_KEYS = (
        "council_code",
        "measure_code",
        "year",
        "value",
        "england_median",
        "group_size",
        "group_median",
        "group_rank",
        "england_quartile",
        "mads_from_median",
        "previous_value",
        "change",
    )

    def as_json(self) -> dict:
        data = asdict(self)
        return {key: data[key] for key in self.JSON_KEYS}


def better_count(value: float, others: Iterable[float], polarity: str) -> int:
    """How many of `others` are strictly better than `value`."""
    if polarity == HIGHER:
        return sum(1 for v in others if v > value)
    return sum(1 for v in others if v < value)


def rank(value: float, values: list[float], polarity: str) -> int | None:
    """1 = best; ties share the better rank; None for a measure with no direction."""
    if polarity == NONE:
        return None
    return 1 + better_count(value, values, polarity)


def quartile(value: float, values: list[float], polarity: str) -> int | None:
    """1 = the best quarter of `values` (ties take the better quarter)."""
    if polarity == NONE or not values:
        return None
    return min(4, 1 + (4 * better_count(value, values, polarity)) // len(values))


def mads(value: float, values: list[float]) -> float | None:
    """Signed (value - median) / median absolute deviation; None when the deviation is 0."""
    median = statistics.median(values)
    deviation = statistics.median(abs(v - median) for v in values)
    return None if deviation == 0 else (value - median) / deviation


def noise(series: list[float]) -> str:
    """Is the last change in the series beyond the year-to-year noise of the ones before?"""
    ranges = [abs(b - a) for a, b in zip(series, series[1:], strict=False)]
    if len(ranges) < MIN_RANGES + 1:
        return CANNOT
    *before, last = ranges
    limit = RANGE_LIMIT * statistics.fmean(before)
    return BEYOND if last > limit else WITHIN


def standing(
    *,
    council_code: str,
    measure_code: str,
    year: str,
    polarity: str,
    england: Mapping[str, float],
    group: Iterable[str] | None,
    series: Mapping[str, float],
) -> Standing:
    """`england`: every council's figure that year (code -> value, published figures only);
    `group`: the comparator group's codes (itself among them) or None for no list;
    `series`: this council's figures by year."""
    values = list(england.values())
    value = england.get(council_code)
    median = statistics.median(values) if values else None
    group_values = None
    if group is not None:
        codes = set(group) | {council_code}
        group_values = [england[c] for c in sorted(codes) if c in england]
    earlier = sorted((p for p in series if year_start(p) < year_start(year)), key=year_start)
    previous_year = earlier[-1] if earlier else None
    previous = series[previous_year] if previous_year else None
    three = series.get(f"{year_start(year) - 3}-{(year_start(year) - 2) % 100:02d}")
    chain = [series[p] for p in earlier] + ([value] if value is not None else [])
    group_rank = quarter = distance = None
    if value is not None:
        group_rank = rank(value, group_values, polarity) if group_values else None
        quarter = quartile(value, values, polarity)
        distance = tidy(mads(value, values))
    return Standing(
        council_code=council_code,
        measure_code=measure_code,
        year=year,
        value=value,
        england_median=tidy(median),
        group_size=len(group_values) if group_values is not None else None,
        group_median=tidy(statistics.median(group_values)) if group_values else None,
        group_rank=group_rank,
        england_quartile=quarter,
        mads_from_median=distance,
        previous_value=previous,
        change=tidy(value - previous) if value is not None and previous is not None else None,
        england_count=len(values),
        previous_year=previous_year,
        three_year_change=tidy(value - three) if value is not None and three is not None else None,
        noise=noise(chain) if value is not None and previous is not None else CANNOT,
        first_year=earlier[0] if earlier else None,
        first_value=series[earlier[0]] if earlier else None,
        group_low=min(group_values) if group_values else None,
        group_high=max(group_values) if group_values else None,
    )
