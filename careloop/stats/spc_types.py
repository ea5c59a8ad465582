"""Result and option types for XmR charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from .rules import Rule

# Making Data Count constants: 3 sigma = 2.66 x AMR; near ("2 sigma") = two thirds of that.
PROCESS_LIMIT = 2.66
NEAR_LIMIT = 2 * PROCESS_LIMIT / 3  # 1.7733..., quoted as 1.773
SCREEN_LIMIT = 3.267


class Direction(StrEnum):
    """Which way is better for a measure."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


class Variation(StrEnum):
    """How one point reads on the chart."""

    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    COMMON_CAUSE = "common cause"
    NEITHER = "neither"  # special cause, but the measure has no better direction
    NO_LIMITS = "no limits"  # too few points to calculate limits


class VariationIcon(StrEnum):
    """Making Data Count variation icons (the latest point)."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class Assurance(StrEnum):
    """Making Data Count assurance against a target."""

    CONSISTENTLY_PASS = "consistently pass"  # noqa: S105 (not a password)
    CONSISTENTLY_FAIL = "consistently fail"
    HIT_AND_MISS = "hit and miss"


@dataclass(frozen=True)
class Rebase:
    """Start a new baseline at point `index` (0-based); the reason is required and recorded."""

    index: int
    reason: str


@dataclass(frozen=True)
class SpcOptions:
    """Chart settings; the defaults match the Making Data Count Excel tools."""

    trend_length: int = 7
    shift_length: int = 7
    baseline_points: int | None = None  # fix limits on the first n points of each segment
    screen_moving_ranges: bool = False  # drop moving ranges >= 3.267 x AMR, then recompute
    trial_threshold: int = 12  # fewer baseline points than this gives trial limits


class Limits(NamedTuple):
    """A segment's process limits and near ("2 sigma") limits."""

    lower: float
    upper: float
    near_lower: float
    near_upper: float


@dataclass(frozen=True)
class Segment:
    """One baseline period: points start .. end - 1 share these limits."""

    start: int
    end: int
    mean: float
    baseline_points: int
    amr: float | None = None
    lower: float | None = None
    upper: float | None = None
    near_lower: float | None = None
    near_upper: float | None = None
    trial: bool = True
    reason: str | None = None  # why this segment was rebased (None for the first)

    @property
    def has_limits(self) -> bool:
        return self.upper is not None

    @property
    def limits(self) -> Limits | None:
        """The limits, when the segment has them (a baseline of two points or more)."""
        lower, upper, near_lower, near_upper = (
            self.lower,
            self.upper,
            self.near_lower,
            self.near_upper,
        )
        if lower is None or upper is None or near_lower is None or near_upper is None:
            return None
        return Limits(lower, upper, near_lower, near_upper)


@dataclass(frozen=True)
class SpcPoint:
    """One point with its limits, the rules it triggers and how it reads."""

    index: int
    period: str
    value: float
    segment: int
    mean: float
    lower: float | None
    upper: float | None
    near_lower: float | None
    near_upper: float | None
    moving_range: float | None
    rules: tuple[Rule, ...]  # every rule the point triggers, in labelling order
    rule_sides: tuple[int, ...]  # per rule: +1 high / increasing, -1 low / decreasing
    side: int  # the side of the first rule (which sets the variation); 0 for none
    variation: Variation
    numerator: float | None = None
    denominator: float | None = None

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class SpcResult:
    """An XmR chart: points, segments, the latest reading and plain-English notes."""

    points: tuple[SpcPoint, ...]
    segments: tuple[Segment, ...]
    direction: Direction
    options: SpcOptions
    target: float | None = None
    variation: Variation = Variation.NO_LIMITS
    variation_icon: VariationIcon | None = None
    assurance: Assurance | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    per: float | None = None  # rates: the multiplier, e.g. 1000 for "per 1,000"

    @property
    def has_limits(self) -> bool:
        return any(s.has_limits for s in self.segments)

    @property
    def latest(self) -> SpcPoint:
        return self.points[-1]

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(p.value for p in self.points)
