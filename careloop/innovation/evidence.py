"""Evidence for the CQC evidence library (quality statement 9, "Learning, improvement and
innovation"; external learning also speaks to statement 5, "Partnerships and communities")."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from careloop.core.areas import EvidenceFact

from . import analysis, selectors
from .models import Evaluation, ExternalLearning, Measure, Pilot

PARTNER_KINDS = {
    ExternalLearning.Kind.PEER_REVIEW_GIVEN,
    ExternalLearning.Kind.PEER_REVIEW_RECEIVED,
    ExternalLearning.Kind.SECTOR_LED,
    ExternalLearning.Kind.NETWORK,
}


def _first_sentence(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    end = text.find(". ")
    sentence = text if end == -1 else text[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


RESULTS: dict[str, str] = {
    Evaluation.Decision.SCALE: "was scaled up after its evaluation",
    Evaluation.Decision.ADAPT: "was adapted and continued after its evaluation",
    Evaluation.Decision.STOP: "was stopped after its evaluation",
}
READINGS = {
    analysis.Verdict.IMPROVED: "showed improvement so far",
    analysis.Verdict.NO_CLEAR_CHANGE: "had shown no clear change so far",
    analysis.Verdict.TOO_LITTLE_DATA: "needed more time before its benefits could be judged",
    analysis.Verdict.MIXED: "had shown mixed results so far",
    analysis.Verdict.WORSENED: "had shown measures getting worse",
}


def _unit(measure: Measure) -> str:
    if measure.kind == Measure.Kind.RATE:
        return measure.rate_unit
    if measure.kind == Measure.Kind.PROPORTION:
        return "%"
    if measure.kind == Measure.Kind.MEAN:
        return measure.unit or "average"
    return f"a {measure.period}"


def _pilot_facts(pilot: Pilot) -> list[EvidenceFact]:
    """The pilot and its decision (drafted by assurance as "The local authority piloted …"),
    and each measure that changed clearly before and after (drafted as a change)."""
    decision = selectors.latest_decision(pilot)
    data_to = decision.data_to if decision else dt.date.today()
    analyses = analysis.analyse_pilot(pilot, data_to=data_to)
    reading = analysis.overall(analyses)
    if decision is None:
        result = READINGS.get(reading, "was being evaluated")
    elif (
        decision.decision == Evaluation.Decision.ADAPT
        and reading == analysis.Verdict.TOO_LITTLE_DATA
    ):
        result = "was extended because more time was needed to judge its benefits"
    else:
        result = RESULTS[decision.decision]
    name = pilot.title[:1].lower() + pilot.title[1:]
    summary = (
        f"{_first_sentence(decision.summary)} Decision: "
        f"{decision.get_decision_display().lower()}. {_first_sentence(decision.reasons)}"
        if decision
        else analysis.draft_summary(pilot, analyses).split("\n\n")[0]
    )
    out = [
        EvidenceFact(
            key=f"innovation:pilot:{pilot.pk}",
            title=f"Pilot: {pilot.title} ({pilot.get_status_display().lower()})",
            summary=summary,
            date=(decision.decided_on if decision else None) or data_to,
            source="Innovation: pilot evaluation",
            url=decision.get_absolute_url() if decision else pilot.get_absolute_url(),
            statements=(9,),
            category="outcomes" if decision else "processes",
            figures={
                "kind": "pilot",
                "name": name,
                "result": result,
                "decision": decision.decision if decision else "",
                "reading": reading,
            },
        )
    ]
    for a in analyses:
        test = a.before_after
        if test is None or not test.concluded or a.improvement_figures is None:
            continue
        before, after = a.improvement_figures
        out.append(
            EvidenceFact(
                key=f"innovation:pilot:{pilot.pk}:measure:{a.measure.pk}",
                title=f"{a.measure.name}: {pilot.title}",
                summary=test.summary,
                date=data_to,
                source="Innovation: pilot evaluation",
                url=pilot.get_absolute_url(),
                statements=(9,),
                category="outcomes",
                figures={
                    "kind": "change",
                    "measure": f"{a.measure.name} ({_unit(a.measure)})",
                    "before": before,
                    "after": after,
                    "after_what": f"the {name} pilot began",
                    "significant": True,
                },
            )
        )
    return out


def _story_facts(pilot: Pilot) -> list[EvidenceFact]:
    """The pilot's stories, told with consent, as people's experience of it."""
    stories = list(pilot.stories.filter(consent=True).order_by("-told_on", "pk"))
    if not stories:
        return []
    heard = "; ".join(f"{story.title} ({story.whose})" for story in stories[:3])
    more = f" and {len(stories) - 3} more" if len(stories) > 3 else ""
    return [
        EvidenceFact(
            key=f"innovation:pilot:{pilot.pk}:stories",
            title=f"People's experience of the pilot: {pilot.title}",
            summary=f"{len(stories)} {'person' if len(stories) == 1 else 'people'} told the "
            f"council, with consent, what the pilot meant to them: {heard}{more}.",
            date=stories[0].told_on,
            source="Innovation: people's stories",
            url=pilot.get_absolute_url(),
            statements=(9,),
            category="people",
        )
    ]


def facts() -> list[EvidenceFact]:
    today = dt.date.today()
    out: list[EvidenceFact] = []
    counts = dict(Pilot.objects.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    if total:
        parts = ", ".join(
            f"{counts[value]} {label.lower()}"
            for value, label in Pilot.Status.choices
            if counts.get(value)
        )
        out.append(
            EvidenceFact(
                key="innovation:pilots",
                title="Pilots of new ways of working",
                summary=f"{total} pilot{'s' if total != 1 else ''} in the register: {parts}. "
                "Each is judged on outcome measures against a baseline or comparison group.",
                date=today,
                source="Innovation: pilot register",
                url="/innovation/",
                statements=(9,),
                category="processes",
                figures={value: counts.get(value, 0) for value in Pilot.Status.values},
            )
        )
    for pilot in Pilot.objects.exclude(status__in=[Pilot.Status.PROPOSED, Pilot.Status.APPROVED]):
        out.extend(_pilot_facts(pilot))
        out.extend(_story_facts(pilot))
    for record in ExternalLearning.objects.all():
        partner = record.kind in PARTNER_KINDS
        learned = (
            _first_sentence(record.learned) if record.learned else "Learning not yet recorded."
        )
        out.append(
            EvidenceFact(
                key=f"innovation:external:{record.pk}",
                title=f"{record.get_kind_display()}: {record.title}",
                summary=f"With {record.organisation}. {learned}",
                date=record.ended_on or record.started_on,
                source="Innovation: external learning",
                url=record.get_absolute_url(),
                statements=(9, 5) if partner else (9,),
                category="partners" if partner else "processes",
            )
        )
    return out
