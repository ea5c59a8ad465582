"""Reads for the Ombudsman tracker, meetings and briefs."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from careloop.core.models import User
from careloop.learning.models import AgendaItem, LgscoCase, LgscoRemedy, Meeting


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
    if stage in LgscoCase.Stage.values:
        qs = qs.filter(stage=stage)
    if decision == "upheld":
        qs = qs.filter(decision__in=LgscoCase.UPHELD)
    elif decision in LgscoCase.Decision.values:
        qs = qs.filter(decision=decision)
    if subject in LgscoCase.Subject.values:
        qs = qs.filter(subject=subject)
    if query:
        qs = qs.filter(Q(lgsco_reference__icontains=query) | Q(summary__icontains=query))
    return qs.order_by("-received_on", "-id")


def referrals_untracked(user):
    """Complaints referred to the Ombudsman (recorded in the feedback register) with no case
    in the tracker yet, oldest referral first."""
    from careloop.feedback.models import Feedback

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


SECTION_TITLES = {
    AgendaItem.Kind.OVERDUE_ACTION: "Overdue actions",
    AgendaItem.Kind.AT_RISK_ACTION: "Actions at risk",
    AgendaItem.Kind.NEW_REVIEW: "New reviews",
    AgendaItem.Kind.LGSCO_DECISION: "New Ombudsman decisions",
    AgendaItem.Kind.THEME_SIGNAL: "New theme signals",
    AgendaItem.Kind.SIGN_OFF: "Actions awaiting sign-off",
    AgendaItem.Kind.OTHER: "Other business",
}


def agenda_sections(meeting: Meeting, user, detail: bool = False) -> list[dict]:
    """The agenda grouped by kind, with items the person may not see left out."""
    items = [i for i in meeting.items.select_related("new_action") if i.is_visible_to(user)]
    sections = []
    for kind, label in SECTION_TITLES.items():
        chosen = [i for i in items if i.kind == kind]
        if not chosen:
            continue
        if detail:
            for item in chosen:
                item.record = item.target if item.target_type_id else None
        sections.append({"kind": kind, "label": label, "items": chosen})
    return sections


def meeting_people(meeting: Meeting):
    """The people who might attend: the members, and anyone already recorded."""
    ids = set(meeting.series.members.values_list("pk", flat=True))
    ids |= set(meeting.attendees.values_list("pk", flat=True))
    ids |= set(meeting.apologies.values_list("pk", flat=True))
    if meeting.series.chair_id:
        ids.add(meeting.series.chair_id)
    return User.objects.filter(pk__in=ids).order_by("full_name")


def next_meeting(today: dt.date | None = None) -> Meeting | None:
    today = today or dt.date.today()
    return (
        Meeting.objects.filter(status=Meeting.Status.PLANNED, held_on__gte=today)
        .select_related("series")
        .order_by("held_on")
        .first()
    )
