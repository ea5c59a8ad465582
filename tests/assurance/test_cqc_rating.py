"""Overall rating: every one of the 4^9 score combinations, edges, errors and the CLI."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest

from careloop.assurance.cqc.rating import (
    OverallRating,
    RatingInputError,
    main,
    overall_rating,
    percentage_for_total,
    rating_for_percentage,
    try_overall_rating,
)

# The reference table "Percentage | Rating | Total of the nine scores", typed out by hand.
BANDS = [
    (9, 13, 25, 38, "Inadequate"),
    (14, 22, 39, 62, "Requires improvement"),
    (23, 31, 63, 87, "Good"),
    (32, 36, 88, 100, "Outstanding"),
]


def expected_for_total(total: int) -> tuple[int, str]:
    exact = Fraction(total * 100, 36)
    percentage = int(exact + Fraction(1, 2))  # CQC prints whole numbers, halves rounding up
    band = next(b for b in BANDS if b[0] <= total <= b[1])
    assert band[2] <= percentage <= band[3], "the reference's two columns disagree"
    return percentage, band[4]


EXPECTED = {total: expected_for_total(total) for total in range(9, 37)}


def test_every_combination_of_nine_scores() -> None:
    seen_totals = set()
    for scores in itertools.product((1, 2, 3, 4), repeat=9):
        result = overall_rating(scores)
        total = sum(scores)
        assert (result.total, result.percentage, result.rating) == (total, *EXPECTED[total])
        seen_totals.add(total)
    assert seen_totals == set(range(9, 37))


def test_staffordshire_nine_threes_is_75_percent_good() -> None:
    result = overall_rating([3] * 9)
    assert result == OverallRating(total=27, percentage=75, rating="Good")
    assert str(result) == "75% Good"


@pytest.mark.parametrize(
    ("scores", "total", "percentage", "rating"),
    [
        ([1] * 9, 9, 25, "Inadequate"),
        ([1] * 5 + [2] * 4, 13, 36, "Inadequate"),
        ([1] * 4 + [2] * 5, 14, 39, "Requires improvement"),
        ([2] * 5 + [3] * 4, 22, 61, "Requires improvement"),
        ([2] * 4 + [3] * 5, 23, 64, "Good"),
        ([3] * 5 + [4] * 4, 31, 86, "Good"),
        ([3] * 4 + [4] * 5, 32, 89, "Outstanding"),
        ([4] * 9, 36, 100, "Outstanding"),
    ],
)
def test_band_edges(scores: list[int], total: int, percentage: int, rating: str) -> None:
    assert overall_rating(scores).as_dict() == {
        "total": total,
        "percentage": percentage,
        "rating": rating,
    }


def test_percentage_bands_for_printed_percentages() -> None:
    assert [rating_for_percentage(p) for p in (25, 38, 39, 62, 63, 87, 88, 100)] == [
        "Inadequate", "Inadequate", "Requires improvement", "Requires improvement",
        "Good", "Good", "Outstanding", "Outstanding",
    ]  # fmt: skip
    assert percentage_for_total(27) == 75
    with pytest.raises(RatingInputError):
        rating_for_percentage(101)


@pytest.mark.parametrize(
    ("scores", "phrase"),
    [
        ([3] * 8, "exactly nine"),
        ([3] * 10, "exactly nine"),
        ([], "exactly nine"),
        ([3] * 8 + [5], "from 1 to 4"),
        ([3] * 8 + [0], "from 1 to 4"),
        ([3] * 8 + [3.0], "whole number"),
        ([3] * 8 + ["3"], "whole number"),
        ([3] * 8 + [True], "whole number"),
        ([3] * 8 + [None], "whole number"),
        ("333333333", "list of numbers"),
    ],
)
def test_invalid_scores_raise_a_plain_english_value_error(scores: list, phrase: str) -> None:
    with pytest.raises(RatingInputError) as caught:
        overall_rating(scores)
    assert isinstance(caught.value, ValueError)
    assert phrase in str(caught.value)


def test_fewer_than_nine_scored_is_not_computable() -> None:
    rating, reason = try_overall_rating([3, 3, 3, 3, None, 3, 3, 3, 3])
    assert rating is None
    assert "8 of 9" in reason and "Not computable" in reason
    rating, reason = try_overall_rating({"Safeguarding": 2, "Assessing needs": 3})
    assert rating is None and "2 of 9" in reason
    rating, reason = try_overall_rating({"Nonsense": 2})
    assert rating is None and "Unknown" in reason


def test_nine_scored_by_name_or_number_gives_the_rating() -> None:
    by_number = {n: 3 for n in range(1, 10)}
    assert try_overall_rating(by_number).rating.percentage == 75
    by_name = {"theme4/learning": 4, **{n: 3 for n in range(1, 9)}}
    outcome = try_overall_rating(by_name)
    assert outcome.reason is None and outcome.rating.total == 28
    assert try_overall_rating([3] * 8 + [7]).rating is None


def test_cli_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["3"] * 9) == 0
    out, err = capsys.readouterr()
    assert out.startswith("75% Good")
    assert err == ""


def test_cli_json_is_exactly_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*["3"] * 9, "--json"]) == 0
    out, _ = capsys.readouterr()
    assert out.count("\n") == 1
    assert json.loads(out) == {"total": 27, "percentage": 75, "rating": "Good"}
    assert main(["--json", "1", "1", "1", "1", "1", "2", "2", "2", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["rating"] == "Inadequate"


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["3"] * 8, "exactly nine"),
        (["3"] * 8 + ["5"], "from 1 to 4"),
        (["3"] * 8 + ["-1"], "from 1 to 4"),
        (["3"] * 8 + ["three"], "not a score"),
        (["3"] * 8 + ["2.5"], "not a score"),
        (["3"] * 9 + ["--pdf"], "Unknown option"),
        ([], "exactly nine"),
    ],
)
def test_cli_rejects_bad_input_with_code_2(
    argv: list[str], phrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert phrase in err and "usage:" in err
