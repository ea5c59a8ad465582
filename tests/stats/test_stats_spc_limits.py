"""XmR limits: mean, moving ranges, AMR, baselines, rebasing, screening, trial limits, errors."""

from __future__ import annotations

import math
from datetime import date

import pytest

from careloop.stats import (
    Direction,
    Rebase,
    SpcOptions,
    StatsInputError,
    Variation,
    xmr,
    xmr_rate,
)


def test_limits_by_hand():
    # values 2, 4, 3, 5, 6: mean = 20 / 5 = 4
    # moving ranges |4-2|=2, |3-4|=1, |5-3|=2, |6-5|=1 -> AMR = 6 / 4 = 1.5
    # process limits 4 +/- 2.66 x 1.5 = 4 +/- 3.99 -> 0.01 and 7.99
    # near limits 4 +/- (2 x 2.66 / 3) x 1.5 = 4 +/- 2.66 -> 1.34 and 6.66
    result = xmr([2, 4, 3, 5, 6])
    seg = result.segments[0]
    assert seg.mean == pytest.approx(4.0)
    assert seg.amr == pytest.approx(1.5)
    assert seg.upper == pytest.approx(7.99)
    assert seg.lower == pytest.approx(0.01)
    assert seg.near_upper == pytest.approx(6.66)
    assert seg.near_lower == pytest.approx(1.34)
    assert [p.moving_range for p in result.points] == [None, 2, 1, 2, 1]
    assert all(p.upper == pytest.approx(7.99) for p in result.points)


def test_near_limit_constant_is_two_thirds_of_process_limit(hand):
    result = xmr(hand.baseline)
    seg = result.segments[0]
    assert (seg.mean, seg.amr) == (hand.mean, hand.amr)
    assert seg.upper == pytest.approx(hand.upper)
    assert seg.near_upper == pytest.approx(14.5467, abs=1e-4)  # 1.7733 x AMR, "1.773"
    assert seg.near_lower == pytest.approx(hand.near_lower)


def test_fixed_baseline_uses_only_first_n_points(hand):
    # After the 12-point baseline come 4 points of 30; limits must not move.
    result = xmr([*hand.baseline, 30, 30, 30, 30], options=hand.fixed)
    seg = result.segments[0]
    assert seg.baseline_points == 12
    assert seg.mean == pytest.approx(11)
    assert seg.amr == pytest.approx(2)
    assert not seg.trial
    # Unfixed: mean = (132 + 120) / 16 = 15.75; MRs: eleven 2s, one 20, three 0s -> 42 / 15 = 2.8
    free = xmr([*hand.baseline, 30, 30, 30, 30]).segments[0]
    assert free.mean == pytest.approx(15.75)
    assert free.amr == pytest.approx(2.8)


def test_screening_moving_ranges_is_off_by_default_and_drops_large_ones():
    values = [10, 12, 10, 12, 10, 12, 10, 40, 12, 10, 12, 10]
    # MRs: 2,2,2,2,2,2,30,28,2,2,2 -> AMR = 76 / 11 = 6.909...
    # 3.267 x 6.909 = 22.57, so screening drops 30 and 28 and leaves nine 2s: AMR = 2.
    # mean = 160 / 12 = 13.3333 either way (screening changes the moving ranges only).
    plain = xmr(values).segments[0]
    screened = xmr(values, options=SpcOptions(screen_moving_ranges=True)).segments[0]
    assert plain.amr == pytest.approx(76 / 11)
    assert screened.amr == pytest.approx(2.0)
    assert plain.mean == screened.mean == pytest.approx(160 / 12)
    assert screened.upper == pytest.approx(160 / 12 + 2.66 * 2)


def test_trial_limits_below_twelve_points(hand):
    eleven = xmr(hand.baseline[:11])
    twelve = xmr(hand.baseline)
    assert eleven.segments[0].trial
    assert any("trial limits" in note for note in eleven.notes)
    assert not twelve.segments[0].trial
    assert not any("trial" in note for note in twelve.notes)
    # A fixed baseline of 8 gives trial limits however long the series.
    eight = xmr(hand.baseline * 2, options=SpcOptions(baseline_points=8))
    assert eight.segments[0].trial and eight.segments[0].baseline_points == 8
    # The threshold is configurable.
    assert not xmr(hand.baseline[:11], options=SpcOptions(trial_threshold=10)).segments[0].trial


def test_one_point_series_has_no_limits_and_says_so():
    result = xmr([7])
    point = result.points[0]
    assert point.variation is Variation.NO_LIMITS
    assert point.upper is None and point.lower is None and point.moving_range is None
    assert point.mean == 7
    assert not result.has_limits
    assert result.variation_icon is None
    assert result.assurance is None
    assert any("too few points" in note for note in result.notes)


def test_two_point_series_gets_trial_limits():
    # mean (3 + 7) / 2 = 5; one moving range 4 -> AMR 4; limits 5 +/- 10.64
    result = xmr([3, 7])
    seg = result.segments[0]
    assert seg.upper == pytest.approx(15.64)
    assert seg.lower == pytest.approx(-5.64)
    assert seg.trial
    assert [p.variation for p in result.points] == [Variation.COMMON_CAUSE] * 2


def test_rebasing_recomputes_limits_per_segment_and_records_reason():
    values = [10, 12, 10, 12, 10, 12, 20, 22, 20, 22, 20, 22]
    result = xmr(values, rebases=[Rebase(6, "New duty team from July")])
    first, second = result.segments
    # segment 1: mean 66 / 6 = 11, MRs five 2s -> AMR 2; segment 2: mean 126 / 6 = 21, AMR 2
    assert (first.start, first.end, first.mean, first.amr) == (0, 6, 11, 2)
    assert (second.start, second.end, second.mean, second.amr) == (6, 12, 21, 2)
    assert second.upper == pytest.approx(21 + 5.32)
    assert first.reason is None and second.reason == "New duty team from July"
    # The jump 12 -> 20 across the rebase is not a moving range of either segment.
    assert result.points[6].moving_range is None
    assert result.points[6].segment == 1 and result.points[5].segment == 0
    assert any("New duty team from July" in note for note in result.notes)
    assert all(s.trial for s in result.segments)  # 6 points each


def test_rebase_needs_a_reason_and_a_valid_position():
    values = list(range(10))
    with pytest.raises(StatsInputError, match="no reason"):
        xmr(values, rebases=[Rebase(5, "  ")])
    with pytest.raises(StatsInputError, match="outside"):
        xmr(values, rebases=[Rebase(0, "start")])
    with pytest.raises(StatsInputError, match="outside"):
        xmr(values, rebases=[Rebase(10, "past the end")])
    with pytest.raises(StatsInputError, match="two rebases"):
        xmr(values, rebases=[Rebase(4, "a"), Rebase(4, "b")])


def test_rebase_at_last_point_leaves_a_single_point_without_limits():
    result = xmr([1, 2, 3, 4, 5], rebases=[Rebase(4, "Service moved")])
    assert not result.segments[1].has_limits
    assert result.points[4].variation is Variation.NO_LIMITS
    assert result.variation is Variation.NO_LIMITS


def test_fixed_baseline_applies_within_each_rebased_segment():
    values = [10, 12] * 3 + [99] + [20, 22] * 3 + [99]
    opts = SpcOptions(baseline_points=6)
    result = xmr(values, rebases=[Rebase(7, "New team")], options=opts)
    assert result.segments[0].mean == pytest.approx(11)
    assert result.segments[1].mean == pytest.approx(21)
    assert result.points[6].rules and result.points[13].rules  # 99s are astronomical


def test_rates_use_numerator_over_denominator_times_per():
    # 1/100, 2/200, 1/50, 2/100 per 1,000 = 10, 10, 20, 20
    result = xmr_rate([1, 2, 1, 2], [100, 200, 50, 100], per=1000)
    assert list(result.values) == pytest.approx([10, 10, 20, 20])
    assert result.segments[0].mean == pytest.approx(15)
    # MRs 0, 10, 0 -> AMR 10 / 3
    assert result.segments[0].amr == pytest.approx(10 / 3)
    assert result.points[2].numerator == 1 and result.points[2].denominator == 50
    assert result.per == 1000


def test_periods_become_month_labels():
    result = xmr([1, 2, 3], periods=[date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)])
    assert [p.period for p in result.points] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    assert [p.period for p in xmr([1, 2]).points] == ["1", "2"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "no values"),
        ([1, float("nan"), 3], "Item 2 .* missing"),
        ([1, None, 3], "Item 2 .* missing"),
        ([1, "three"], "Item 2"),
        ([1, math.inf], "infinite"),
    ],
)
def test_bad_values_give_plain_english_value_errors(values, message):
    with pytest.raises(StatsInputError, match=message) as caught:
        xmr(values)
    assert isinstance(caught.value, ValueError)


def test_mismatched_lengths_are_refused():
    with pytest.raises(StatsInputError, match="3 values but 2 periods"):
        xmr([1, 2, 3], periods=["a", "b"])
    with pytest.raises(StatsInputError, match="numerators"):
        xmr_rate([1, 2, 3], [10, 10])
    with pytest.raises(StatsInputError, match="zero or negative"):
        xmr_rate([1, 2], [10, 0])


def test_invalid_options_are_refused():
    with pytest.raises(StatsInputError):
        xmr([1, 2, 3], options=SpcOptions(trend_length=1))
    with pytest.raises(StatsInputError):
        xmr([1, 2, 3], options=SpcOptions(baseline_points=1))
    with pytest.raises(ValueError):
        xmr([1, 2, 3], direction="sideways")


def test_direction_accepts_strings():
    assert xmr([1, 2, 3], direction="lower").direction is Direction.LOWER
