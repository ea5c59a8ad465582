"""Reads for the Ombudsman tracker: cases, remedies due, untracked referrals, the yearly
figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q

from careloop.core.selectors import chosen, search
from careloop.feedback.models import Feedback
from careloop.learning.models import LgscoCase, LgscoRemedy


def lgsco_cases(user, *, stage: str = "", decision: str = "", subject: str = "", query: str = ""):
    qs = (
        LgscoCase.objects.visible_to(user)
        .select_related("officer", "team")
        .annotate(
            remedy_count=Count("remedies", distinct=True),
            remedies_open=Count(
                "remedies", filter=Q(remedies__complied_on__isnull=True), distinct=True
            ),
        )
    )
    if decision == "upheld":
        qs = qs.filter(decision__in=LgscoCase.UPHELD)
    else:
        qs = chosen(qs, decision=decision)
    qs = chosen(qs, stage=stage, subject=subject)
    return search(qs, query, "lgsco_reference", "summary").order_by("-received_on", "-id")


def referrals_untracked(user):
    """Complaints referred to the Ombudsman (recorded in the feedback register) with no case
    in the tracker yet, oldest referral first."""
    return (
        Feedback.objects.complaints()
        .visible_to(user)
        .filter(lgsco_referred_on__isnull=False, lgsco_cases__isnull=True)
        .order_by("lgsco_referred_on", "id")
    )


def remedies_due(user):
    """Remedies not yet complied with, soonest deadline first."""
    return (
        LgscoRemedy.objects.filter(
            complied_on__isnull=True, case__in=LgscoCase.objects.visible_to(user)
        )
        .select_related("case")
        .order_by("due_on")
    )


def lgsco_rate_rows(years) -> list[dict]:
    """Rows for the upheld-rate comparison: the council against similar councils."""
    return [
        {
            "label": y.label,
            "rate": y.upheld_rate,
            "similar": y.similar_upheld_rate,
            "gap": (y.upheld_rate - y.similar_upheld_rate)
            if y.upheld_rate is not None and y.similar_upheld_rate is not None
            else None,
        }
        for y in sorted(years, key=lambda y: y.year_start)
    ]


def tracker_figures(year_start: int) -> dict:
    """The year's figures counted from the cases in the tracker, to compare with the letter."""
    start, end = dt.date(year_start, 4, 1), dt.date(year_start + 1, 3, 31)
    cases = LgscoCase.objects.all()
    decided = cases.filter(decided_on__range=(start, end))
    remedies = LgscoRemedy.objects.filter(case__in=decided)
    due = [r for r in remedies if r.complied_on or r.due_on < dt.date.today()]
    on_time = [r for r in due if r.on_time]
    return {
        "complaints_made": cases.filter(received_on__range=(start, end)).count(),
        "decided": decided.count(),
        "detailed_investigations": decided.filter(decision__in=LgscoCase.INVESTIGATED).count(),
        "upheld": decided.filter(decision__in=LgscoCase.UPHELD).count(),
        "remedied_by_council": decided.filter(decision=LgscoCase.Decision.REMEDIED).count(),
        "compliance_rate": (
            (Decimal(len(on_time)) * 100 / len(due)).quantize(Decimal("0.1")) if due else None
        ),
        "remedies_due": len(due),
    }
