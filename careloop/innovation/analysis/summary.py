"""The pilot as a whole: its overall reading, what the figures point to, and a plain-English
draft of the evaluation summary (a person edits it and makes the decision)."""

from __future__ import annotations

from collections import Counter

from ..models import Pilot
from .results import MeasureAnalysis, Verdict, measure_words


def overall(analyses: list[MeasureAnalysis]) -> str:
    """The pilot's overall reading: one of the Verdict values."""
    verdicts = Counter(a.verdict for a in analyses)
    if not analyses or verdicts[Verdict.TOO_LITTLE_DATA] == len(analyses):
        return Verdict.TOO_LITTLE_DATA
    better, worse = verdicts[Verdict.IMPROVED], verdicts[Verdict.WORSENED]
    if verdicts[Verdict.MIXED] or (better and worse):
        return Verdict.MIXED
    if better:
        return Verdict.IMPROVED
    if worse:
        return Verdict.WORSENED
    return Verdict.NO_CLEAR_CHANGE


def suggestion(analyses: list[MeasureAnalysis]) -> str:
    """What the figures point to, for the person deciding (never decided for them)."""
    reading = overall(analyses)
    if reading == Verdict.TOO_LITTLE_DATA:
        return (
            "There is too little data to decide on the evidence yet: the figures point to "
            "continuing (adapt, with a new end date) until there is enough."
        )
    if reading == Verdict.IMPROVED:
        return "The figures point to scaling up: measures improved and none got worse."
    if reading == Verdict.WORSENED:
        return "The figures point to stopping or adapting: measures got worse."
    if reading == Verdict.MIXED:
        return "The figures are mixed: weigh what improved against what got worse."
    return (
        "The figures show no clear difference yet: consider adapting the pilot, or running it "
        "longer if the sample-size notes say more time would tell."
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def draft_summary(pilot: Pilot, analyses: list[MeasureAnalysis]) -> str:
    """A plain-English first draft of the evaluation summary, honest about thin data."""
    if not analyses:
        return (
            f"“{pilot.title}” has no outcome measures yet, so it cannot be evaluated. Add the "
            "measures it is meant to change and record them each period."
        )
    verdicts = Counter(a.verdict for a in analyses)
    n = len(analyses)
    thin = verdicts[Verdict.TOO_LITTLE_DATA]
    paragraphs = []
    if thin == n:
        paragraphs.append(
            f"There is not yet enough data to tell whether “{pilot.title}” is making a "
            "difference. More time is needed before the figures can show it."
        )
    else:
        parts = []
        for verdict, words in [
            (Verdict.IMPROVED, "improved"),
            (Verdict.NO_CLEAR_CHANGE, "showed no clear change"),
            (Verdict.CHANGED, "changed"),
            (Verdict.WORSENED, "got worse"),
            (Verdict.MIXED, "gave mixed results"),
            (Verdict.TOO_LITTLE_DATA, "have too little data to judge"),
        ]:
            if verdicts[verdict]:
                parts.append(f"{verdicts[verdict]} {words}")
        if n == 1:
            paragraphs.append(f"The measure {parts[0].split(' ', 1)[1]}.")
        elif len(parts) == 1:
            paragraphs.append(f"All {n} measures {parts[0].split(' ', 1)[1]}.")
        else:
            paragraphs.append(f"Of the {n} measure{'s' if n != 1 else ''}, {_and(parts)}.")
    paragraphs.append(" ".join(f for a in analyses for f in a.findings))
    waiting = [
        a for a in analyses if a.verdict in (Verdict.TOO_LITTLE_DATA, Verdict.NO_CLEAR_CHANGE)
    ]
    notes, enough = [], []
    for a in waiting:
        if a.sample is None:
            continue
        if (
            a.verdict == Verdict.NO_CLEAR_CHANGE
            and a.sample.achievable
            and not a.sample.more_periods
        ):
            enough.append(measure_words(a.measure))
        else:
            notes.append(f"{a.measure.name}: {a.sample_note}")
    if notes:
        paragraphs.append("How much longer: " + " ".join(notes))
    if enough:
        paragraphs.append(
            f"For {_and(enough)} there is already enough data to detect the hoped-for change, "
            "so no clear change suggests the pilot is not making that difference."
        )
    paragraphs.append(
        "Before and after comparisons cannot on their own prove the pilot caused a change; "
        "other changes at the same time may have played a part."
        if pilot.uses_baseline
        else "The pilot and comparison groups may differ in ways the figures do not show."
    )
    return "\n\n".join(p for p in paragraphs if p.strip())
