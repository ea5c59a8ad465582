"""XmR (individuals) charts as NHS England's Making Data Count tools draw them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import rules as rule_fns
from .errors import StatsInputError, as_series, non_negative, period_label, positive, same_length
from .rules import RULE_ORDER, Rule
from .spc_types import (
    NEAR_LIMIT,
    PROCESS_LIMIT,
    SCREEN_LIMIT,
    Assurance,
    Direction,
    Rebase,
    Segment,
    SpcOptions,
    SpcPoint,
    SpcResult,
    Variation,
    VariationIcon,
)

__all__ = ["xmr", "xmr_rate", "segment_limits"]


def _check_options(options: SpcOptions) -> None:
    if options.trend_length < 2 or options.shift_length < 2:
        raise StatsInputError("Trend and shift run lengths must be at least 2 points.")
    if options.baseline_points is not None and options.baseline_points < 2:
        raise StatsInputError("A fixed baseline needs at least 2 points.")
    if options.trial_threshold < 2:
        raise StatsInputError("The trial-limits threshold must be at least 2 points.")


def _check_rebases(rebases: Sequence[Rebase], n: int) -> list[Rebase]:
    ordered = sorted(rebases, key=lambda r: r.index)
    seen: set[int] = set()
    for rebase in ordered:
        if not isinstance(rebase.index, int) or isinstance(rebase.index, bool):
            raise StatsInputError("A rebase point must be given as a whole-number position.")
        if not 1 <= rebase.index <= n - 1:
            raise StatsInputError(
                f"A rebase at point {rebase.index + 1} is outside the series of {n} points; "
                "it must fall after the first point and on or before the last."
            )
        if rebase.index in seen:
            raise StatsInputError(f"There are two rebases at point {rebase.index + 1}.")
        if not rebase.reason or not rebase.reason.strip():
            raise StatsInputError(
                f"The rebase at point {rebase.index + 1} has no reason; record why the "
                "process changed before rebasing."
            )
        seen.add(rebase.index)
    return ordered


def segment_limits(
    values: np.ndarray,
    start: int,
    end: int,
    options: SpcOptions,
    reason: str | None = None,
) -> Segment:
    """Mean, average moving range and limits for points start .. end - 1."""
    seg = values[start:end]
    n_base = len(seg) if options.baseline_points is None else min(options.baseline_points, len(seg))
    base = seg[:n_base]
    mean = float(base.mean())
    if n_base < 2:
        return Segment(start, end, mean, n_base, reason=reason)
    moving = np.abs(np.diff(base))
    amr = float(moving.mean())
    if options.screen_moving_ranges and amr > 0:
        kept = moving[moving < SCREEN_LIMIT * amr]
        amr = float(kept.mean())
    return Segment(
        start=start,
        end=end,
        mean=mean,
        baseline_points=n_base,
        amr=amr,
        lower=mean - PROCESS_LIMIT * amr,
        upper=mean + PROCESS_LIMIT * amr,
        near_lower=mean - NEAR_LIMIT * amr,
        near_upper=mean + NEAR_LIMIT * amr,
        trial=n_base < options.trial_threshold,
        reason=reason,
    )


def _read(side: int, direction: Direction) -> Variation:
    if side == 0:
        return Variation.COMMON_CAUSE
    if direction is Direction.NEITHER:
        return Variation.NEITHER
    good = 1 if direction is Direction.HIGHER else -1
    return Variation.IMPROVEMENT if side == good else Variation.CONCERN


def _icon(point: SpcPoint) -> VariationIcon | None:
    if point.variation is Variation.NO_LIMITS:
        return None
    if point.variation is Variation.COMMON_CAUSE:
        return VariationIcon.COMMON_CAUSE
    high = point.side > 0
    names = {
        Variation.IMPROVEMENT: ("IMPROVEMENT_HIGH", "IMPROVEMENT_LOW"),
        Variation.CONCERN: ("CONCERN_HIGH", "CONCERN_LOW"),
        Variation.NEITHER: ("NEUTRAL_HIGH", "NEUTRAL_LOW"),
    }[point.variation]
    return VariationIcon[names[0] if high else names[1]]


def _assurance(segment: Segment, target: float | None, direction: Direction) -> Assurance | None:
    limits = segment.limits
    if target is None or direction is Direction.NEITHER or limits is None:
        return None
    above, below = target > limits.upper, target < limits.lower
    if not (above or below):
        return Assurance.HIT_AND_MISS
    meets = below if direction is Direction.HIGHER else above
    return Assurance.CONSISTENTLY_PASS if meets else Assurance.CONSISTENTLY_FAIL


def _notes(segments: Sequence[Segment], options: SpcOptions, target, direction) -> list[str]:
    notes = []
    if not any(s.has_limits for s in segments):
        notes.append("There are too few points to calculate limits: at least 2 are needed.")
    for number, seg in enumerate(segments, start=1):
        where = "" if len(segments) == 1 else f" for period {number}"
        if seg.reason:
            notes.append(f"Limits were recalculated from point {seg.start + 1}: {seg.reason}")
        if seg.has_limits and seg.trial:
            notes.append(
                f"The limits{where} are trial limits: they rest on {seg.baseline_points} points "
                f"and at least {options.trial_threshold} are advised."
            )
        elif not seg.has_limits and len(segments) > 1:
            notes.append(f"Period {number} has a single point, so it has no limits.")
    if target is not None and direction is Direction.NEITHER:
        notes.append(
            "Assurance against the target needs a direction in which the measure is better."
        )
    return notes


def xmr(
    values: Sequence[float] | np.ndarray,
    *,
    periods: Sequence[object] | None = None,
    direction: Direction | str = Direction.NEITHER,
    target: float | None = None,
    rebases: Sequence[Rebase] = (),
    options: SpcOptions | None = None,
) -> SpcResult:
    """An XmR chart of `values` (one per period, oldest first)."""
    return _chart(values, periods, direction, target, rebases, options)


def _chart(
    values: Sequence[float] | np.ndarray,
    periods: Sequence[object] | None,
    direction: Direction | str,
    target: float | None,
    rebases: Sequence[Rebase],
    options: SpcOptions | None,
    numerators: np.ndarray | None = None,
    denominators: np.ndarray | None = None,
    per: float | None = None,
) -> SpcResult:
    options = options or SpcOptions()
    _check_options(options)
    direction = Direction(direction)
    y = as_series(values)
    n = len(y)
    if periods is not None:
        same_length(y, periods, "values", "periods")
        labels = [period_label(p) for p in periods]
    else:
        labels = [str(i + 1) for i in range(n)]
    if target is not None:
        target = float(as_series([target], "targets")[0])

    ordered = _check_rebases(rebases, n)
    bounds = [0, *(r.index for r in ordered), n]
    reasons = [None, *(r.reason.strip() for r in ordered)]
    segments = [
        segment_limits(y, bounds[k], bounds[k + 1], options, reasons[k])
        for k in range(len(bounds) - 1)
    ]

    points: list[SpcPoint] = []
    for number, seg in enumerate(segments):
        seg_values = y[seg.start : seg.end]
        flags: dict[Rule, np.ndarray] = {}
        if limits := seg.limits:
            flags = rule_fns.detect(
                seg_values,
                seg.mean,
                limits.lower,
                limits.upper,
                limits.near_lower,
                limits.near_upper,
                options.trend_length,
                options.shift_length,
            )
        for offset, value in enumerate(seg_values):
            i = seg.start + offset
            fired = tuple(r for r in RULE_ORDER if r in flags and flags[r][offset] != 0)
            sides = tuple(int(flags[r][offset]) for r in fired)
            side = sides[0] if sides else 0
            variation = _read(side, direction) if seg.has_limits else Variation.NO_LIMITS
            points.append(
                SpcPoint(
                    index=i,
                    period=labels[i],
                    value=float(value),
                    segment=number,
                    mean=seg.mean,
                    lower=seg.lower,
                    upper=seg.upper,
                    near_lower=seg.near_lower,
                    near_upper=seg.near_upper,
                    moving_range=None if offset == 0 else float(abs(value - y[i - 1])),
                    rules=fired,
                    rule_sides=sides,
                    side=side,
                    variation=variation,
                    numerator=None if numerators is None else float(numerators[i]),
                    denominator=None if denominators is None else float(denominators[i]),
                )
            )

    latest = points[-1]
    return SpcResult(
        points=tuple(points),
        segments=tuple(segments),
        direction=direction,
        options=options,
        target=target,
        variation=latest.variation,
        variation_icon=_icon(latest),
        assurance=_assurance(segments[-1], target, direction),
        notes=tuple(_notes(segments, options, target, direction)),
        per=per,
    )


def xmr_rate(
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    per: float = 1.0,
    periods: Sequence[object] | None = None,
    direction: Direction | str = Direction.NEITHER,
    target: float | None = None,
    rebases: Sequence[Rebase] = (),
    options: SpcOptions | None = None,
) -> SpcResult:
    """An XmR chart of numerator / denominator x `per` (e.g. per 1,000 people supported).

    The target, if any, is on the same scale as the charted rate.
    """
    num = as_series(numerators, "numerators")
    den = as_series(denominators, "denominators")
    same_length(num, den, "numerators", "denominators")
    non_negative(num, "numerators")
    positive(den, "denominators")
    if not per > 0:
        raise StatsInputError("The rate multiplier ('per') must be above 0.")
    return _chart(
        num / den * per, periods, direction, target, rebases, options, num, den, float(per)
    )
