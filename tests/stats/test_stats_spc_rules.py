"""Special-cause rules, variation and assurance on hand-worked series.

Every series starts with the `hand` baseline from conftest (mean 11, AMR 2, process limits
5.68 and 16.32, near limits 7.4533 and 14.5467), fixed on its 12 points, so the limits below
are known without computing them. Indices 0-11 are the baseline; appended points start at 12.
"""

from __future__ import annotations

import pytest

from careloop.stats import (
    Assurance,
    Direction,
    SpcOptions,
    Variation,
    VariationIcon,
    xmr,
)


def chart(hand, extra, **kwargs):
    kwargs.setdefault("options", hand.fixed)
    return xmr([*hand.baseline, *extra], **kwargs)


def test_baseline_alone_is_common_cause(hand):
    result = chart(hand, [])
    assert all(not p.rules for p in result.points)
    assert result.variation is Variation.COMMON_CAUSE
    assert result.variation_icon is VariationIcon.COMMON_CAUSE


# --- astronomical point -------------------------------------------------------------------


def test_point_above_upper_limit_is_astronomical(hand):
    result = chart(hand, [17])  # 17 > 16.32
    assert hand.rules_at(result, 12) == ("astronomical",)
    assert result.points[12].side == 1


def test_point_below_lower_limit_is_astronomical(hand):
    result = chart(hand, [5])  # 5 < 5.68
    assert hand.rules_at(result, 12) == ("astronomical",)
    assert result.points[12].side == -1


def test_point_exactly_on_a_process_limit_is_not_astronomical(hand):
    result = chart(hand, [11 + 2.66 * 2])  # exactly 16.32
    assert result.points[12].rules == ()


# --- trend --------------------------------------------------------------------------------


def test_seven_increasing_points_are_a_trend(hand):
    # 10 (last baseline) -> 8 falls, then 8, 9, 10, 11.5, 12, 13, 14 rise: 7 points.
    # Shift: 8, 9, 10 below 11 and 11.5 .. 14 above: runs of 3 and 4, no shift.
    # Near limit 14.5467: 14 is inside it, so no two-of-three.
    result = chart(hand, [8, 9, 10, 11.5, 12, 13, 14])
    assert hand.flagged(result, "trend") == list(range(12, 19))
    assert all(p.side == 1 for p in result.points[12:])
    assert all(hand.rules_at(result, i) == ("trend",) for i in range(12, 19))


def test_six_increasing_points_are_not_a_trend(hand):
    # 10 -> 9 falls, so the rising run is 9, 10, 11.5, 12, 13, 14: six points.
    result = chart(hand, [9, 10, 11.5, 12, 13, 14])
    assert hand.flagged(result, "trend") == []


def test_equal_neighbours_break_a_trend(hand):
    # 8, 9, 10, 10, 11.5, 12, 13: the tie splits it into rising runs of 3 and 4 points.
    result = chart(hand, [8, 9, 10, 10, 11.5, 12, 13])
    assert hand.flagged(result, "trend") == []


def test_seven_decreasing_points_are_a_falling_trend(hand):
    # 12 (appended) then 11.8, 11.6 above the mean and 10.5, 10, 9, 8 below: 7 falling.
    result = chart(hand, [12, 11.8, 11.6, 10.5, 10, 9, 8])
    assert hand.flagged(result, "trend") == list(range(12, 19))
    assert all(p.side == -1 for p in result.points[12:19])


def test_trend_length_is_configurable(hand):
    opts = SpcOptions(baseline_points=12, trend_length=6)
    result = chart(hand, [9, 10, 11.5, 12, 13, 14], options=opts)
    assert hand.flagged(result, "trend") == list(range(12, 18))
    five = chart(hand, [9, 10, 11.5, 12, 13], options=opts)  # only 5 rising
    assert hand.flagged(five, "trend") == []


# --- two of three beyond the near limits --------------------------------------------------


def test_two_of_three_beyond_upper_near_limit(hand):
    # 15 > 14.5467 (near) but < 16.32; 11.5 is above the mean 11, so all three are above.
    result = chart(hand, [15, 11.5, 15])
    assert hand.flagged(result, "two_of_three") == [12, 14]  # the middle point is not flagged
    assert result.points[13].rules == ()
    assert result.points[12].side == 1


def test_two_of_three_beyond_lower_near_limit(hand):
    # 7 < 7.4533 (near) but > 5.68; 10.5 is below the mean.
    result = chart(hand, [7, 10.5, 7])
    assert hand.flagged(result, "two_of_three") == [12, 14]
    assert result.points[14].side == -1


def test_two_of_three_needs_all_three_on_the_same_side(hand):
    # The middle point 10 is below the mean: no window has all three above.
    assert hand.flagged(chart(hand, [15, 10, 15]), "two_of_three") == []
    # A middle point exactly on the mean is on neither side, so it breaks the pattern too.
    assert hand.flagged(chart(hand, [15, 11, 15]), "two_of_three") == []


def test_two_of_three_needs_two_beyond_the_near_limit(hand):
    assert hand.flagged(chart(hand, [15, 11.5, 12]), "two_of_three") == []
    # On the near limit exactly is not beyond it.
    assert hand.flagged(chart(hand, [15, 11.5, 11 + 2 * 2.66 / 3 * 2]), "two_of_three") == []


def test_point_beyond_process_limit_counts_towards_two_of_three(hand):
    result = chart(hand, [17, 11.5, 15])
    assert hand.rules_at(result, 12) == ("astronomical", "two_of_three")
    assert hand.rules_at(result, 14) == ("two_of_three",)


# --- shift --------------------------------------------------------------------------------


def test_seven_points_above_the_mean_are_a_shift(hand):
    # 11.5 is above the mean 11 and inside the near limit; equal values make no trend.
    result = chart(hand, [11.5] * 7)
    assert hand.flagged(result, "shift") == list(range(12, 19))
    assert all(hand.rules_at(result, i) == ("shift",) for i in range(12, 19))


def test_six_points_above_the_mean_are_not_a_shift(hand):
    assert hand.flagged(chart(hand, [11.5] * 6), "shift") == []


def test_seven_points_below_the_mean_are_a_shift(hand):
    result = chart(hand, [10.5] * 6)  # the last baseline point (10) is below too: 7 in all
    assert hand.flagged(result, "shift") == list(range(11, 18))
    assert result.points[17].side == -1


def test_a_point_on_the_mean_breaks_a_shift(hand):
    result = chart(hand, [11.5, 11.5, 11.5, 11, 11.5, 11.5, 11.5, 11.5])
    assert hand.flagged(result, "shift") == []
    opts = SpcOptions(baseline_points=12, shift_length=4)
    short = chart(hand, [11.5, 11.5, 11.5, 11, 11.5, 11.5, 11.5, 11.5], options=opts)
    assert hand.flagged(short, "shift") == [16, 17, 18, 19]  # the run of 4 after the break


# --- labelling, variation, icons ----------------------------------------------------------


def test_point_lists_every_rule_in_labelling_order(hand):
    # 7 falling points below the mean, the last two beyond the lower near limit (7.4533)
    # and the last below the lower process limit (5.68).
    result = chart(hand, [10.9, 10.5, 10, 9, 8, 7, 5])
    assert hand.rules_at(result, 18) == ("astronomical", "trend", "two_of_three", "shift")
    assert result.points[18].rule_sides == (-1, -1, -1, -1)


def test_first_rule_sets_the_reading_when_rules_disagree(hand):
    # 17 is above the upper limit and starts a falling trend 17, 16, 15, 14, 13, 12, 11.5.
    result = chart(hand, [17, 16, 15, 14, 13, 12, 11.5], direction=Direction.HIGHER)
    first = result.points[12]
    assert [r.value for r in first.rules][:2] == ["astronomical", "trend"]
    assert first.rule_sides[:2] == (1, -1)
    assert first.variation is Variation.IMPROVEMENT  # astronomical high outranks the trend
    assert result.points[13].variation is Variation.CONCERN  # falling trend, higher better


@pytest.mark.parametrize(
    ("direction", "variation", "icon"),
    [
        (Direction.HIGHER, Variation.IMPROVEMENT, VariationIcon.IMPROVEMENT_HIGH),
        (Direction.LOWER, Variation.CONCERN, VariationIcon.CONCERN_HIGH),
        (Direction.NEITHER, Variation.NEITHER, VariationIcon.NEUTRAL_HIGH),
    ],
)
def test_direction_flips_improvement_and_concern_for_a_high_point(hand, direction, variation, icon):
    result = chart(hand, [17], direction=direction)
    assert result.points[12].variation is variation
    assert result.variation is variation
    assert result.variation_icon is icon


@pytest.mark.parametrize(
    ("direction", "variation", "icon"),
    [
        (Direction.HIGHER, Variation.CONCERN, VariationIcon.CONCERN_LOW),
        (Direction.LOWER, Variation.IMPROVEMENT, VariationIcon.IMPROVEMENT_LOW),
        (Direction.NEITHER, Variation.NEITHER, VariationIcon.NEUTRAL_LOW),
    ],
)
def test_direction_flips_improvement_and_concern_for_a_low_shift(hand, direction, variation, icon):
    result = chart(hand, [10.5] * 6, direction=direction)
    assert result.variation is variation
    assert result.variation_icon is icon
    assert result.points[0].variation is Variation.COMMON_CAUSE


def test_latest_point_common_cause_after_earlier_special_cause(hand):
    result = chart(hand, [17, 11], direction=Direction.HIGHER)
    assert result.points[12].variation is Variation.IMPROVEMENT
    assert result.variation is Variation.COMMON_CAUSE


# --- assurance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "expected"),
    [
        (Direction.HIGHER, 5, Assurance.CONSISTENTLY_PASS),  # target below lower limit 5.68
        (Direction.HIGHER, 17, Assurance.CONSISTENTLY_FAIL),  # target above upper 16.32
        (Direction.HIGHER, 12, Assurance.HIT_AND_MISS),
        (Direction.LOWER, 17, Assurance.CONSISTENTLY_PASS),
        (Direction.LOWER, 5, Assurance.CONSISTENTLY_FAIL),
        (Direction.LOWER, 11, Assurance.HIT_AND_MISS),
        (Direction.LOWER, 11 + 2.66 * 2, Assurance.HIT_AND_MISS),  # on the limit: not outside
    ],
)
def test_assurance_against_target(hand, direction, target, expected):
    assert chart(hand, [], direction=direction, target=target).assurance is expected


def test_assurance_needs_a_direction_and_limits(hand):
    neither = chart(hand, [], target=5)
    assert neither.assurance is None
    assert any("direction" in note for note in neither.notes)
    assert xmr([3], direction=Direction.HIGHER, target=5).assurance is None
    assert chart(hand, [], direction=Direction.HIGHER).assurance is None  # no target


def test_assurance_uses_the_latest_segment(hand):
    from careloop.stats import Rebase

    values = [10, 12] * 6 + [30, 32] * 6  # second segment: mean 31, limits 31 +/- 5.32
    result = xmr(values, direction="higher", target=20, rebases=[Rebase(12, "New service")])
    assert result.assurance is Assurance.CONSISTENTLY_PASS
    assert result.points[12].rules == ()  # the jump is not special cause after rebasing
