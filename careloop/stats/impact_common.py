"""Shared types and helpers for impact evaluation (before/after and pilot/comparison)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from .errors import StatsInputError, as_series, non_negative, positive, same_length
from .formatting import fmt, fmt_value
from .significance import MeanDifferenceTest, ProportionTest, RateRatioTest
from .spc_types import Direction

DEFAULT_MIN_PERIODS = 6


class Kind(StrEnum):
    COUNT = "count"
    MEAN = "mean"
    PROPORTION = "proportion"


class Outcome(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NO_CLEAR_CHANGE = "no clear change"
    TOO_LITTLE_DATA = "too little data"


@dataclass(frozen=True)
class ImpactResult:
    """One evaluation: the test (if one could be run), the outcome and the plain-English finding.

    "first" is before (or the comparison group) and "second" after (or the pilot).
    """

    kind: Kind
    outcome: Outcome
    finding: str
    periods_first: int
    periods_second: int
    test: RateRatioTest | MeanDifferenceTest | ProportionTest | None = None
    improvement: bool | None = None  # None when no clear change or no better direction
    notes: tuple[str, ...] = field(default_factory=tuple)
    before_trend: int = 0  # +1 rising, -1 falling trend already in the before period

    @property
    def concluded(self) -> bool:
        return self.outcome in (Outcome.INCREASE, Outcome.DECREASE)

    @property
    def summary(self) -> str:
        """The finding followed by any notes (e.g. an existing trend), as one paragraph."""
        return " ".join((self.finding, *self.notes))


@dataclass(frozen=True)
class Wording:
    measure: str
    period_name: str
    direction: Direction
    min_periods: int
    confidence: float
    decimals: int


def split_at(n: int, index: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int | np.integer):
        raise StatsInputError("The intervention must be given as a whole-number position.")
    if not 0 <= index <= n:
        raise StatsInputError(
            f"The intervention point ({index + 1}) is outside the series of {n} periods."
        )
    return int(index)


def change_of(low: float, high: float, null: float) -> int:
    if low > null:
        return 1
    if high < null:
        return -1
    return 0


def improvement_of(change: int, direction: Direction) -> bool | None:
    if change == 0 or direction is Direction.NEITHER:
        return None
    return (change > 0) == (direction is Direction.HIGHER)


def outcome_of(change: int) -> Outcome:
    return {1: Outcome.INCREASE, -1: Outcome.DECREASE, 0: Outcome.NO_CLEAR_CHANGE}[change]


def rate_describer(per: float, unit: str, decimals: int):
    def describe(test: RateRatioTest) -> tuple[int, str, str]:
        change = change_of(test.ci_low, test.ci_high, 1.0)
        first = f"{fmt(test.rate_first * per, decimals)} {unit}"
        second = f"{fmt(test.rate_second * per, decimals)} {unit}"
        return change, first, second

    return describe


def _difference_describer(first, second, suffix: str, decimals: int):
    """A difference test's change (its interval against 0) and its two figures, each read
    from the test by `first` and `second`, with `suffix` after them."""

    def describe(test) -> tuple[int, str, str]:
        return (
            change_of(test.ci_low, test.ci_high, 0.0),
            f"{fmt(first(test), decimals)}{suffix}",
            f"{fmt(second(test), decimals)}{suffix}",
        )

    return describe


def mean_describer(unit: str, decimals: int):
    suffix = f" {unit}" if unit else ""
    return _difference_describer(lambda t: t.mean_first, lambda t: t.mean_second, suffix, decimals)


def proportion_describer(decimals: int):
    return _difference_describer(
        lambda t: t.p_first * 100, lambda t: t.p_second * 100, "%", decimals
    )


def counts_and_exposures(counts, exposures, per: float) -> tuple[np.ndarray, np.ndarray]:
    y = as_series(counts, "counts")
    non_negative(y, "counts")
    if exposures is None:
        return y, np.ones(len(y))
    e = as_series(exposures, "denominators")
    same_length(y, e, "counts", "denominators")
    positive(e, "denominators")
    if not per > 0:
        raise StatsInputError("The rate multiplier ('per') must be above 0.")
    return y, e


def rate_unit_text(exposures, per: float, period_name: str, rate_unit: str | None) -> str:
    if rate_unit:
        return rate_unit
    return f"a {period_name}" if exposures is None else f"per {fmt_value(per)}"


def proportion_arrays(numerators, denominators) -> tuple[np.ndarray, np.ndarray]:
    num = as_series(numerators, "numerators")
    den = as_series(denominators, "denominators")
    same_length(num, den, "numerators", "denominators")
    non_negative(num, "numerators")
    positive(den, "denominators")
    if np.any(num > den):
        raise StatsInputError("A numerator is larger than its denominator; a proportion cannot be.")
    return num, den
