"""How much longer must a pilot run to detect the change it hopes for?

The baseline (before) period is already observed; the question is how many pilot periods
are needed so that the before/after comparison has the stated power.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats

from .errors import StatsInputError
from .formatting import fmt, plural

__all__ = [
    "SampleSizeResult",
    "periods_for_rate_change",
    "periods_for_mean_change",
    "periods_for_proportion_change",
]

RATE_METHOD = (
    "Normal approximation to the log rate ratio, variance 1/expected before + 1/expected "
    "after (counts Poisson), two-sided."
)
MEAN_METHOD = "Two-sample t approximation (common SD), iterated on the degrees of freedom."
PROPORTION_METHOD = "Normal approximation to the difference in proportions (unpooled), two-sided."
MAX_PERIODS = 10_000


@dataclass(frozen=True)
class SampleSizeResult:
    """Periods the pilot needs in all, how many more than it has, and a plain-English note."""

    achievable: bool
    periods_needed: int | None
    more_periods: int | None
    power: float
    alpha: float
    method: str
    note: str


def _z(alpha: float, power: float) -> float:
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise StatsInputError("Alpha and power must each be between 0 and 1 (e.g. 0.05 and 0.8).")
    return float(stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power))


def _check_so_far(periods_so_far: int) -> None:
    if periods_so_far < 0:
        raise StatsInputError("The number of pilot periods so far cannot be negative.")


def _result(
    needed: float,
    so_far: int,
    power: float,
    alpha: float,
    method: str,
    effect: str,
    period_name: str,
    lead: str,
) -> SampleSizeResult:
    small = f"({power * 100:g}% power, {alpha * 100:g}% significance level, two-sided)"
    if not math.isfinite(needed) or needed > MAX_PERIODS:
        note = (
            f"The baseline is too short or too variable to detect {effect}, however long the pilot "
            f"runs {small}. Gather a longer baseline or look for a larger effect."
        )
        return SampleSizeResult(False, None, None, power, alpha, method, note)
    total = max(1, math.ceil(needed - 1e-9))
    more = max(0, total - so_far)
    if more == 0:
        note = (
            f"{lead} the pilot already has enough data ({plural(so_far, period_name)}) "
            f"to detect {effect} {small}."
        )
    else:
        note = (
            f"{lead} the pilot needs about {_more(more, period_name)} of data to detect "
            f"{effect} {small}."
        )
    return SampleSizeResult(True, total, more, power, alpha, method, note.strip())


def _more(count: int, period_name: str) -> str:
    return plural(count, f"more {period_name}", f"more {period_name}s")


def _effect(relative_change: float) -> str:
    word = "fall" if relative_change < 0 else "rise"
    return f"a {fmt(abs(relative_change) * 100, 0)}% {word}"


def periods_for_rate_change(
    baseline_rate: float,
    relative_change: float,
    *,
    baseline_periods: int | None,
    periods_so_far: int = 0,
    power: float = 0.8,
    alpha: float = 0.05,
    period_name: str = "month",
) -> SampleSizeResult:
    """Counts: baseline events per period, hoped-for change (e.g. -0.25 for a 25% fall).

    `baseline_periods=None` treats the baseline rate as known exactly.
    """
    if baseline_rate <= 0:
        raise StatsInputError("The baseline rate must be above 0 events a period.")
    if relative_change <= -1 or relative_change == 0:
        raise StatsInputError("The hoped-for change must be a fall of less than 100% or a rise.")
    if baseline_periods is not None and baseline_periods < 1:
        raise StatsInputError("The baseline needs at least 1 period.")
    _check_so_far(periods_so_far)
    z = _z(alpha, power)
    ratio = 1 + relative_change
    allowed = (math.log(ratio) / z) ** 2
    if baseline_periods is not None:
        allowed -= 1 / (baseline_rate * baseline_periods)
    needed = math.inf if allowed <= 0 else 1 / (baseline_rate * ratio * allowed)
    return _result(
        needed,
        periods_so_far,
        power,
        alpha,
        RATE_METHOD,
        _effect(relative_change),
        period_name,
        "At the current rate",
    )


def _mean_periods(effect_size: float, multiplier: float, baseline_periods: int) -> float:
    allowed = effect_size / multiplier**2 - 1 / baseline_periods
    needed = math.inf if allowed <= 0 else 1 / allowed
    return needed if needed <= MAX_PERIODS else math.inf


def periods_for_mean_change(
    baseline_sd: float,
    change: float,
    *,
    baseline_periods: int,
    periods_so_far: int = 0,
    power: float = 0.8,
    alpha: float = 0.05,
    period_name: str = "month",
    unit: str = "",
) -> SampleSizeResult:
    """A continuous measure: the period-to-period SD and the hoped-for change in its units."""
    if baseline_sd <= 0:
        raise StatsInputError("The standard deviation must be above 0.")
    if change == 0:
        raise StatsInputError("The hoped-for change cannot be 0.")
    if baseline_periods < 2:
        raise StatsInputError("The baseline needs at least 2 periods.")
    _check_so_far(periods_so_far)
    effect_size = (change / baseline_sd) ** 2
    multiplier = _z(alpha, power)
    needed = _mean_periods(effect_size, multiplier, baseline_periods)
    for _ in range(20):  # refine with t quantiles on the implied degrees of freedom
        if not math.isfinite(needed):
            break
        df = baseline_periods + max(2, math.ceil(needed)) - 2
        multiplier = float(stats.t.ppf(1 - alpha / 2, df) + stats.t.ppf(power, df))
        refined = _mean_periods(effect_size, multiplier, baseline_periods)
        if math.isfinite(refined) and math.ceil(refined) == math.ceil(needed):
            needed = refined
            break
        needed = refined
    word = "rise" if change > 0 else "fall"
    effect = f"a {word} of {fmt(abs(change), 1)}{' ' + unit if unit else ''}"
    return _result(
        needed,
        periods_so_far,
        power,
        alpha,
        MEAN_METHOD,
        effect,
        period_name,
        "With the current variation",
    )


def periods_for_proportion_change(
    baseline_proportion: float,
    hoped_proportion: float,
    *,
    baseline_denominator: float,
    denominator_per_period: float,
    periods_so_far: int = 0,
    power: float = 0.8,
    alpha: float = 0.05,
    period_name: str = "month",
) -> SampleSizeResult:
    """Proportions: baseline and hoped-for proportion, people in the baseline, people a period."""
    for p in (baseline_proportion, hoped_proportion):
        if not 0 < p < 1:
            raise StatsInputError("Proportions must be between 0 and 1 (not 0% or 100%).")
    if baseline_proportion == hoped_proportion:
        raise StatsInputError("The hoped-for proportion must differ from the baseline.")
    if baseline_denominator <= 0 or denominator_per_period <= 0:
        raise StatsInputError("Denominators must be above 0.")
    _check_so_far(periods_so_far)
    z = _z(alpha, power)
    diff = hoped_proportion - baseline_proportion
    allowed = (diff / z) ** 2 - baseline_proportion * (
        1 - baseline_proportion
    ) / baseline_denominator
    people = math.inf if allowed <= 0 else hoped_proportion * (1 - hoped_proportion) / allowed
    word = "rise" if diff > 0 else "fall"
    effect = (
        f"a {word} from {fmt(baseline_proportion * 100, 0)}% to {fmt(hoped_proportion * 100, 0)}%"
    )
    return _result(
        people / denominator_per_period,
        periods_so_far,
        power,
        alpha,
        PROPORTION_METHOD,
        effect,
        period_name,
        "At the current numbers of people",
    )
