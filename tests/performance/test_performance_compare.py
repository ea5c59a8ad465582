"""The comparison engine and findings against hand-worked cases."""

import pytest

from careloop.performance import compare, findings
from careloop.performance.compare import parse_year, standing

ENGLAND = {"A": 10.0, "B": 20.0, "C": 20.0, "D": 30.0, "E": 40.0, "F": 50.0, "G": 60.0, "H": 70.0}


def s(code="D", polarity="higher", group=("A", "B", "C", "D"), series=None, year="2022-23"):
    return standing(
        council_code=code,
        measure_code="M",
        year=year,
        polarity=polarity,
        england=ENGLAND,
        group=group,
        series=series if series is not None else {"2022-23": ENGLAND[code]},
    )


def test_medians_mads_and_group():
    got = s()
    # England: 10 20 20 30 40 50 60 70 -> median 35; deviations 25 15 15 5 5 15 25 35 -> 15
    assert got.england_median == 35
    assert got.mads_from_median == pytest.approx((30 - 35) / 15)
    assert (got.group_size, got.group_median) == (4, 20)
    assert got.group_rank == 1  # D (30) is the best of A B C D by "higher is better"


def test_ties_share_the_better_rank_and_quarter():
    # B and C are both 20: in the group 10 20 20 30 both are 2nd (one better), A is 4th
    assert s("B").group_rank == 2 and s("C").group_rank == 2
    assert s("A").group_rank == 4
    # In England (8 councils) 5 are better than 20 -> 4*5//8 = 2 -> third quarter
    assert s("B").england_quartile == 3 and s("C").england_quartile == 3
    assert s("H").england_quartile == 1 and s("A").england_quartile == 4


def test_lower_is_better_reverses_and_no_direction_has_no_rank():
    assert s("A", polarity="lower").group_rank == 1
    assert s("A", polarity="lower").england_quartile == 1
    none = s("A", polarity="none")
    assert none.group_rank is None and none.england_quartile is None
    assert none.mads_from_median == pytest.approx(-25 / 15)  # distance still has a sign


def test_no_neighbours_list_and_group_members_without_a_figure():
    alone = s("D", group=None)
    assert (alone.group_size, alone.group_median, alone.group_rank) == (None, None, None)
    assert alone.england_median == 35
    partial = s("D", group=("D", "X", "Y", "A"))  # X and Y have no figure that year
    assert (partial.group_size, partial.group_rank, partial.group_median) == (2, 1, 20)


def test_missing_years_previous_value_change_and_three_years():
    series = {"2016-17": 25.0, "2018-19": 28.0, "2019-20": 27.0, "2022-23": 30.0}
    got = s("D", series=series)
    assert (got.previous_value, got.previous_year, got.change) == (27.0, "2019-20", 3.0)
    assert got.three_year_change == 3.0  # 2019-20 is exactly three years before
    got = s("D", series={"2016-17": 25.0, "2022-23": 30.0})
    assert got.three_year_change is None and got.change == 5.0
    assert got.noise == compare.CANNOT  # one change: too short to say


def test_noise_needs_four_changes_and_flags_a_big_last_one():
    assert compare.noise([1, 2, 1, 2]) == compare.CANNOT  # three ranges
    assert compare.noise([10, 11, 10, 11, 10.5]) == compare.WITHIN
    # ranges before the last: 1 1 1 -> limit 3.267; the last (5) is beyond it
    assert compare.noise([10, 11, 10, 11, 16]) == compare.BEYOND


def test_a_council_with_no_figure_that_year():
    got = standing(
        council_code="Z",
        measure_code="M",
        year="2022-23",
        polarity="higher",
        england=ENGLAND,
        group=("Z", "A"),
        series={"2021-22": 5.0},
    )
    assert got.value is None and got.group_rank is None and got.england_quartile is None
    assert got.previous_value == 5.0 and got.change is None and got.group_size == 1


@pytest.mark.parametrize(
    "text,want",
    [("2022-23", "2022-23"), ("2022/23", "2022-23"), ("202223", "2022-23"),
     ("2022-2023", "2022-23"), ("1999-00", "1999-00"), ("2022-24", None), ("2022", None),
     ("x", None)],
)  # fmt: skip
def test_year_spellings(text, want):
    assert parse_year(text) == want


INFO = findings.Described("ease of finding information", "percent", "higher")


def test_finding_of_the_issue_example():
    got = standing(
        council_code="S",
        measure_code="ASC3",
        year="2022-23",
        polarity="higher",
        england={"S": 64.2, "M1": 67.5, "M2": 67.5, "M3": 70.0, "M4": 60.0},
        group=("S", "M1", "M2"),
        series={"2015-16": 73.6, "2021-22": 58.1, "2022-23": 64.2},
    )
    assert findings.finding(got, "Staffordshire", INFO) == (
        "In 2022-23, Staffordshire's ease of finding information was 64.2%: below the England "
        "median (67.5%) and 3rd of 3 similar councils. It has fallen from 73.6% in 2015-16. "
        "Whether the change since 2021-22 is more than year-to-year noise cannot be concluded: "
        "the series is too short."
    )


def test_findings_claim_no_rank_without_direction_and_say_when_at_median():
    got = standing(
        council_code="S",
        measure_code="ASC6",
        year="2022-23",
        polarity="none",
        england={"S": 100.0, "A": 100.0, "B": 90.0},
        group=("S", "A", "B"),
        series={"2022-23": 100.0},
    )
    text = findings.finding(got, "S", findings.Described("requests", "rate", "none"))
    assert (
        text == "In 2022-23, S's requests was 100.0 per 100,000: at the England median "
        "(100.0 per 100,000)."
    )
    assert "similar councils" not in text and "quarter" not in text


def test_finding_for_a_beyond_noise_improvement_and_bottom_quarter():
    series = {"2016-17": 50.0, "2017-18": 51.0, "2018-19": 50.0, "2019-20": 51.0, "2022-23": 40.0}
    got = standing(
        council_code="S",
        measure_code="M",
        year="2022-23",
        polarity="higher",
        england={"S": 40.0, "A": 60.0, "B": 70.0, "C": 80.0},
        group=None,
        series=series,
    )
    text = findings.finding(got, "S", INFO)
    assert "bottom quarter" in text
    assert "beyond year-to-year noise, a deterioration" in text
    assert "similar councils" not in text  # no neighbours list: no rank claimed
    assert "fallen from 50.0% in 2016-17" in text
