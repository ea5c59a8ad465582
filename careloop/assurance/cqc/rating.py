"""CQC's overall rating from the nine quality statement scores, and `careloop cqc rating`.

The nine scores (1-4) are added, equally weighted, and shown as a whole-number percentage of
36; the band follows the total (Staffordshire: nine 3s = 27 = 75% = Good).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .framework import (
    MAX_SCORE,
    MAX_TOTAL,
    MIN_SCORE,
    RATING_BANDS,
    STATEMENT_COUNT,
    find_statement,
)


class RatingInputError(ValueError):
    """The scores cannot give a rating; the message says why in plain English."""


@dataclass(frozen=True)
class OverallRating:
    """Total of the nine scores, the percentage CQC prints, and the rating."""

    total: int
    percentage: int
    rating: str

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "percentage": self.percentage, "rating": self.rating}

    def __str__(self) -> str:
        return f"{self.percentage}% {self.rating}"


class RatingOutcome(NamedTuple):
    """Either a rating (reason None) or None with the reason it is not computable."""

    rating: OverallRating | None
    reason: str | None


def percentage_for_total(total: int) -> int:
    """Whole-number percentage of 36, rounded half up as CQC prints it (27 -> 75)."""
    if not STATEMENT_COUNT * MIN_SCORE <= total <= MAX_TOTAL:
        raise RatingInputError(f"A total of nine scores must be between 9 and 36, not {total}.")
    return (total * 200 + MAX_TOTAL) // (2 * MAX_TOTAL)


def rating_for_total(total: int) -> str:
    """The rating band for a total of the nine scores (9-36)."""
    for band in RATING_BANDS:
        if band.min_total <= total <= band.max_total:
            return band.rating
    raise RatingInputError(f"A total of nine scores must be between 9 and 36, not {total}.")


def rating_for_percentage(percentage: int | float) -> str:
    """The rating band for a printed overall percentage (used for peer summaries)."""
    if not 25 <= percentage <= 100:
        raise RatingInputError(
            f"An overall percentage must be between 25 and 100, not {percentage}."
        )
    for band in RATING_BANDS:
        if percentage < band.max_percentage + 1:
            return band.rating
    return RATING_BANDS[-1].rating


def _check_score(position: int, score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise RatingInputError(
            f"Score {position} is {score!r}; each score must be a whole number from 1 to 4."
        )
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise RatingInputError(f"Score {position} is {score}; each score must be from 1 to 4.")
    return score


def overall_rating(scores: Sequence[int]) -> OverallRating:
    """Rate exactly nine integer scores of 1-4; raises RatingInputError otherwise."""
    if isinstance(scores, str | bytes) or not isinstance(scores, Sequence):
        raise RatingInputError("Give the nine quality statement scores as a list of numbers.")
    if len(scores) != STATEMENT_COUNT:
        raise RatingInputError(
            f"CQC's overall rating needs exactly nine quality statement scores; got {len(scores)}."
        )
    total = sum(_check_score(i, s) for i, s in enumerate(scores, start=1))
    return OverallRating(total, percentage_for_total(total), rating_for_total(total))


def try_overall_rating(
    scores: Sequence[int | None] | Mapping[int, int | None] | Mapping[str, int | None],
) -> RatingOutcome:
    """A rating when all nine statements are scored; otherwise (None, reason), never a guess.

    Accepts nine scores in statement order (None for unscored) or a mapping keyed by statement
    number or any accepted statement name.
    """
    if isinstance(scores, Mapping):
        ordered: list[int | None] = [None] * STATEMENT_COUNT
        for key, value in scores.items():
            qs = find_statement(f"qs{key}" if isinstance(key, int) else str(key))
            if qs is None:
                return RatingOutcome(None, f"Unknown quality statement {key!r}.")
            ordered[qs.number - 1] = value
        scores = ordered
    values = list(scores)
    scored = [s for s in values if s is not None]
    if len(values) > STATEMENT_COUNT:
        return RatingOutcome(None, f"There are nine quality statements, not {len(values)}.")
    if len(scored) < STATEMENT_COUNT:
        return RatingOutcome(
            None,
            f"Not computable: {len(scored)} of 9 quality statements are scored; CQC's overall "
            "rating needs all nine.",
        )
    try:
        return RatingOutcome(overall_rating(scored), None)
    except RatingInputError as error:
        return RatingOutcome(None, str(error))


USAGE = "usage: careloop cqc rating S1 S2 S3 S4 S5 S6 S7 S8 S9 [--json]"
_INTEGER = re.compile(r"^[+-]?\d+$")


def _parse_args(argv: Sequence[str]) -> tuple[list[int], bool]:
    as_json = False
    scores: list[int] = []
    for arg in argv:
        if arg == "--json":
            as_json = True
            continue
        for part in (p for p in arg.split(",") if p.strip()):
            part = part.strip()
            if _INTEGER.match(part):
                scores.append(int(part))
            elif part.startswith("--"):
                raise RatingInputError(f"Unknown option {part}.")
            else:
                raise RatingInputError(
                    f"{part!r} is not a score; each score must be a whole number from 1 to 4."
                )
    return scores, as_json


def main(argv: Sequence[str] | None = None) -> int:
    """`careloop cqc rating S1 … S9 [--json]`: print the overall rating; 2 on bad input."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(USAGE)
        print("Prints the overall rating from the nine quality statement scores (each 1-4).")
        return 0
    try:
        scores, as_json = _parse_args(args)
        result = overall_rating(scores)
    except RatingInputError as error:
        print(f"error: {error}", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(result.as_dict()))
    else:
        print(f"{result.percentage}% {result.rating} (total {result.total} of {MAX_TOTAL})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
