"""Evidence for the CQC evidence library (quality statement 9, "Learning, improvement and
innovation"; external learning also speaks to statement 5, "Partnerships and communities")."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from careloop.core.areas import EvidenceFact

from .models import Evaluation, ExternalLearning, Pilot

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
    decided = (
        Evaluation.objects.exclude(decision="")
        .select_related("pilot")
        .order_by("pilot_id", "-decided_on", "-pk")
    )
    seen = set()
    for evaluation in decided:
        if evaluation.pilot_id in seen:
            continue
        seen.add(evaluation.pilot_id)
        pilot = evaluation.pilot
        decision = evaluation.get_decision_display().lower()
        out.append(
            EvidenceFact(
                key=f"innovation:pilot:{pilot.pk}:decision",
                title=f"Pilot evaluated: {pilot.title} ({decision})",
                summary=f"{_first_sentence(evaluation.summary)} Decision: {decision}. "
                f"{_first_sentence(evaluation.reasons)}",
                date=evaluation.decided_on or evaluation.data_to,
                source="Innovation: pilot evaluation",
                url=evaluation.get_absolute_url(),
                statements=(9,),
                category="outcomes",
                figures={
                    "decision": evaluation.decision,
                    "data_to": evaluation.data_to.isoformat(),
                },
            )
        )
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
