"""Before/after and pilot/comparison evaluation, including the plain-English findings."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from careloop.stats import (
    Kind,
    Outcome,
    StatsInputError,
    compare_group_counts,
    compare_group_means,
    compare_group_proportions,
    count_impact,
    mean_impact,
    proportion_impact,
)

BEFORE = [9, 7, 10, 8, 6, 9, 8, 11, 7, 8, 9, 6]  # 98 in 12 months = 8.17 a month
AFTER = [3, 2, 4, 3, 5, 2, 3, 3]  # 25 in 8 months = 3.125 a month


def exact_ratio_ci(x0, t0, x1, t1):
    """Rate ratio and exact conditional CI computed independently with binomtest."""
    ci = stats.binomtest(x1, x0 + x1).proportion_ci(method="exact")
    scale = t0 / t1
    return (x1 / t1) / (x0 / t0), ci.low / (1 - ci.low) * scale, ci.high / (1 - ci.high) * scale


def test_count_fall_finding_in_plain_english():
    result = count_impact(
        BEFORE + AFTER,
        12,
        measure="complaints about financial assessments",
        intervention="the training",
        direction="lower",
    )
    ratio, low, high = exact_ratio_ci(98, 12, 25, 8)
    assert result.finding == (
        "Complaints about financial assessments fell from 8.2 a month to 3.1 a month after the "
        f"training (rate ratio {ratio:.2f}, 95% CI {low:.2f}\u2013{high:.2f})."
    )
    assert result.outcome is Outcome.DECREASE and result.concluded
    assert result.improvement is True
    assert (result.periods_first, result.periods_second) == (12, 8)
    assert result.kind is Kind.COUNT
    assert result.notes == ()  # the before period is stable
    assert result.test.ci_high < 1


def test_direction_decides_improvement():
    kwargs = {"measure": "compliments", "intervention": "the pilot"}
    assert count_impact(BEFORE + AFTER, 12, direction="higher", **kwargs).improvement is False
    assert count_impact(BEFORE + AFTER, 12, **kwargs).improvement is None


def test_no_clear_change_finding():
    before, after = [5, 6, 4, 5, 6, 5], [4, 6, 5, 5, 6, 4]  # 31 and 30 in 6 months each
    result = count_impact(before + after, 6, measure="complaints", intervention="the training")
    ratio, low, high = exact_ratio_ci(31, 6, 30, 6)
    assert low < 1 < high
    assert result.finding == (
        "Complaints showed no clear change after the training: 5.2 a month before and 5.0 a "
        f"month after (rate ratio {ratio:.2f}, 95% CI {low:.2f}\u2013{high:.2f})."
    )
    assert result.outcome is Outcome.NO_CLEAR_CHANGE and not result.concluded
    assert result.improvement is None


def test_too_little_data_finding():
    result = count_impact([5, 6, 4, 5, 6], 3, measure="complaints", intervention="the training")
    assert result.finding == (
        "Complaints: too little data to judge the effect of the training yet (3 months before "
        "and 2 after; at least 6 on each side are needed)."
    )
    assert result.outcome is Outcome.TOO_LITTLE_DATA
    assert result.test is None


def test_too_little_data_on_one_side_only():
    result = count_impact(BEFORE + [3, 2, 4], 12, measure="complaints", intervention="the pilot")
    assert result.outcome is Outcome.TOO_LITTLE_DATA
    assert "(12 months before and 3 after;" in result.finding
    assert count_impact(BEFORE[:3] + AFTER, 3, measure="x").outcome is Outcome.TOO_LITTLE_DATA


def test_minimum_periods_is_configurable():
    series = [9, 8, 10, 2, 3, 2]
    assert count_impact(series, 3, measure="x").outcome is Outcome.TOO_LITTLE_DATA
    assert count_impact(series, 3, measure="x", min_periods=3).test is not None


def test_no_events_at_all_cannot_be_judged():
    result = count_impact([0] * 12, 6, measure="Ombudsman upheld decisions")
    assert result.outcome is Outcome.TOO_LITTLE_DATA
    assert result.finding == (
        "Ombudsman upheld decisions: cannot judge the effect of the change yet (there were no "
        "events in either group, so rates cannot be compared)."
    )


def test_already_trending_before_is_noted():
    before = [3, 4, 5, 6, 7, 8, 9, 10]  # 8 rising months
    result = count_impact(
        before + [6, 6, 5, 6, 7, 6], 8, measure="complaints", intervention="the training"
    )
    assert result.before_trend == 1
    assert result.notes == (
        "There was already a rising trend before the training (a run of 7 or more rising "
        "months), so not all of the change can be put down to it.",
    )
    assert result.summary == f"{result.finding} {result.notes[0]}"


def test_unstable_before_period_and_short_before_period_are_noted():
    unstable = count_impact([5] * 7 + [20] + [5] * 6, 8, measure="complaints")
    assert "not stable" in unstable.notes[0]
    short = count_impact([5, 6, 4, 5, 6, 5, 1, 1, 2, 1, 1, 2], 6, measure="complaints")
    assert "too short to check for an existing trend" in short.notes[0]


def test_counts_with_denominators_give_rates_per_thousand():
    counts = [10] * 6 + [4] * 6
    people = [2000] * 12
    result = count_impact(
        counts,
        6,
        measure="complaints",
        exposures=people,
        per=1000,
        rate_unit="per 1,000 people supported",
    )
    # 60 / 12,000 x 1,000 = 5.0 before; 24 / 12,000 x 1,000 = 2.0 after
    assert "fell from 5.0 per 1,000 people supported to 2.0 per 1,000 people supported" in (
        result.finding
    )
    ratio, low, high = exact_ratio_ci(60, 12000, 24, 12000)
    assert result.test.ratio == pytest.approx(0.4)
    assert (result.test.ci_low, result.test.ci_high) == pytest.approx((low, high))


def test_mean_impact_uses_welch():
    before = [30, 32, 35, 31, 34, 33, 36]
    after = [28, 27, 29, 26, 28, 27]
    result = mean_impact(
        before + after,
        7,
        measure="average wait for assessment",
        unit="days",
        intervention="the new triage",
        direction="lower",
    )
    ref = stats.ttest_ind(after, before, equal_var=False)
    ci = ref.confidence_interval()
    diff = np.mean(after) - np.mean(before)
    assert result.finding == (
        f"Average wait for assessment fell from {np.mean(before):.1f} days to "
        f"{np.mean(after):.1f} days after the new triage (difference {diff:.1f}, 95% CI "
        f"{ci.low:.1f} to {ci.high:.1f})."
    )
    assert result.improvement is True
    assert result.test.p_value == pytest.approx(ref.pvalue)


def test_proportion_impact_finding():
    # before: 180 of 300 = 60.0%; after: 240 of 300 = 80.0%
    result = proportion_impact(
        [30] * 6 + [40] * 6,
        [50] * 12,
        6,
        measure="reviews completed on time",
        intervention="the new checklist",
        direction="higher",
    )
    assert result.finding.startswith(
        "Reviews completed on time rose from 60.0% to 80.0% after the new checklist (difference "
        "20.0 percentage points, 95% CI "
    )
    assert result.improvement is True
    assert result.kind is Kind.PROPORTION


def test_intervention_position_is_checked():
    with pytest.raises(StatsInputError, match="outside"):
        count_impact([1, 2, 3], 5, measure="x")
    with pytest.raises(StatsInputError):
        count_impact([1, 2, 3], 1.5, measure="x")


def test_pilot_against_comparison_counts():
    pilot = [3, 2, 4, 3, 5, 2]  # 19 in 6 months
    comparison = [9, 7, 10, 8, 6, 9]  # 49 in 6 months
    result = compare_group_counts(pilot, comparison, measure="complaints", direction="lower")
    ratio, low, high = exact_ratio_ci(49, 6, 19, 6)
    assert result.finding == (
        "Complaints ran lower in the pilot than in the comparison group over the same period: "
        f"3.2 a month against 8.2 a month (rate ratio {ratio:.2f}, 95% CI {low:.2f}\u2013"
        f"{high:.2f})."
    )
    assert result.improvement is True


def test_pilot_against_comparison_no_clear_difference_and_too_thin():
    same = compare_group_means(
        [5.0, 6, 5, 7, 6, 5], [6.0, 5, 6, 5, 7, 6], measure="days to first contact"
    )
    assert same.outcome is Outcome.NO_CLEAR_CHANGE
    assert same.finding.startswith(
        "Days to first contact showed no clear difference between the pilot and the comparison "
        "group: "
    )
    thin = compare_group_proportions(
        [5, 6], [10, 10], [4, 5], [10, 10], measure="people satisfied", pilot="Team North"
    )
    assert thin.finding == (
        "People satisfied: too little data to compare Team North with the comparison group yet "
        "(2 months; at least 6 are needed)."
    )


def test_groups_must_cover_the_same_periods():
    with pytest.raises(StatsInputError, match="pilot periods"):
        compare_group_counts([1, 2, 3], [1, 2], measure="x")
    with pytest.raises(StatsInputError, match="both groups"):
        compare_group_counts([1, 2], [1, 2], measure="x", pilot_exposures=[5, 5])
