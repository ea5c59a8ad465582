"""QA meetings: the agenda builds itself, and nothing overdue falls through."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.core.services import ServiceError
from careloop.learning import services
from careloop.learning.agenda import AgendaCandidate, agenda_providers, register_agenda_provider
from careloop.learning.models import AgendaItem, Meeting, Review
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def board(users):
    return services.series_save(
        name="ASC quality assurance board",
        chair=users["quality_lead"],
        members=[users["quality_lead"], users["manager"]],
    )


def kinds(meeting):
    return sorted((i.kind, i.title.split(":")[0]) for i in meeting.items.all())


def test_the_agenda_builds_itself(users, board):
    lead = users["quality_lead"]
    previous = Meeting.objects.create(
        series=board, held_on=TODAY - dt.timedelta(days=30), status="approved"
    )
    late = f.action(
        users["manager"],
        title="Late",
        start=TODAY - dt.timedelta(days=90),
        due=TODAY - dt.timedelta(days=40),
    )
    risky = f.action(users["manager"], title="Risky")
    services.action_record_progress(action=risky, user=lead, note="Trainer left", status="at_risk")
    f.action(users["manager"], title="Fine")
    new = f.review(
        lead, title="New SAR", kind=Review.Kind.SAR, started_on=TODAY - dt.timedelta(days=5)
    )
    f.review(lead, title="Old review", started_on=TODAY - dt.timedelta(days=200))
    Review.objects.filter(title="Old review").update(
        created_at=previous.created_at - dt.timedelta(days=200)
    )
    case = f.lgsco_case(lead)
    meeting = services.meeting_schedule(series=board, held_on=TODAY + dt.timedelta(days=2))
    got = {(i.kind, i.target) for i in meeting.items.all()}
    assert got == {
        ("overdue_action", late),  # overdue for 40 days: before the last meeting, still on
        ("at_risk_action", risky),
        ("new_review", new),
        ("lgsco_decision", case),
    }
    assert "at risk" not in meeting.items.get(kind="overdue_action").detail.lower()
    assert "Trainer left" in meeting.items.get(kind="at_risk_action").detail


def test_an_action_that_falls_overdue_joins_the_next_agenda(users, board):
    meeting = services.meeting_schedule(series=board, held_on=TODAY + dt.timedelta(days=7))
    assert not meeting.items.filter(kind="overdue_action").exists()
    action = f.action(
        users["manager"], start=TODAY - dt.timedelta(days=10), due=TODAY - dt.timedelta(days=1)
    )
    assert services.refresh_upcoming_agendas() == 1
    assert meeting.items.filter(kind="overdue_action", target_id=str(action.pk)).exists()
    # once done, it leaves the agenda (nothing was recorded against it yet) ...
    f_done = action
    services.action_add_evidence(action=f_done, user=users["manager"], figures=[("Sessions", 3)])
    services.action_complete(action=f_done, user=users["manager"], note="Done")
    services.meeting_build_agenda(meeting=meeting)
    assert not meeting.items.filter(kind="overdue_action").exists()
    assert meeting.items.filter(kind="sign_off", target_id=str(action.pk)).exists()


def test_recording_against_an_item_reaches_the_action(users, board):
    lead = users["quality_lead"]
    late = f.action(
        users["manager"], start=TODAY - dt.timedelta(days=30), due=TODAY - dt.timedelta(days=3)
    )
    meeting = services.meeting_schedule(series=board, held_on=TODAY)
    item = meeting.items.get(kind="overdue_action")
    with pytest.raises(ServiceError, match="Enter the update given or the decision"):
        services.agenda_item_record(item=item, user=lead)
    services.agenda_item_record(
        item=item, user=lead, update="Trainer booked", decision="New date agreed"
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    note = late.updates.get(kind="meeting").note
    assert "Trainer booked" in note and "New date agreed" in note
    action = services.agenda_item_action(
        item=item,
        user=lead,
        title="Write to families",
        owner=users["manager"],
        due=TODAY + dt.timedelta(days=14),
    )
    assert action.origin == "meeting" and action.source == item
    # a held meeting's agenda is the record: it no longer changes
    f.action(
        users["manager"],
        title="Another late",
        start=TODAY - dt.timedelta(days=9),
        due=TODAY - dt.timedelta(days=2),
    )
    services.meeting_build_agenda(meeting=meeting)
    assert meeting.items.filter(kind="overdue_action").count() == 1


def test_approving_minutes_needs_attendance_and_freezes_them(users, board):
    lead = users["quality_lead"]
    meeting = services.meeting_schedule(series=board, held_on=TODAY)
    with pytest.raises(ServiceError, match="Record who attended"):
        services.meeting_approve_minutes(meeting=meeting, user=lead)
    with pytest.raises(ServiceError, match="both attend and send apologies"):
        services.meeting_record_attendance(meeting=meeting, attendees=[lead], apologies=[lead])
    services.meeting_record_attendance(
        meeting=meeting, attendees=[lead], apologies=[users["manager"]]
    )
    services.meeting_approve_minutes(meeting=meeting, user=lead)
    with pytest.raises(ServiceError, match="approved"):
        services.agenda_item_add(meeting=meeting, title="Late item")
    following = services.meeting_schedule_next(meeting=meeting)
    assert following.held_on == board.next_date(TODAY)


def test_a_future_meeting_cannot_be_recorded_yet(users, board):
    f.action(
        users["manager"], start=TODAY - dt.timedelta(days=30), due=TODAY - dt.timedelta(days=3)
    )
    meeting = services.meeting_schedule(series=board, held_on=TODAY + dt.timedelta(days=3))
    with pytest.raises(ServiceError, match="has not happened yet"):
        services.agenda_item_record(
            item=meeting.items.first(), user=users["quality_lead"], update="x"
        )


def test_another_area_adds_agenda_items(users, board):
    saved = agenda_providers()
    note = f.review(users["quality_lead"], title="Stand-in for a theme signal")

    def signals(since, until):
        yield AgendaCandidate(
            "theme_signal", "Signal: charging complaints rising", "Up 3 months", note
        )

    register_agenda_provider("test.signals", signals)
    try:
        meeting = services.meeting_schedule(series=board, held_on=TODAY)
        assert meeting.items.filter(kind="theme_signal", title__startswith="Signal").exists()
    finally:
        from careloop.learning import agenda

        agenda._PROVIDERS.clear()
        agenda._PROVIDERS.update(saved)


def test_items_about_restricted_records_are_hidden_from_others(login, users, board):
    f.review(users["quality_lead"], title="SAR Adult Z", kind=Review.Kind.SAR, started_on=TODAY)
    meeting = services.meeting_schedule(series=board, held_on=TODAY)
    assert meeting.items.filter(kind="new_review").exists()
    assert (
        "SAR Adult Z"
        in login(users["quality_lead"]).get(meeting.get_absolute_url()).content.decode()
    )
    assert (
        "SAR Adult Z" not in login(users["viewer"]).get(meeting.get_absolute_url()).content.decode()
    )


def test_minutes_and_pack_are_pdfs(login, users, board):
    f.action(
        users["manager"], start=TODAY - dt.timedelta(days=30), due=TODAY - dt.timedelta(days=3)
    )
    meeting = services.meeting_schedule(series=board, held_on=TODAY)
    client = login(users["viewer"])
    for name in ("learning:meeting_minutes", "learning:meeting_pack"):
        response = client.get(reverse(name, args=[meeting.pk]))
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(
            b"%PDF"
        )


def test_recording_through_htmx_returns_the_item(login, users, board):
    f.action(
        users["manager"], start=TODAY - dt.timedelta(days=30), due=TODAY - dt.timedelta(days=3)
    )
    meeting = services.meeting_schedule(series=board, held_on=TODAY)
    item = meeting.items.get(kind="overdue_action")
    client = login(users["quality_lead"])
    url = reverse("learning:item_record", args=[item.pk])
    bad = client.post(url, {"update": ""}, HTTP_HX_REQUEST="true")
    assert "Enter the update given or the decision made" in bad.content.decode()
    good = client.post(url, {"update": "On track now"}, HTTP_HX_REQUEST="true")
    body = good.content.decode()
    assert f'id="item-{item.pk}"' in body and "On track now" in body and "<html" not in body
    assert AgendaItem.objects.get(pk=item.pk).update == "On track now"
