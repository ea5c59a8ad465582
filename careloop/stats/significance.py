"""Two-sample tests: Poisson rate ratio, Welch difference in means, two proportions.

Each compares a "second" group (after, or pilot) with a "first" (before, or comparison):
ratios are second / first and differences are second - first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .errors import StatsInputError

__all__ = [
    "RateRatioTest",
    "MeanDifferenceTest",
    "ProportionTest",
    "rate_ratio_test",
    "welch_test",
    "proportion_test",
    "clopper_pearson",
    "wilson",
]

RATE_RATIO_METHOD = (
    "Exact conditional test: given the total count, the second group's count is binomial; "
    "Clopper-Pearson interval for that proportion, transformed to the rate ratio."
)
WELCH_METHOD = "Welch's t-test (unequal variances), Welch-Satterthwaite degrees of freedom."
PROPORTION_METHOD = (
    "Difference: Newcombe's hybrid score interval (Wilson intervals, method 10). "
    "Ratio: log (Katz) interval. P-value: two-proportion z-test, pooled variance."
)


def _alpha(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise StatsInputError("The confidence level must be between 0 and 1, e.g. 0.95.")
    return 1 - confidence


@dataclass(frozen=True)
class RateRatioTest:
    count_first: float
    exposure_first: float
    count_second: float
    exposure_second: float
    rate_first: float
    rate_second: float
    ratio: float  # rate_second / rate_first; inf when the first count is 0
    ci_low: float
    ci_high: float
    p_value: float
    confidence: float
    method: str = RATE_RATIO_METHOD


@dataclass(frozen=True)
class MeanDifferenceTest:
    n_first: int
    n_second: int
    mean_first: float
    mean_second: float
    sd_first: float
    sd_second: float
    difference: float  # mean_second - mean_first
    ci_low: float
    ci_high: float
    p_value: float
    df: float
    confidence: float
    method: str = WELCH_METHOD


@dataclass(frozen=True)
class ProportionTest:
    successes_first: float
    total_first: float
    successes_second: float
    total_second: float
    p_first: float
    p_second: float
    difference: float  # p_second - p_first
    ci_low: float
    ci_high: float
    ratio: float | None  # p_second / p_first; None when either has no successes
    ratio_ci_low: float | None
    ratio_ci_high: float | None
    p_value: float
    confidence: float
    method: str = PROPORTION_METHOD


def clopper_pearson(x: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Clopper-Pearson) interval for a binomial proportion x / n."""
    alpha = _alpha(confidence)
    low = 0.0 if x == 0 else float(stats.beta.ppf(alpha / 2, x, n - x + 1))
    high = 1.0 if x == n else float(stats.beta.ppf(1 - alpha / 2, x + 1, n - x))
    return low, high


def wilson(x: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion x / n."""
    z = float(stats.norm.ppf(1 - _alpha(confidence) / 2))
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def rate_ratio_test(
    count_first: float,
    exposure_first: float,
    count_second: float,
    exposure_second: float,
    confidence: float = 0.95,
) -> RateRatioTest:
    """Compare two Poisson rates (count / exposure) with the exact conditional method."""
    if min(count_first, count_second) < 0:
        raise StatsInputError("Counts cannot be negative.")
    if min(exposure_first, exposure_second) <= 0:
        raise StatsInputError("Exposures (periods or denominators) must be above 0.")
    total = count_first + count_second
    if total == 0:
        raise StatsInputError("There were no events in either group, so rates cannot be compared.")
    if not (float(count_first).is_integer() and float(count_second).is_integer()):
        raise StatsInputError("Counts for a rate-ratio test must be whole numbers.")
    x, n = int(count_second), int(total)
    scale = exposure_first / exposure_second

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * scale

    low, high = clopper_pearson(x, n, confidence)
    expected_share = exposure_second / (exposure_first + exposure_second)
    p_value = float(stats.binomtest(x, n, expected_share).pvalue)
    return RateRatioTest(
        count_first=float(count_first),
        exposure_first=float(exposure_first),
        count_second=float(count_second),
        exposure_second=float(exposure_second),
        rate_first=count_first / exposure_first,
        rate_second=count_second / exposure_second,
        ratio=to_ratio(x / n),
        ci_low=to_ratio(low),
        ci_high=to_ratio(high),
        p_value=min(1.0, p_value),
        confidence=confidence,
    )


def welch_test(
    first: np.ndarray, second: np.ndarray, confidence: float = 0.95
) -> MeanDifferenceTest:
    """Difference in means (second - first) with a Welch t interval and p-value."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if len(a) < 2 or len(b) < 2:
        raise StatsInputError("Each group needs at least 2 values to compare means.")
    alpha = _alpha(confidence)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    diff = float(b.mean() - a.mean())
    se = math.sqrt(va + vb)
    if se == 0:
        df = float(len(a) + len(b) - 2)
        p_value = 1.0 if diff == 0 else 0.0
        low = high = diff
    else:
        df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
        t = diff / se
        p_value = float(2 * stats.t.sf(abs(t), df))
        half = float(stats.t.ppf(1 - alpha / 2, df)) * se
        low, high = diff - half, diff + half
    return MeanDifferenceTest(
        n_first=len(a),
        n_second=len(b),
        mean_first=float(a.mean()),
        mean_second=float(b.mean()),
        sd_first=float(a.std(ddof=1)),
        sd_second=float(b.std(ddof=1)),
        difference=diff,
        ci_low=low,
        ci_high=high,
        p_value=p_value,
        df=float(df),
        confidence=confidence,
    )


def proportion_test(
    successes_first: float,
    total_first: float,
    successes_second: float,
    total_second: float,
    confidence: float = 0.95,
) -> ProportionTest:
    """Difference and ratio of two proportions with intervals and a z-test p-value."""
    if min(total_first, total_second) <= 0:
        raise StatsInputError("Each group needs a denominator above 0.")
    if not (0 <= successes_first <= total_first and 0 <= successes_second <= total_second):
        raise StatsInputError("Each numerator must be between 0 and its denominator.")
    alpha = _alpha(confidence)
    z = float(stats.norm.ppf(1 - alpha / 2))
    p1, p2 = successes_first / total_first, successes_second / total_second
    l1, u1 = wilson(successes_first, total_first, confidence)
    l2, u2 = wilson(successes_second, total_second, confidence)
    diff = p2 - p1
    low = diff - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = diff + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)

    ratio = ratio_low = ratio_high = None
    if successes_first > 0 and successes_second > 0:
        ratio = p2 / p1
        se_log = math.sqrt(
            1 / successes_second - 1 / total_second + 1 / successes_first - 1 / total_first
        )
        ratio_low = ratio * math.exp(-z * se_log)
        ratio_high = ratio * math.exp(z * se_log)

    pooled = (successes_first + successes_second) / (total_first + total_second)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / total_first + 1 / total_second))
    p_value = 1.0 if se0 == 0 else float(2 * stats.norm.sf(abs(diff) / se0))
    return ProportionTest(
        successes_first=float(successes_first),
        total_first=float(total_first),
        successes_second=float(successes_second),
        total_second=float(total_second),
        p_first=p1,
        p_second=p2,
        difference=diff,
        ci_low=low,
        ci_high=high,
        ratio=ratio,
        ratio_ci_low=ratio_low,
        ratio_ci_high=ratio_high,
        p_value=p_value,
        confidence=confidence,
    )
