"""Reads for quality assurance meetings: the agenda by section, who might attend, the next
meeting."""

from __future__ import annotations

import datetime as dt

from careloop.core.models import User
from careloop.learning.models import AgendaItem, Meeting

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
