"""Shared series for the statistics engine tests (fixtures only, so no test imports this file).

The workhorse is a fixed 12-point baseline that alternates 12, 10, 12, 10, ... so that:
  mean = (6 x 12 + 6 x 10) / 12 = 132 / 12 = 11
  every moving range = |10 - 12| = 2, so AMR = 22 / 11 = 2
  process limits = 11 +/- 2.66 x 2 = 11 +/- 5.32  -> 5.68 and 16.32
  near limits    = 11 +/- (2 x 2.66 / 3) x 2 = 11 +/- 3.546667 -> 7.453333 and 14.546667
It ends on 10 (below the mean), so a run after it starts fresh, and it alternates, so by
itself it triggers no trend, no shift and nothing beyond the near limits.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from careloop.stats import SpcOptions


def _rules_at(result, index: int) -> tuple[str, ...]:
    return tuple(r.value for r in result.points[index].rules)


def _flagged(result, rule: str) -> list[int]:
    return [p.index for p in result.points if any(r.value == rule for r in p.rules)]


@pytest.fixture
def hand() -> SimpleNamespace:
    """The hand-worked baseline, its limits, and helpers to read rule flags."""
    return SimpleNamespace(
        baseline=[12.0, 10.0] * 6,
        mean=11.0,
        amr=2.0,
        upper=11 + 2.66 * 2,  # 16.32
        lower=11 - 2.66 * 2,  # 5.68
        near_upper=11 + 2 * 2.66 / 3 * 2,  # 14.546666...
        near_lower=11 - 2 * 2.66 / 3 * 2,  # 7.453333...
        fixed=SpcOptions(baseline_points=12),
        rules_at=_rules_at,
        flagged=_flagged,
    )
