"""Did an intervention make a difference? Before/after and pilot/comparison evaluation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import findings as text
from .errors import StatsInputError, as_series
from .impact_common import (
    DEFAULT_MIN_PERIODS,
    ImpactResult,
    Kind,
    Outcome,
    Wording,
    counts_and_exposures,
    improvement_of,
    mean_describer,
    outcome_of,
    proportion_arrays,
    proportion_describer,
    rate_describer,
    rate_unit_text,
    split_at,
)
from .impact_groups import compare_group_counts, compare_group_means, compare_group_proportions
from .rules import Rule
from .significance import proportion_test, rate_ratio_test, welch_test
from .spc import xmr
from .spc_types import Direction, SpcOptions

__all__ = [
    "Kind",
    "Outcome",
    "ImpactResult",
    "count_impact",
    "mean_impact",
    "proportion_impact",
    "compare_group_counts",
    "compare_group_means",
    "compare_group_proportions",
]


def _before_context(
    series: np.ndarray, w: Wording, intervention: str, trend_length: int
) -> tuple[int, list[str]]:
    """SPC on the before period: was it already trending, or unstable?"""
    if len(series) < trend_length:
        return 0, [text.short_before_note(trend_length, w.period_name)]
    chart = xmr(series, options=SpcOptions(trend_length=trend_length, shift_length=trend_length))
    trend_sides = [
        s
        for p in chart.points
        for r, s in zip(p.rules, p.rule_sides, strict=True)
        if r is Rule.TREND
    ]
    if trend_sides:
        side = trend_sides[-1]
        return side, [text.trend_note(intervention, side, trend_length, w.period_name)]
    if any(Rule.SHIFT in p.rules for p in chart.points):
        return 0, [text.shift_note(trend_length, w.period_name)]
    return 0, []


def _before_after(
    kind: Kind,
    w: Wording,
    intervention: str,
    first_n: int,
    second_n: int,
    before_series: np.ndarray,
    run_test,
    describe,
    trend_length: int,
) -> ImpactResult:
    if min(first_n, second_n) < w.min_periods:
        finding = text.too_thin_before_after(
            w.measure, first_n, second_n, w.min_periods, w.period_name, intervention
        )
        return ImpactResult(kind, Outcome.TOO_LITTLE_DATA, finding, first_n, second_n)
    try:
        test = run_test()
    except StatsInputError as exc:
        finding = text.cannot_judge(w.measure, f"judge the effect of {intervention}", str(exc))
        return ImpactResult(kind, Outcome.TOO_LITTLE_DATA, finding, first_n, second_n)
    change, first, second = describe(test)
    stat = text.statistic(test, w.decimals)
    finding = text.before_after(w.measure, intervention, first, second, change, stat)
    side, notes = _before_context(before_series, w, intervention, trend_length)
    return ImpactResult(
        kind=kind,
        outcome=outcome_of(change),
        finding=finding,
        periods_first=first_n,
        periods_second=second_n,
        test=test,
        improvement=improvement_of(change, w.direction),
        notes=tuple(notes),
        before_trend=side,
    )


def count_impact(
    counts: Sequence[float],
    intervention_index: int,
    *,
    measure: str,
    intervention: str = "the change",
    exposures: Sequence[float] | None = None,
    per: float = 1.0,
    rate_unit: str | None = None,
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
    trend_length: int = 7,
) -> ImpactResult:
    """Counts per period before and after `intervention_index` (the first period after it).

    Exposure is the number of periods, or the summed denominators when `exposures` is given
    (rates then shown per `per`, e.g. 1000). Exact conditional rate-ratio test.
    """
    y, e = counts_and_exposures(counts, exposures, per)
    per = 1.0 if exposures is None else float(per)
    idx = split_at(len(y), intervention_index)
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    unit = rate_unit_text(exposures, per, period_name, rate_unit)
    return _before_after(
        Kind.COUNT,
        w,
        intervention,
        idx,
        len(y) - idx,
        y[:idx] / e[:idx] * per,
        lambda: rate_ratio_test(
            y[:idx].sum(), e[:idx].sum(), y[idx:].sum(), e[idx:].sum(), confidence
        ),
        rate_describer(per, unit, decimals),
        trend_length,
    )


def mean_impact(
    values: Sequence[float],
    intervention_index: int,
    *,
    measure: str,
    intervention: str = "the change",
    unit: str = "",
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
    trend_length: int = 7,
) -> ImpactResult:
    """A continuous measure (one value per period) before and after: Welch difference in means."""
    y = as_series(values)
    idx = split_at(len(y), intervention_index)
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    return _before_after(
        Kind.MEAN,
        w,
        intervention,
        idx,
        len(y) - idx,
        y[:idx],
        lambda: welch_test(y[:idx], y[idx:], confidence),
        mean_describer(unit, decimals),
        trend_length,
    )


def proportion_impact(
    numerators: Sequence[float],
    denominators: Sequence[float],
    intervention_index: int,
    *,
    measure: str,
    intervention: str = "the change",
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
    trend_length: int = 7,
) -> ImpactResult:
    """A proportion (numerator / denominator per period) before and after."""
    num, den = proportion_arrays(numerators, denominators)
    idx = split_at(len(num), intervention_index)
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    return _before_after(
        Kind.PROPORTION,
        w,
        intervention,
        idx,
        len(num) - idx,
        num[:idx] / den[:idx],
        lambda: proportion_test(
            num[:idx].sum(), den[:idx].sum(), num[idx:].sum(), den[idx:].sum(), confidence
        ),
        proportion_describer(decimals),
        trend_length,
    )
