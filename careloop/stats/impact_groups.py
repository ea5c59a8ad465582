"""Pilot against comparison group over the same periods (same tests as before/after)."""

from __future__ import annotations

from collections.abc import Sequence

from . import findings as text
from .errors import StatsInputError, as_series, same_length
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
)
from .significance import proportion_test, rate_ratio_test, welch_test
from .spc_types import Direction

__all__ = ["compare_group_counts", "compare_group_means", "compare_group_proportions"]


def _compare(
    kind: Kind,
    w: Wording,
    pilot: str,
    comparison: str,
    periods: int,
    run_test,
    describe,
) -> ImpactResult:
    if periods < w.min_periods:
        finding = text.too_thin_groups(
            w.measure, periods, w.min_periods, w.period_name, pilot, comparison
        )
        return ImpactResult(kind, Outcome.TOO_LITTLE_DATA, finding, periods, periods)
    try:
        test = run_test()
    except StatsInputError as exc:
        finding = text.cannot_judge(w.measure, f"compare {pilot} with {comparison}", str(exc))
        return ImpactResult(kind, Outcome.TOO_LITTLE_DATA, finding, periods, periods)
    change, first, second = describe(test)
    stat = text.statistic(test, w.decimals)
    return ImpactResult(
        kind=kind,
        outcome=outcome_of(change),
        finding=text.groups(w.measure, pilot, comparison, first, second, change, stat),
        periods_first=periods,
        periods_second=periods,
        test=test,
        improvement=improvement_of(change, w.direction),
    )


def compare_group_counts(
    pilot_counts: Sequence[float],
    comparison_counts: Sequence[float],
    *,
    measure: str,
    pilot_exposures: Sequence[float] | None = None,
    comparison_exposures: Sequence[float] | None = None,
    per: float = 1.0,
    rate_unit: str | None = None,
    pilot: str = "the pilot",
    comparison: str = "the comparison group",
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
) -> ImpactResult:
    """Counts per period in a pilot and a comparison group over the same periods.

    Give both groups' denominators (e.g. people supported) or neither.
    """
    if (pilot_exposures is None) != (comparison_exposures is None):
        raise StatsInputError("Give denominators for both groups or for neither.")
    p, pe = counts_and_exposures(pilot_counts, pilot_exposures, per)
    c, ce = counts_and_exposures(comparison_counts, comparison_exposures, per)
    same_length(p, c, "pilot periods", "comparison periods")
    per = 1.0 if pilot_exposures is None else float(per)
    unit = rate_unit_text(pilot_exposures, per, period_name, rate_unit)
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    return _compare(
        Kind.COUNT,
        w,
        pilot,
        comparison,
        len(p),
        lambda: rate_ratio_test(c.sum(), ce.sum(), p.sum(), pe.sum(), confidence),
        rate_describer(per, unit, decimals),
    )


def compare_group_means(
    pilot_values: Sequence[float],
    comparison_values: Sequence[float],
    *,
    measure: str,
    unit: str = "",
    pilot: str = "the pilot",
    comparison: str = "the comparison group",
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
) -> ImpactResult:
    """A continuous measure per period in the pilot and comparison group: Welch."""
    p = as_series(pilot_values, "pilot values")
    c = as_series(comparison_values, "comparison values")
    same_length(p, c, "pilot periods", "comparison periods")
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    return _compare(
        Kind.MEAN,
        w,
        pilot,
        comparison,
        len(p),
        lambda: welch_test(c, p, confidence),
        mean_describer(unit, decimals),
    )


def compare_group_proportions(
    pilot_numerators: Sequence[float],
    pilot_denominators: Sequence[float],
    comparison_numerators: Sequence[float],
    comparison_denominators: Sequence[float],
    *,
    measure: str,
    pilot: str = "the pilot",
    comparison: str = "the comparison group",
    period_name: str = "month",
    direction: Direction | str = Direction.NEITHER,
    min_periods: int = DEFAULT_MIN_PERIODS,
    confidence: float = 0.95,
    decimals: int = 1,
) -> ImpactResult:
    """A proportion per period in the pilot and comparison group."""
    pn, pd = proportion_arrays(pilot_numerators, pilot_denominators)
    cn, cd = proportion_arrays(comparison_numerators, comparison_denominators)
    same_length(pn, cn, "pilot periods", "comparison periods")
    w = Wording(measure, period_name, Direction(direction), min_periods, confidence, decimals)
    return _compare(
        Kind.PROPORTION,
        w,
        pilot,
        comparison,
        len(pn),
        lambda: proportion_test(cn.sum(), cd.sum(), pn.sum(), pd.sum(), confidence),
        proportion_describer(decimals),
    )
