"""Two-sample tests against independent scipy calculations and published examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from careloop.stats import StatsInputError, proportion_test, rate_ratio_test, welch_test


def exact_conditional_ci(x_first, t_first, x_second, t_second, confidence=0.95):
    """Independent route: binomtest's exact (Clopper-Pearson) interval, mapped to a ratio."""
    n = x_first + x_second
    ci = stats.binomtest(x_second, n).proportion_ci(confidence_level=confidence, method="exact")
    to_ratio = lambda p: p / (1 - p) * t_first / t_second  # noqa: E731
    return to_ratio(ci.low), to_ratio(ci.high)


def test_rate_ratio_matches_r_poisson_test_example():
    # R's ?poisson.test example (eba1977): Fredericia 11 cases in 800 person-years against the
    # other three cities 6 + 8 + 7 = 21 in 1083 + 1050 + 878 = 3011. R reports rate ratio
    # 1.971488, 95% CI 0.8584264 to 4.2772659, p-value 0.07967.
    result = rate_ratio_test(21, 3011, 11, 800)
    assert result.ratio == pytest.approx(1.971488, abs=1e-6)
    assert result.ci_low == pytest.approx(0.8584264, abs=1e-6)
    assert result.ci_high == pytest.approx(4.2772659, abs=1e-6)
    assert result.p_value == pytest.approx(0.07967, abs=1e-5)
    assert "Clopper-Pearson" in result.method


@pytest.mark.parametrize(
    ("x0", "t0", "x1", "t1"),
    [(98, 12, 25, 8), (40, 6, 41, 6), (5, 12, 17, 12), (300, 1200.5, 210, 1100.0)],
)
def test_rate_ratio_interval_matches_binomtest(x0, t0, x1, t1):
    result = rate_ratio_test(x0, t0, x1, t1)
    low, high = exact_conditional_ci(x0, t0, x1, t1)
    assert result.ratio == pytest.approx((x1 / t1) / (x0 / t0))
    assert result.ci_low == pytest.approx(low, rel=1e-9)
    assert result.ci_high == pytest.approx(high, rel=1e-9)
    expected_p = stats.binomtest(x1, x0 + x1, t1 / (t0 + t1)).pvalue
    assert result.p_value == pytest.approx(expected_p)


def test_rate_ratio_hand_worked_equal_rates():
    # 10 events in 5 months against 10 in 5 months: ratio 1, p-value 1 (perfectly central).
    result = rate_ratio_test(10, 5, 10, 5)
    assert result.ratio == 1
    assert result.p_value == pytest.approx(1.0)
    assert result.ci_low < 1 < result.ci_high
    assert result.rate_first == 2 and result.rate_second == 2


def test_rate_ratio_with_no_events_first_has_infinite_upper_bound():
    result = rate_ratio_test(0, 6, 7, 6)
    assert math.isinf(result.ratio) and math.isinf(result.ci_high)
    # lower bound: Clopper-Pearson lower for 7 of 7 = 0.025 ** (1/7); ratio p / (1 - p)
    p_low = 0.025 ** (1 / 7)
    assert result.ci_low == pytest.approx(p_low / (1 - p_low))


def test_rate_ratio_refuses_no_events_at_all_and_bad_exposure():
    with pytest.raises(StatsInputError, match="no events"):
        rate_ratio_test(0, 6, 0, 6)
    with pytest.raises(StatsInputError):
        rate_ratio_test(3, 0, 4, 6)
    with pytest.raises(StatsInputError, match="whole numbers"):
        rate_ratio_test(3.5, 6, 4, 6)


def test_welch_matches_scipy_ttest_ind():
    before = np.array([30, 32, 35, 31, 34, 33, 36, 29], dtype=float)
    after = np.array([28, 27, 29, 26, 28, 27, 31], dtype=float)
    result = welch_test(before, after)
    reference = stats.ttest_ind(after, before, equal_var=False)
    ci = reference.confidence_interval(0.95)
    assert result.difference == pytest.approx(after.mean() - before.mean())
    assert result.p_value == pytest.approx(reference.pvalue)
    assert result.df == pytest.approx(reference.df)
    assert result.ci_low == pytest.approx(ci.low)
    assert result.ci_high == pytest.approx(ci.high)


def test_welch_ninety_percent_interval_is_narrower():
    a, b = [1.0, 2, 3, 4, 5], [3.0, 4, 6, 7, 9]
    wide, narrow = welch_test(a, b, 0.95), welch_test(a, b, 0.90)
    ci = stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.90)
    assert narrow.ci_low == pytest.approx(ci.low) and narrow.ci_high == pytest.approx(ci.high)
    assert wide.ci_high - wide.ci_low > narrow.ci_high - narrow.ci_low


def test_welch_needs_two_values_each():
    with pytest.raises(StatsInputError):
        welch_test([1.0], [1.0, 2.0])


def test_proportion_difference_matches_newcombe_1998_example():
    # Newcombe (1998), Statistics in Medicine 17:873-890, example (a): 56/70 against 48/80.
    # Difference 0.2000; hybrid score (method 10) interval 0.0524 to 0.3339.
    result = proportion_test(48, 80, 56, 70)
    assert result.difference == pytest.approx(0.2)
    assert result.ci_low == pytest.approx(0.0524, abs=5e-5)
    assert result.ci_high == pytest.approx(0.3339, abs=5e-5)


def test_proportion_p_value_matches_chi_square_without_correction():
    table = [[56, 70 - 56], [48, 80 - 48]]
    chi2 = stats.chi2_contingency(table, correction=False)
    assert proportion_test(48, 80, 56, 70).p_value == pytest.approx(chi2.pvalue)


def test_proportion_ratio_log_interval_by_hand():
    # ratio = (56/70) / (48/80) = 0.8 / 0.6 = 1.3333
    # se(log ratio) = sqrt(1/56 - 1/70 + 1/48 - 1/80) = sqrt(0.0035714 + 0.0083333) = 0.109109
    # 95% CI = 1.3333 x exp(-/+ 1.959964 x 0.109109) = 1.0766 to 1.6512
    result = proportion_test(48, 80, 56, 70)
    se = math.sqrt(1 / 56 - 1 / 70 + 1 / 48 - 1 / 80)
    assert result.ratio == pytest.approx(4 / 3)
    assert result.ratio_ci_low == pytest.approx(4 / 3 * math.exp(-1.959964 * se), rel=1e-6)
    assert result.ratio_ci_high == pytest.approx(1.6512, abs=1e-4)


def test_proportion_with_no_successes_has_no_ratio_but_a_difference():
    result = proportion_test(0, 40, 5, 40)
    assert result.ratio is None and result.ratio_ci_low is None
    assert result.difference == pytest.approx(0.125)
    assert result.ci_low > 0  # Wilson-based interval stays sensible at 0 successes


def test_proportion_refuses_numerator_above_denominator():
    with pytest.raises(StatsInputError):
        proportion_test(50, 40, 5, 40)
