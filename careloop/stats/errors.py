"""Input checking shared by the statistics engine."""

from __future__ import annotations

import math
from collections.abc import Sequence, Sized
from datetime import date

import numpy as np


class StatsInputError(ValueError):
    """Input the statistics engine cannot use; the message is plain English for the user."""


def as_series(values: Sequence[float] | np.ndarray, name: str = "values") -> np.ndarray:
    """Return values as a float array, refusing empty input, missing values and infinities."""
    if values is None:
        raise StatsInputError(f"No {name} were given.")
    try:
        items = list(values)
    except TypeError as exc:
        raise StatsInputError(f"The {name} must be a list of numbers.") from exc
    if not items:
        raise StatsInputError(f"There are no {name} to analyse.")
    out = np.empty(len(items), dtype=float)
    for i, item in enumerate(items):
        if item is None or isinstance(item, bool | str):
            raise StatsInputError(
                f"Item {i + 1} of the {name} is missing or not a number ({item!r})."
            )
        try:
            number = float(item)
        except (TypeError, ValueError) as exc:
            raise StatsInputError(
                f"Item {i + 1} of the {name} is not a number ({item!r})."
            ) from exc
        if math.isnan(number):
            raise StatsInputError(f"Item {i + 1} of the {name} is missing (not a number).")
        if math.isinf(number):
            raise StatsInputError(f"Item {i + 1} of the {name} is infinite.")
        out[i] = number
    return out


def same_length(first: Sized, second: Sized, first_name: str, second_name: str) -> None:
    """Refuse two sequences of different lengths."""
    if len(first) != len(second):
        raise StatsInputError(
            f"There are {len(first)} {first_name} but {len(second)} {second_name}; "
            "they must match one for one."
        )


def positive(values: np.ndarray, name: str) -> None:
    """Refuse zero or negative entries (denominators, exposures)."""
    if np.any(values <= 0):
        first = int(np.flatnonzero(values <= 0)[0]) + 1
        raise StatsInputError(
            f"Item {first} of the {name} is zero or negative; it must be above 0."
        )


def non_negative(values: np.ndarray, name: str) -> None:
    """Refuse negative entries (counts, numerators)."""
    if np.any(values < 0):
        first = int(np.flatnonzero(values < 0)[0]) + 1
        raise StatsInputError(f"Item {first} of the {name} is negative; counts cannot be.")


def period_label(period: object) -> str:
    """A short label for a period: dates become 'Jan 2024'; anything else its text."""
    if isinstance(period, date):
        return period.strftime("%b %Y")
    return str(period)
