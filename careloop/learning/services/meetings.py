"""Quality assurance meetings: schedule, build the agenda, record, approve the minutes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from careloop.core.services import ServiceError
from careloop.learning import agenda
from careloop.learning.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Meeting,
    MeetingSeries,
)
from careloop.learning.services.common import set_fields

from .actions import action_create

# A recurring meeting's editable fields ("members" is saved apart, as its many-to-many).
SERIES_FIELDS = ("name", "purpose", "frequency", "chair", "members", "location", "is_active")


def series_save(*, series: MeetingSeries | None = None, members=None, **fields) -> MeetingSeries:
    series = series or MeetingSeries()
    set_fields(series, fields, SERIES_FIELDS)
    if not series.name:
        raise ServiceError("Give the meeting a name")
    clash = MeetingSeries.objects.filter(name__iexact=series.name).exclude(pk=series.pk)
    if clash.exists():
        raise ServiceError("There is already a meeting with that name")
    with transaction.atomic():
        series.save()
        if members is not None:
            series.members.set(members)
    return series


@transaction.atomic
def meeting_schedule(
    *, series: MeetingSeries, held_on: dt.date, starts_at=None, location: str = ""
) -> Meeting:
    """A new meeting of the series, with its agenda built straight away."""
    if not isinstance(held_on, dt.date):
        raise ServiceError("Enter the date of the meeting")
    if Meeting.objects.filter(series=series, held_on=held_on).exists():
        raise ServiceError(f"{series} already meets on {held_on.day} {held_on:%B %Y}")
    meeting = Meeting.objects.create(
        series=series, held_on=held_on, starts_at=starts_at, location=location or series.location
    )
    meeting_build_agenda(meeting=meeting)
    return meeting


def since_for(meeting: Meeting) -> dt.date:
    """Items are new if they came after the previous meeting (or a month before the first)."""
    previous = meeting.previous()
    if previous:
        return previous.held_on + dt.timedelta(days=1)
    year, month = divmod(meeting.held_on.year * 12 + meeting.held_on.month - 2, 12)
    return dt.date(year, month + 1, min(meeting.held_on.day, 28))


def _candidates(meeting: Meeting, today: dt.date):
    since, until = since_for(meeting), meeting.held_on
    as_of = min(today, meeting.held_on)  # overdue on the day, for a meeting recorded late
    for provider in agenda.BUILT_IN:
        yield from provider(since, until, as_of)
    for provider in agenda.agenda_providers().values():
        yield from provider(since, until)


GONE = "(No longer needs the board's attention: the figures it came from have changed.)"


@transaction.atomic
def meeting_build_agenda(*, meeting: Meeting, today: dt.date | None = None) -> list[AgendaItem]:
    """Add what needs the board's attention; drop automatic items that no longer need it
    (an overdue action since completed), unless something was already recorded against them.
    Only a planned meeting's agenda changes; once held, it is the record of the meeting."""
    if meeting.status != Meeting.Status.PLANNED:
        return list(meeting.items.all())
    today = today or dt.date.today()
    wanted = {}
    for candidate in _candidates(meeting, today):
        if candidate.kind not in AgendaItem.Kind.values:
            continue
        fields = AgendaItem.target_fields(candidate.record)
        key = (
            candidate.kind,
            fields["target_type"] and fields["target_type"].pk,
            fields["target_id"],
        )
        wanted[key] = (candidate, fields)
    existing = {
        (i.kind, i.target_type_id, i.target_id): i
        for i in meeting.items.filter(added_automatically=True)
    }
    for key, old in existing.items():
        if key in wanted:
            continue
        if not (old.update or old.decision or old.new_action_id):
            old.delete()
        elif GONE not in old.detail:  # kept for what was recorded, but said to be over
            old.detail = f"{old.detail} {GONE}".strip()
            old.save(update_fields=["detail"])
    for key, (candidate, fields) in wanted.items():
        item = existing.get(key)
        if item is None:
            AgendaItem.objects.create(
                meeting=meeting,
                kind=candidate.kind,
                order=AgendaItem.ORDER[candidate.kind],
                title=candidate.title[:300],
                detail=candidate.detail,
                **fields,
            )
        elif (item.title, item.detail) != (candidate.title[:300], candidate.detail):
            item.title, item.detail = candidate.title[:300], candidate.detail
            item.save(update_fields=["title", "detail"])
    meeting.agenda_built_at = timezone.now()
    meeting.save(update_fields=["agenda_built_at"])
    return list(meeting.items.all())


def agenda_item_add(*, meeting: Meeting, title: str, detail: str = "") -> AgendaItem:
    if not meeting.is_open:
        raise ServiceError("The minutes are approved: the agenda cannot change")
    if not title or not title.strip():
        raise ServiceError("Enter the item")
    return AgendaItem.objects.create(
        meeting=meeting,
        kind=AgendaItem.Kind.OTHER,
        order=AgendaItem.ORDER[AgendaItem.Kind.OTHER],
        title=title.strip(),
        detail=detail.strip(),
        added_automatically=False,
    )


@transaction.atomic
def agenda_item_record(*, item: AgendaItem, user, update: str = "", decision: str = ""):
    """Record the update given and the decision made. An update on an action also goes in
    the action's progress log, so the owner sees what the board said."""
    meeting = item.meeting
    if not meeting.is_open:
        raise ServiceError("The minutes are approved: they cannot be changed")
    if meeting.held_on > dt.date.today():
        raise ServiceError("The meeting has not happened yet: record items on the day")
    if not (update.strip() or decision.strip()):
        raise ServiceError("Enter the update given or the decision made")
    item.update, item.decision = update.strip(), decision.strip()
    item.save(update_fields=["update", "decision"])
    target = item.target if item.target_type_id else None
    if isinstance(target, Action):
        text = "; ".join(
            part
            for part in (
                f"Update: {item.update}" if item.update else "",
                f"Decision: {item.decision}" if item.decision else "",
            )
            if part
        )
        ActionUpdate.objects.create(
            action=target,
            kind=ActionUpdate.Kind.MEETING,
            status=target.status,
            note=f"{meeting}: {text}",
            author=user,
        )
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    return item


@transaction.atomic
def agenda_item_action(*, item: AgendaItem, user, title: str, owner, due: dt.date, **extra):
    """A decision that needs doing becomes an action arising from the meeting."""
    if not item.meeting.is_open:
        raise ServiceError("The minutes are approved: add the action from the action register")
    action = action_create(
        source=item,
        origin=Action.Origin.MEETING,
        title=title,
        owner=owner,
        due=due,
        created_by=user,
        source_label=f"{item.meeting}: {item.title}"[:300],
        **extra,
    )
    item.new_action = action
    item.save(update_fields=["new_action"])
    return action


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting, attendees, apologies, guests: str = ""):
    if not meeting.is_open:
        raise ServiceError("The minutes are approved: they cannot be changed")
    both = {p.pk for p in attendees} & {p.pk for p in apologies}
    if both:
        raise ServiceError("Someone cannot both attend and send apologies")
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    meeting.guests = guests.strip()
    if meeting.status == Meeting.Status.PLANNED and meeting.held_on <= dt.date.today():
        meeting.status = Meeting.Status.HELD
    meeting.save()
    return meeting


def meeting_save_notes(*, meeting: Meeting, notes: str) -> Meeting:
    if not meeting.is_open:
        raise ServiceError("The minutes are approved: they cannot be changed")
    meeting.notes = notes.strip()
    meeting.save(update_fields=["notes"])
    return meeting


@transaction.atomic
def meeting_approve_minutes(*, meeting: Meeting, user, on: dt.date | None = None) -> Meeting:
    if meeting.status == Meeting.Status.APPROVED:
        raise ServiceError("The minutes are already approved")
    if meeting.held_on > dt.date.today():
        raise ServiceError("The meeting has not happened yet")
    if not meeting.attendees.exists():
        raise ServiceError("Record who attended before approving the minutes")
    meeting.status = Meeting.Status.APPROVED
    meeting.minutes_approved_on = on or dt.date.today()
    meeting.save()
    return meeting


def meeting_schedule_next(*, meeting: Meeting) -> Meeting:
    series = meeting.series
    latest = series.meetings.order_by("-held_on").first() or meeting
    return meeting_schedule(
        series=series,
        held_on=series.next_date(latest.held_on),
        starts_at=meeting.starts_at,
        location=meeting.location,
    )


def agendas_build(today: dt.date | None = None) -> str:
    """Derived figures (core/derived.py): the agenda of every planned meeting still to come,
    again from what needs the board's attention now (a signal gone since is taken off)."""
    today = today or dt.date.today()
    meetings = Meeting.objects.filter(status=Meeting.Status.PLANNED, held_on__gte=today)
    count = 0
    for meeting in meetings.select_related("series"):
        meeting_build_agenda(meeting=meeting, today=today)
        count += 1
    return f"{count} agendas"


def refresh_upcoming_agendas(today: dt.date | None = None) -> int:
    """Rebuild the agenda of each series' next planned meeting (run every morning), so an
    action that became overdue yesterday is on it."""
    today = today or dt.date.today()
    count = 0
    for series in MeetingSeries.objects.filter(is_active=True):
        meeting = (
            series.meetings.filter(status=Meeting.Status.PLANNED, held_on__gte=today)
            .order_by("held_on")
            .first()
        )
        if meeting:
            meeting_build_agenda(meeting=meeting, today=today)
            count += 1
    return count
