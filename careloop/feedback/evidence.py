"""Evidence for the CQC evidence library (the assurance area gathers these facts)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from careloop.core.areas import EvidenceFact
from careloop.feedback import selectors
from careloop.feedback.models import Feedback


def facts() -> list[EvidenceFact]:
    """Complaint and compliment figures for the last complete year and the current one."""
    today = dt.date.today()
    current = selectors.financial_year_start(today)
    out = []
    for start in (dt.date(current.year - 1, 4, 1), current):
        figures = selectors.annual_figures(start)
        label = f"{start.year}-{str(start.year + 1)[2:]}"
        complaints = figures["complaints"]
        if not complaints and not any(n for _, n in figures["by_kind"]):
            continue
        compliments = dict(figures["by_kind"]).get(Feedback.Kind.COMPLIMENT.label, 0)
        upheld = figures["well_founded"]
        decided = figures["decided"]
        on_time = figures["responded_on_time"]
        responded = figures["responded"]
        partial = " (year to date)" if start == current else ""
        out.append(
            EvidenceFact(
                key=f"feedback:complaints:{label}",
                title=f"Complaints and compliments, {label}{partial}",
                summary=(
                    f"{complaints} adult social care complaints received; {upheld} of {decided} "
                    f"decided were well-founded; {figures['referred']} referred to the "
                    f"Ombudsman; {on_time} of {responded} responses within the agreed period; "
                    f"{compliments} compliments."
                ),
                date=min(figures["year_end"], today),
                source="careloop feedback register",
                url=reverse("feedback:figures") + f"?year={start.year}",
                statements=(1, 3, 8, 9),
                category="people",
                figures={
                    "complaints": complaints,
                    "well_founded": upheld,
                    "decided": decided,
                    "referred_to_lgsco": figures["referred"],
                    "responded": responded,
                    "responded_on_time": on_time,
                    "acknowledged": figures["acknowledged"],
                    "acknowledged_on_time": figures["acknowledged_on_time"],
                    "compliments": compliments,
                },
            )
        )
    return out
