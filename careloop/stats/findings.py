"""Plain-English sentences for before/after and pilot/comparison results."""

from __future__ import annotations

from .formatting import fmt, fmt_range, plural
from .significance import MeanDifferenceTest, ProportionTest, RateRatioTest


def sentence_start(text: str) -> str:
    """Capitalise the first letter only (leaves 'Ombudsman' and acronyms alone)."""
    return text[:1].upper() + text[1:] if text else text


def ci_label(confidence: float) -> str:
    return f"{confidence * 100:g}% CI"


def statistic(test: RateRatioTest | MeanDifferenceTest | ProportionTest, decimals: int) -> str:
    """The bracketed statistic, e.g. 'rate ratio 0.38, 95% CI 0.24–0.59'."""
    ci = ci_label(test.confidence)
    if isinstance(test, RateRatioTest):
        if test.count_first == 0:
            return (
                f"rate ratio not estimable as there were none at first; "
                f"{ci} lower bound {fmt(test.ci_low, 2)}"
            )
        return f"rate ratio {fmt(test.ratio, 2)}, {ci} {fmt_range(test.ci_low, test.ci_high, 2)}"
    if isinstance(test, MeanDifferenceTest):
        return (
            f"difference {fmt(test.difference, decimals)}, "
            f"{ci} {fmt_range(test.ci_low, test.ci_high, decimals)}"
        )
    return (
        f"difference {fmt(test.difference * 100, decimals)} percentage points, "
        f"{ci} {fmt_range(test.ci_low * 100, test.ci_high * 100, decimals)}"
    )


def too_thin_before_after(
    measure: str, before: int, after: int, minimum: int, period_name: str, intervention: str
) -> str:
    return (
        f"{sentence_start(measure)}: too little data to judge the effect of {intervention} yet "
        f"({plural(before, period_name)} before and {after} after; at least {minimum} "
        "on each side are needed)."
    )


def too_thin_groups(
    measure: str, periods: int, minimum: int, period_name: str, pilot: str, comparison: str
) -> str:
    return (
        f"{sentence_start(measure)}: too little data to compare {pilot} with {comparison} yet "
        f"({plural(periods, period_name)}; at least {minimum} are needed)."
    )


def before_after(
    measure: str,
    intervention: str,
    first: str,
    second: str,
    change: int,
    stat: str,
) -> str:
    """'X fell from A to B after Y (stat).' or 'X showed no clear change after Y: ...'."""
    if change == 0:
        return (
            f"{sentence_start(measure)} showed no clear change after {intervention}: "
            f"{first} before and {second} after ({stat})."
        )
    verb = "rose" if change > 0 else "fell"
    return (
        f"{sentence_start(measure)} {verb} from {first} to {second} after {intervention} ({stat})."
    )


def groups(
    measure: str, pilot: str, comparison: str, first: str, second: str, change: int, stat: str
) -> str:
    """Pilot against comparison over the same period."""
    if change == 0:
        return (
            f"{sentence_start(measure)} showed no clear difference between {pilot} and "
            f"{comparison}: {second} against {first} ({stat})."
        )
    word = "higher" if change > 0 else "lower"
    return (
        f"{sentence_start(measure)} ran {word} in {pilot} than in {comparison} over the same "
        f"period: {second} against {first} ({stat})."
    )


def trend_note(intervention: str, side: int, length: int, period_name: str) -> str:
    word = "rising" if side > 0 else "falling"
    return (
        f"There was already a {word} trend before {intervention} (a run of {length} or more "
        f"{word} {period_name}s), so not all of the change can be put down to it."
    )


def shift_note(length: int, period_name: str) -> str:
    return (
        f"The period before was not stable (a run of {length} or more {period_name}s on one side "
        "of its average), so read the comparison with care."
    )


def cannot_judge(measure: str, what: str, reason: str) -> str:
    """'X: cannot judge ... yet (reason).' from an input error's message."""
    reason = reason.strip().rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    return f"{sentence_start(measure)}: cannot {what} yet ({reason})."


def short_before_note(length: int, period_name: str) -> str:
    return (
        f"The period before is too short to check for an existing trend (fewer than {length} "
        f"{period_name}s)."
    )
