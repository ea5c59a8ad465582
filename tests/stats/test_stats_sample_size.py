"""How many more periods a pilot needs: arithmetic by hand, wording, and a power simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from careloop.stats import (
    StatsInputError,
    periods_for_mean_change,
    periods_for_proportion_change,
    periods_for_rate_change,
    rate_ratio_test,
)

Z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)  # 1.959964 + 0.841621 = 2.801585


def test_rate_change_with_known_baseline_by_hand():
    # Baseline 8 a month known exactly; hoping for a 25% fall (ratio 0.75).
    # Need (ln 0.75)^2 >= Z^2 / (8 x 0.75 x T)  ->  T = Z^2 / (6 x 0.082761) = 15.81 -> 16
    expected = Z**2 / (8 * 0.75 * math.log(0.75) ** 2)
    assert expected == pytest.approx(15.81, abs=0.01)
    result = periods_for_rate_change(8, -0.25, baseline_periods=None)
    assert result.periods_needed == 16 and result.more_periods == 16
    assert result.note == (
        "At the current rate the pilot needs about 16 more months of data to detect a 25% fall "
        "(80% power, 5% significance level, two-sided)."
    )


def test_rate_change_with_observed_baseline_and_months_already_run():
    # Baseline 10 a month over 24 months (240 events), hoping for a 30% fall, 4 months run.
    # allowed = (ln 0.7 / Z)^2 - 1/240 = 0.127217 / 7.848878 - 0.004167 = 0.016208 - 0.004167
    #         = 0.012042; T = 1 / (10 x 0.7 x 0.012042) = 11.86 -> 12 months in all, 8 more.
    allowed = (math.log(0.7) / Z) ** 2 - 1 / 240
    assert 1 / (7 * allowed) == pytest.approx(11.86, abs=0.01)
    result = periods_for_rate_change(10, -0.3, baseline_periods=24, periods_so_far=4)
    assert (result.periods_needed, result.more_periods) == (12, 8)
    assert result.note.startswith("At the current rate the pilot needs about 8 more months")
    done = periods_for_rate_change(10, -0.3, baseline_periods=24, periods_so_far=12)
    assert done.more_periods == 0
    assert "already has enough data (12 months)" in done.note


def test_one_more_period_is_singular():
    # T = Z^2 / (100 x 0.5 x ln(0.5)^2) = 7.849 / 24.02 = 0.33 -> 1 month
    result = periods_for_rate_change(100, -0.5, baseline_periods=None, period_name="quarter")
    assert result.more_periods == 1
    assert "about 1 more quarter of data" in result.note


def test_rate_change_out_of_reach_with_a_short_baseline():
    # Baseline 2 a month over 3 months: 1/6 alone exceeds (ln 0.9 / Z)^2 = 0.00141.
    result = periods_for_rate_change(2, -0.1, baseline_periods=3)
    assert not result.achievable and result.periods_needed is None
    assert "too short or too variable" in result.note


def test_rate_sample_size_gives_about_the_stated_power():
    # Simulate the pilot at the computed length and test with the exact conditional method.
    baseline_rate, baseline_months = 10.0, 24
    result = periods_for_rate_change(baseline_rate, -0.3, baseline_periods=baseline_months)
    rng = np.random.default_rng(20240601)
    months = result.periods_needed
    hits = 0
    trials = 400
    for _ in range(trials):
        before = rng.poisson(baseline_rate * baseline_months)
        after = rng.poisson(baseline_rate * 0.7 * months)
        test = rate_ratio_test(before, baseline_months, after, months)
        hits += test.ci_high < 1
    assert 0.68 <= hits / trials <= 0.92


def test_mean_change_by_hand_and_t_refinement():
    # SD 4, hoping for a 3-day fall, 24 baseline months.
    # normal: allowed = (3/4)^2 / Z^2 - 1/24 = 0.5625 / 7.8489 - 0.041667 = 0.030000
    # -> 33.3 months; t quantiles make it a little longer.
    normal = 1 / (0.5625 / Z**2 - 1 / 24)
    assert normal == pytest.approx(33.3, abs=0.1)
    result = periods_for_mean_change(4, -3, baseline_periods=24, unit="days")
    assert result.periods_needed > normal
    df = 24 + result.periods_needed - 2
    t_mult = stats.t.ppf(0.975, df) + stats.t.ppf(0.8, df)
    assert result.periods_needed == math.ceil(1 / (0.5625 / t_mult**2 - 1 / 24))
    assert "to detect a fall of 3.0 days" in result.note
    assert result.note.startswith("With the current variation the pilot needs about ")


def test_proportion_change_by_hand():
    # 60% -> 70%, 600 people in the baseline, 50 a month.
    # allowed = (0.1 / Z)^2 - 0.6 x 0.4 / 600 = 0.0012741 - 0.0004 = 0.0008741
    # people = 0.7 x 0.3 / 0.0008741 = 240.2 -> 4.8 months -> 5
    people = 0.21 / ((0.1 / Z) ** 2 - 0.24 / 600)
    assert people == pytest.approx(240.2, abs=0.2)
    result = periods_for_proportion_change(
        0.6, 0.7, baseline_denominator=600, denominator_per_period=50
    )
    assert result.periods_needed == 5
    assert "to detect a rise from 60% to 70%" in result.note


def test_bad_inputs_are_refused():
    with pytest.raises(StatsInputError):
        periods_for_rate_change(0, -0.25, baseline_periods=12)
    with pytest.raises(StatsInputError):
        periods_for_rate_change(5, -1.0, baseline_periods=12)
    with pytest.raises(StatsInputError):
        periods_for_rate_change(5, -0.25, baseline_periods=12, power=1.2)
    with pytest.raises(StatsInputError):
        periods_for_proportion_change(0.5, 0.5, baseline_denominator=10, denominator_per_period=5)
    with pytest.raises(StatsInputError):
        periods_for_mean_change(0, 1, baseline_periods=12)
