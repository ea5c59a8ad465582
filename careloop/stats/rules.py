"""Making Data Count special-cause rules, applied within one baseline segment.

Every function takes the segment's values and returns, per point, the side (+1 high or
increasing, -1 low or decreasing, 0 not flagged) of the rule it triggers.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

# Relative tolerance for "exactly on" a line, so rates such as 1/3 compare as expected.
_REL_TOL = 1e-9


class Rule(StrEnum):
    """Special-cause rules, in the order in which they label a point."""

    ASTRONOMICAL = "astronomical"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    SHIFT = "shift"


RULE_ORDER: tuple[Rule, ...] = (Rule.ASTRONOMICAL, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)


def _tol(*scale: float) -> float:
    return _REL_TOL * max(1.0, *(abs(s) for s in scale))


def side_of(values: np.ndarray, line: float) -> np.ndarray:
    """+1 above the line, -1 below, 0 exactly on it (within a tiny tolerance)."""
    tol = _tol(line)
    return np.where(values > line + tol, 1, np.where(values < line - tol, -1, 0))


def astronomical(values: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """Points strictly above the upper or below the lower process limit."""
    tol = _tol(lower, upper)
    return np.where(values > upper + tol, 1, np.where(values < lower - tol, -1, 0))


def _runs(signs: np.ndarray) -> list[tuple[int, int, int]]:
    """Maximal runs of equal non-zero sign as (start, end_exclusive, sign)."""
    runs = []
    start = 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[start]:
            if signs[start] != 0:
                runs.append((start, i, int(signs[start])))
            start = i
    return runs


def trend(values: np.ndarray, length: int) -> np.ndarray:
    """Points in a run of `length` or more all increasing or all decreasing.

    Equal neighbours break a run. A point at the turn of two trends (a peak between a rise and
    a fall) takes the direction of the trend it starts, as NHSRplotthedots does.
    """
    out = np.zeros(len(values), dtype=int)
    if len(values) < 2:
        return out
    steps = side_of(np.diff(values), 0.0)
    for start, end, sign in _runs(steps):
        # steps[start:end] link points start .. end (inclusive): end - start + 1 points.
        if end - start + 1 >= length:
            out[start : end + 1] = sign
    return out


def shift(values: np.ndarray, mean: float, length: int) -> np.ndarray:
    """Points in a run of `length` or more on one side of the mean (a point on it breaks it)."""
    out = np.zeros(len(values), dtype=int)
    for start, end, sign in _runs(side_of(values, mean)):
        if end - start >= length:
            out[start:end] = sign
    return out


def two_of_three(
    values: np.ndarray, mean: float, near_lower: float, near_upper: float
) -> np.ndarray:
    """Two of three consecutive points beyond a near limit on the same side, all three on it.

    Points beyond the process limit count as beyond the near limit (the Making Data Count
    tools since late 2023). Only the points beyond the near limit are flagged.
    """
    out = np.zeros(len(values), dtype=int)
    sides = side_of(values, mean)
    tol = _tol(near_lower, near_upper)
    beyond = np.where(values > near_upper + tol, 1, np.where(values < near_lower - tol, -1, 0))
    for i in range(len(values) - 2):
        window = slice(i, i + 3)
        side = sides[i]
        if side == 0 or not np.all(sides[window] == side):
            continue
        hits = beyond[window] == side
        if hits.sum() >= 2:
            idx = np.flatnonzero(hits) + i
            out[idx] = side
    return out


def detect(
    values: np.ndarray,
    mean: float,
    lower: float,
    upper: float,
    near_lower: float,
    near_upper: float,
    trend_length: int,
    shift_length: int,
) -> dict[Rule, np.ndarray]:
    """All four rules for one segment, keyed by rule."""
    return {
        Rule.ASTRONOMICAL: astronomical(values, lower, upper),
        Rule.TREND: trend(values, trend_length),
        Rule.TWO_OF_THREE: two_of_three(values, mean, near_lower, near_upper),
        Rule.SHIFT: shift(values, mean, shift_length),
    }
