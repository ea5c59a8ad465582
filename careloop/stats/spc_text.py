"""Plain-English readings of an XmR chart, for pages, reports and the SVG's description."""

from __future__ import annotations

from collections import Counter

from .formatting import fmt, fmt_value, plural
from .rules import Rule
from .spc_types import Assurance, SpcOptions, SpcPoint, SpcResult, Variation

__all__ = ["describe_spc", "point_rule_labels", "rule_label", "variation_label", "assurance_label"]


def rule_label(rule: Rule, side: int = 0, options: SpcOptions | None = None) -> str:
    """A short description of a rule, e.g. 'run of 7 rising points'."""
    options = options or SpcOptions()
    if rule is Rule.ASTRONOMICAL:
        where = {1: "above the upper", -1: "below the lower"}.get(side, "beyond a")
        return f"{where} process limit"
    if rule is Rule.TREND:
        word = {1: "rising", -1: "falling"}.get(side, "rising or falling")
        return f"run of {options.trend_length} or more {word} points"
    if rule is Rule.TWO_OF_THREE:
        where = {1: "above the upper", -1: "below the lower"}.get(side, "beyond a")
        return f"2 of 3 points {where} near limit"
    where = {1: "above", -1: "below"}.get(side, "on one side of")
    return f"run of {options.shift_length} or more points {where} the mean"


def point_rule_labels(point: SpcPoint, options: SpcOptions | None = None) -> tuple[str, ...]:
    """Labels for every rule a point triggers."""
    return tuple(
        rule_label(rule, side, options)
        for rule, side in zip(point.rules, point.rule_sides, strict=True)
    )


def variation_label(variation: Variation, side: int) -> str:
    """The Making Data Count wording for a point's variation."""
    direction = "higher" if side > 0 else "lower"
    if variation is Variation.IMPROVEMENT:
        return f"special cause variation of an improving nature (significantly {direction})"
    if variation is Variation.CONCERN:
        return f"special cause variation of a concerning nature (significantly {direction})"
    if variation is Variation.NEITHER:
        return f"special cause variation, significantly {direction} (neither better nor worse)"
    if variation is Variation.COMMON_CAUSE:
        return "common cause variation (no significant change)"
    return "too few points to judge variation"


def assurance_label(assurance: Assurance | None, target: float | None, decimals: int = 1) -> str:
    """The Making Data Count wording for assurance against a target."""
    if target is None:
        return "no target set"
    t = fmt_value(target, decimals)
    if assurance is Assurance.CONSISTENTLY_PASS:
        return f"the process will consistently meet the target of {t}"
    if assurance is Assurance.CONSISTENTLY_FAIL:
        return f"the process will consistently fail to meet the target of {t}"
    if assurance is Assurance.HIT_AND_MISS:
        return (
            f"the process will sometimes meet and sometimes miss the target of {t} (hit and miss)"
        )
    return f"assurance against the target of {t} cannot be judged"


def describe_spc(result: SpcResult, measure: str, *, decimals: int = 1) -> str:
    """A few sentences that say what the chart shows, for people who cannot see it."""
    points = result.points
    first, last = points[0], points[-1]
    n = len(points)
    span = f"{first.period} to {last.period}" if n > 1 else first.period
    parts = [f"{measure}: {plural(n, 'point')}, {span}."]
    seg = result.segments[-1]
    if seg.has_limits:
        trial = " (trial limits)" if seg.trial else ""
        since = f" since {points[seg.start].period}" if len(result.segments) > 1 else ""
        parts.append(
            f"Mean{since} {fmt(seg.mean, decimals)}; process limits {fmt(seg.lower, decimals)} "
            f"to {fmt(seg.upper, decimals)}{trial}."
        )
    else:
        parts.append("There are too few points to calculate limits.")
    for other in result.segments[1:]:
        parts.append(f"Limits recalculated from {points[other.start].period}: {other.reason}.")
    parts.append(
        f"Latest value {fmt_value(last.value, decimals)} ({last.period}): "
        f"{variation_label(last.variation, last.side)}."
    )
    special = [p for p in points if p.rules]
    if special:
        counts = Counter(p.rules[0] for p in special)
        described = "; ".join(
            f"{plural(counts[rule], 'point')} {_rule_phrase(rule, result.options)}"
            for rule in counts
        )
        parts.append(f"Special cause: {described}.")
    elif seg.has_limits:
        parts.append("No points show special cause variation.")
    if result.target is not None:
        label = assurance_label(result.assurance, result.target, decimals)
        parts.append(label[0].upper() + label[1:] + ".")
    return " ".join(parts)


def _rule_phrase(rule: Rule, options: SpcOptions) -> str:
    return {
        Rule.ASTRONOMICAL: "beyond the process limits",
        Rule.TREND: f"in a run of {options.trend_length} or more rising or falling points",
        Rule.TWO_OF_THREE: "among 2 of 3 points beyond a near limit",
        Rule.SHIFT: f"in a run of {options.shift_length} or more on one side of the mean",
    }[rule]
