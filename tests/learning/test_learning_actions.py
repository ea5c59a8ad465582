"""Actions: the hub every area creates work through, and the rules a QA board relies on."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.core.models import Attachment
from careloop.core.services import ServiceError
from careloop.learning import selectors, services
from careloop.learning.models import Action, ActionUpdate
from tests.factories import UserFactory
from tests.learning import factories as f
from tests.testapp.models import Note

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


def test_an_action_can_arise_from_any_record_and_its_owner_is_told(
    users, django_capture_on_commit_callbacks
):
    note = Note.objects.create(title="Survey finding: information formats")
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_create(
            source=note,
            title="Form an Accessible Information working group",
            owner=users["manager"],
            due=TODAY + dt.timedelta(days=60),
            origin=Action.Origin.SURVEY,
            created_by=users["quality_lead"],
        )
    assert action.source == note
    assert action.origin == "survey"
    assert action.source_label == "Survey finding: information formats"
    assert action.team == users["manager"].team  # the owner's team by default
    assert action.original_due_on == action.due_on
    assert list(Action.objects.for_source(note)) == [action]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [users["manager"].email]
    assert action.reference in mail.outbox[0].subject


def test_an_action_for_a_recommendation_is_a_review_action(users):
    review = f.review(users["quality_lead"])
    rec = f.recommendation(review)
    action = f.action(users["manager"], recommendation=rec)
    assert action.origin == Action.Origin.REVIEW
    assert action.source == rec and action.recommendation == rec
    assert list(rec.actions.all()) == [action]


@pytest.mark.parametrize(
    ("start", "due", "message"),
    [
        (TODAY, TODAY - dt.timedelta(days=1), "due date must be the same as or after the start"),
        (TODAY, None, "Enter the due date"),
    ],
)
def test_a_due_date_before_the_start_is_refused(users, start, due, message):
    with pytest.raises(ServiceError, match=message):
        services.action_create(title="X", owner=users["manager"], start=start, due=due)
    assert Action.objects.count() == 0


def test_an_action_needs_a_title_and_an_active_owner(users):
    with pytest.raises(ServiceError, match="Enter what the action is"):
        f.action(users["manager"], title="  ")
    leaver = UserFactory(is_active=False)
    with pytest.raises(ServiceError, match="has left"):
        f.action(leaver)
    assert Action.objects.count() == 0


def test_done_needs_evidence_and_closure_needs_someone_else(
    users, django_capture_on_commit_callbacks
):
    owner, manager = users["practitioner"], users["manager"]
    owner.line_manager = manager
    owner.save()
    action = f.action(owner, created_by=users["quality_lead"])

    with pytest.raises(ServiceError, match="Add evidence of what was done"):
        services.action_complete(action=action, user=owner, note="Done it")
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED

    services.action_add_evidence(
        action=action, user=owner, title="Attendance", url="https://example.org/attendance"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.action_complete(action=action, user=owner, note="All teams trained")
    assert action.status == Action.Status.DONE and action.completed_on == TODAY
    # the person who set it and the owner's line manager are asked to sign off
    assert sorted(mail.outbox[0].to + mail.outbox[1].to) == sorted(
        [users["quality_lead"].email, manager.email]
    )

    with pytest.raises(ServiceError, match="You own this action"):
        services.action_sign_off(action=action, user=owner)
    other_practitioner = UserFactory(role="practitioner")
    with pytest.raises(ServiceError, match="does not allow"):
        services.action_sign_off(action=action, user=other_practitioner)
    action.refresh_from_db()
    assert action.status == Action.Status.DONE

    services.action_sign_off(action=action, user=manager, note="Checked the register")
    action.refresh_from_db()
    assert action.status == Action.Status.CLOSED
    assert action.signed_off_by == manager and action.signed_off_on == TODAY
    kinds = list(action.updates.values_list("kind", flat=True))
    assert kinds[:3] == ["signed_off", "completed", "evidence"]


def test_sign_off_needs_the_action_done_first(users):
    action = f.action(users["practitioner"])
    services.action_add_evidence(action=action, user=users["practitioner"], figures=[("Staff", 3)])
    with pytest.raises(ServiceError, match="must mark the action done"):
        services.action_sign_off(action=action, user=users["manager"])


def test_closed_is_only_reachable_by_sign_off(users):
    action = f.action(users["practitioner"])
    for status, message in [
        ("closed", "closed only when someone other than its owner signs it off"),
        ("done", "Mark the action done with a summary"),
        ("overdue", "Choose not started, on track or at risk"),
    ]:
        with pytest.raises(ServiceError, match=message):
            services.action_record_progress(
                action=action, user=users["practitioner"], note="x", status=status
            )
    with pytest.raises(ServiceError, match="Change the status by recording progress"):
        services.action_update(action=action, user=users["manager"], status="closed")
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED


def test_progress_notes_and_status(users):
    action = f.action(users["practitioner"])
    update = services.action_record_progress(
        action=action, user=users["practitioner"], note="Trainers booked", status="at_risk"
    )
    assert update.status == "at_risk" and update.author == users["practitioner"]
    assert Action.objects.get(pk=action.pk).status == "at_risk"
    with pytest.raises(ServiceError, match="Enter a progress update"):
        services.action_record_progress(action=action, user=users["practitioner"], note=" ")


def test_overdue_is_worked_out_from_the_date(users):
    late = f.action(
        users["manager"], start=TODAY - dt.timedelta(days=60), due=TODAY - dt.timedelta(days=1)
    )
    risky = f.action(users["manager"], title="Risky")
    services.action_record_progress(
        action=risky, user=users["manager"], note="Slipping", status="at_risk"
    )
    fine = f.action(users["manager"], title="Fine")
    assert late.effective_status == "overdue" and late.effective_status_label == "Overdue"
    assert fine.effective_status == "not_started"
    lead = users["quality_lead"]
    assert list(selectors.actions(lead, status="overdue")) == [late]
    assert list(selectors.actions(lead, status="at_risk")) == [risky]
    assert late not in selectors.actions(lead, status="not_started")
    counts = selectors.action_counts(lead)
    assert counts["overdue"] == 1 and counts["at_risk"] == 1 and counts["open"] == 3


def test_evidence_files_links_records_and_figures(users):
    owner = users["practitioner"]
    action = f.action(owner)
    note = Note.objects.create(title="Course: financial assessments")
    services.action_add_evidence(
        action=action,
        user=owner,
        title="Register",
        file=SimpleUploadedFile("register.pdf", b"%PDF-1.4"),
    )
    services.action_add_evidence(action=action, user=owner, title="Course", record=note)
    services.action_add_evidence(
        action=action,
        user=owner,
        figures=[
            {"label": "Staff trained", "value": 142, "out_of": 160},
            ("Sessions held", "6"),
        ],
    )
    assert {a.kind for a in action.evidence()} == {"file", "record"}
    assert all(a.role == "evidence" for a in action.evidence())
    figures = {fig.label: fig.display for fig in action.figures.all()}
    assert figures == {"Staff trained": "142 of 160 (89%)", "Sessions held": "6"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Add a file, a web link, a linked record or a figure"),
        ({"figures": [{"label": "Staff", "value": "many"}]}, "must be a number"),
        ({"figures": [{"label": "", "value": 3}]}, "needs a label"),
        ({"figures": [{"label": "Staff", "value": 3, "out_of": 0}]}, "must be more than 0"),
        ({"url": "https://example.org", "record": "x"}, "one of a file, a web link or a record"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_kept(users, kwargs, message):
    action = f.action(users["practitioner"])
    with pytest.raises(ServiceError, match=message):
        services.action_add_evidence(action=action, user=users["practitioner"], **kwargs)
    assert not action.figures.exists() and not Attachment.objects.exists()
    assert not action.updates.exists()


def test_evidence_on_a_closed_action_cannot_be_removed(users):
    action = f.done_action(users["practitioner"])
    services.action_sign_off(action=action, user=users["manager"])
    with pytest.raises(ServiceError, match="evidence is kept"):
        services.evidence_remove(action=action, user=users["manager"], figure=action.figures.get())
    assert action.figures.count() == 1


def test_moving_the_due_date_is_logged_and_the_first_date_kept(users):
    action = f.action(users["practitioner"], due=TODAY + dt.timedelta(days=10))
    first = action.due_on
    services.action_update(
        action=action,
        user=users["manager"],
        due_on=first + dt.timedelta(days=30),
        reason="Trainer ill",
    )
    action.refresh_from_db()
    assert action.original_due_on == first and action.due_moved
    log = action.updates.get()
    assert "Due date moved" in log.note and "Trainer ill" in log.note
    with pytest.raises(ServiceError, match="due date must be the same as or after"):
        services.action_update(
            action=action, user=users["manager"], due_on=action.start_on - dt.timedelta(days=1)
        )


def test_reopen_clears_the_sign_off(users):
    action = f.done_action(users["practitioner"])
    services.action_sign_off(action=action, user=users["manager"])
    with pytest.raises(ServiceError, match="Say why"):
        services.action_reopen(action=action, user=users["manager"], reason="")
    services.action_reopen(action=action, user=users["manager"], reason="Complaints rose again")
    action.refresh_from_db()
    assert action.status == "on_track" and action.signed_off_by is None
    assert action.updates.first().kind == ActionUpdate.Kind.REOPENED


def test_restricted_actions_are_seen_by_leads_and_the_owner_only(users):
    action = f.action(users["practitioner"], is_restricted=True, restriction_reason="Safeguarding")
    visible = {
        role: Action.objects.visible_to(u).filter(pk=action.pk).exists()
        for role, u in users.items()
    }
    assert visible == {
        "admin": True,
        "quality_lead": True,
        "manager": False,
        "practitioner": True,  # the owner
        "viewer": False,
    }


def test_milestones(users):
    action = f.action(users["practitioner"])
    with pytest.raises(ServiceError, match="before the action starts"):
        services.milestone_add(
            action=action, title="Early", due_on=action.start_on - dt.timedelta(days=1)
        )
    m = services.milestone_add(
        action=action, title="Book trainers", due_on=TODAY - dt.timedelta(days=1)
    )
    assert m.is_late
    services.milestone_done(milestone=m)
    assert not m.is_late and m.done_on == TODAY


def test_my_work_lists_owned_actions_and_sign_offs(users):
    owner, manager = users["practitioner"], users["manager"]
    owner.line_manager = manager
    owner.save()
    mine = f.action(owner)
    waiting = f.done_action(owner, title="Waiting for sign-off")
    titles = [i.title for i in selectors.my_work(owner)]
    assert titles == [f"{mine.reference}: {mine.title}"]
    manager_titles = [i.title for i in selectors.my_work(manager)]
    assert f"Sign off {waiting.reference}: {waiting.title}" in manager_titles


# --- Raising an action from a record of any area (selectors.sources) ------------------------
def test_an_action_raised_from_any_area_shows_on_its_page(client, users):
    from tests.innovation.factories import PilotFactory

    pilot = PilotFactory(title="Night support pilot")
    manager = users["manager"]
    client.force_login(manager)
    url = reverse("learning:action_raise") + f"?source=innovation.pilot:{pilot.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "Night support pilot" in page.content.decode()
    # the owner is chosen, never taken to be the person raising it
    assert page.context["form"]["owner"].value() is None

    bad = client.post(url, {"title": "", "priority": "medium"})
    assert bad.status_code == 200 and not Action.objects.exists()
    assert "What is the action?" in bad.content.decode()

    due = dt.date.today() + dt.timedelta(days=30)
    response = client.post(
        url,
        {
            "title": "Roll out night checks",
            "owner": users["practitioner"].pk,
            "priority": "high",
            "due_0": due.day,
            "due_1": due.month,
            "due_2": due.year,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == pilot.get_absolute_url() + "#actions"
    action = Action.objects.get()
    assert action.source == pilot and action.owner == users["practitioner"]
    assert action.created_by == manager and action.origin == "pilot"
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert "Roll out night checks" in page


def test_a_refused_action_says_why_on_the_form(client, users):
    from tests.innovation.factories import PilotFactory

    pilot = PilotFactory()
    client.force_login(users["manager"])
    url = reverse("learning:action_raise") + f"?source=innovation.pilot:{pilot.pk}"
    past = dt.date.today() - dt.timedelta(days=3)
    response = client.post(
        url,
        {
            "title": "Too late",
            "owner": users["practitioner"].pk,
            "priority": "low",
            "due_0": past.day,
            "due_1": past.month,
            "due_2": past.year,
        },
    )
    assert response.status_code == 200 and not Action.objects.exists()
    assert response.context["form"].errors
