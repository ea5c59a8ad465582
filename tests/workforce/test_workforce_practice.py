"""Reflective practice, practice quality audits, peer feedback and development pathways."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.core.services import ServiceError
from careloop.learning import services as learning
from careloop.learning.models import Action
from careloop.workforce import selectors, services
from careloop.workforce.models import Enrolment, GroupSession
from tests.factories import TeamFactory, UserFactory
from tests.workforce.factories import make_standard

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_a_quality_circle_is_recorded_and_its_learning_becomes_an_action(users):
    with pytest.raises(ServiceError, match="future"):
        services.group_session_record(
            user=users["practitioner"],
            kind="quality_circle",
            topic="Hoarding",
            held_on=TODAY + dt.timedelta(days=1),
            practice_issue="Declined support",
        )
    session = services.group_session_record(
        user=users["practitioner"],
        kind="quality_circle",
        topic="Working with people who hoard",
        held_on=TODAY,
        practice_issue="A person declined support three times.",
        attendees=[users["manager"], users["practitioner"]],
        learning_outputs="Use the clutter image rating at the first visit.",
    )
    assert session.facilitator == users["practitioner"] and session.attendees.count() == 2
    action = learning.action_create(
        source=session,
        created_by=users["manager"],
        title="Add the clutter image rating to the assessment form",
        owner=users["manager"],
        due=TODAY + dt.timedelta(days=30),
    )
    assert action.origin == Action.Origin.WORKFORCE
    assert list(Action.objects.for_source(session)) == [action]


def test_an_audit_needs_every_rating_and_inadequate_items_get_follow_up_actions(users):
    standard = make_standard(
        questions=["Is the person's voice clear?", "Are risks assessed?", "Is the plan reviewed?"]
    )
    q1, q2, q3 = standard.questions.all()
    practitioner = users["practitioner"]
    with pytest.raises(ServiceError, match="every question"):
        services.audit_record(
            user=users["manager"],
            standard=standard,
            practitioner=practitioner,
            case_reference="C-1",
            audited_on=TODAY,
            answers={q1.pk: ("good", "")},
        )
    with pytest.raises(ServiceError, match="Someone else"):
        services.audit_record(
            user=users["manager"],
            standard=standard,
            practitioner=users["manager"],
            case_reference="C-1",
            audited_on=TODAY,
            answers={},
        )
    audit = services.audit_record(
        user=users["quality_lead"],
        standard=standard,
        practitioner=practitioner,
        case_reference="C-1",
        audited_on=TODAY,
        answers={
            q1.pk: ("outstanding", ""),
            q2.pk: ("inadequate", "No fire risk assessment"),
            q3.pk: ("good", ""),
        },
    )
    assert audit.overall == "inadequate" and audit.team == practitioner.team
    action = Action.objects.for_source(audit).get()
    assert action.owner == users["manager"]  # the practitioner's team manager
    assert "Are risks assessed?" in action.title and "No fire risk" in action.description
    assert action.due_on == TODAY + dt.timedelta(days=28)
    services.audit_record(
        user=users["quality_lead"],
        standard=standard,
        practitioner=practitioner,
        case_reference="C-2",
        audited_on=TODAY,
        answers={q1.pk: ("good", ""), q2.pk: ("inadequate", ""), q3.pk: ("good", "")},
    )
    themes = {
        q.text: dict((v, n) for v, _, n in counts)
        for q, counts, _ in selectors.rating_distribution(standard)
    }
    assert themes["Are risks assessed?"]["inadequate"] == 2
    assert themes["Is the person's voice clear?"] == {
        "outstanding": 1,
        "good": 1,
        "requires_improvement": 0,
        "inadequate": 0,
    }


def test_feedback_on_an_audit_comes_from_the_practitioner_and_their_manager(users):
    standard = make_standard()
    audit = services.audit_record(
        user=users["quality_lead"],
        standard=standard,
        practitioner=users["practitioner"],
        case_reference="C-9",
        audited_on=TODAY,
        answers={q.pk: ("good", "") for q in standard.questions.all()},
    )
    services.audit_feedback(user=users["practitioner"], audit=audit, text="Fair and useful.")
    services.audit_feedback(user=users["manager"], audit=audit, text="Agreed.")
    audit.refresh_from_db()
    assert (audit.practitioner_feedback, audit.manager_feedback) == ("Fair and useful.", "Agreed.")
    with pytest.raises(ServiceError, match="Only the practitioner"):
        services.audit_feedback(user=UserFactory(role="manager"), audit=audit, text="x")


def test_a_practitioner_sees_only_audits_of_their_own_case_files(users, login):
    standard = make_standard()
    answers = {q.pk: ("good", "") for q in standard.questions.all()}
    other = UserFactory(role="practitioner")
    mine = services.audit_record(
        user=users["manager"],
        standard=standard,
        practitioner=users["practitioner"],
        case_reference="MINE-1",
        audited_on=TODAY,
        answers=answers,
    )
    theirs = services.audit_record(
        user=users["manager"],
        standard=standard,
        practitioner=other,
        case_reference="THEIRS-1",
        audited_on=TODAY,
        answers=answers,
    )
    client = login(users["practitioner"])
    body = client.get(reverse("workforce:audit_index")).content.decode()
    assert mine.reference in body and theirs.reference not in body
    assert client.get(reverse("workforce:audit_show", args=[theirs.pk])).status_code == 404


def test_peer_feedback_comes_from_another_team(users):
    with pytest.raises(ServiceError, match="another team"):
        services.peer_feedback_add(
            user=users["manager"],
            practitioner=users["practitioner"],
            case_reference="C-1",
            effectiveness="very",
            comment="Good",
        )
    colleague = UserFactory(role="practitioner", team=TeamFactory(name="Brokerage Team"))
    feedback = services.peer_feedback_add(
        user=colleague,
        practitioner=users["practitioner"],
        case_reference="C-1",
        effectiveness="partly",
        comment="The care package started late because the brokerage request was incomplete.",
    )
    assert feedback.practitioner == users["practitioner"]


def test_a_pathway_from_application_to_completion(users):
    person = users["practitioner"]
    enrolment = services.enrolment_apply(user=person, person=person, pathway="amhp", reason="Why")
    with pytest.raises(ServiceError, match="already has an open application"):
        services.enrolment_apply(user=person, person=person, pathway="amhp")
    with pytest.raises(ServiceError, match="not allow"):
        services.enrolment_move(user=person, enrolment=enrolment, to="approved")
    with pytest.raises(ServiceError, match="cannot become completed"):
        services.enrolment_move(user=users["manager"], enrolment=enrolment, to="completed")
    services.enrolment_move(user=users["manager"], enrolment=enrolment, to="approved")
    assert (enrolment.decided_by, enrolment.decided_on) == (users["manager"], TODAY)
    services.enrolment_move(user=users["manager"], enrolment=enrolment, to="in_progress")
    counts = dict(selectors.pathway_counts(Enrolment.objects.all()))
    assert counts["North Locality Team"][("amhp", "in_progress")] == 1
    services.enrolment_move(
        user=users["manager"], enrolment=enrolment, to="completed", note="Warranted"
    )
    assert enrolment.status == "completed" and enrolment.completed_on == TODAY
    # A new application is possible once the last is finished.
    assert services.enrolment_apply(user=person, person=person, pathway="amhp").status == "applied"


def test_group_sessions_are_not_restricted_to_their_attendees(users, login):
    session = GroupSession.objects.create(
        kind="reflective", topic="Endings", held_on=TODAY, practice_issue="Closing cases well"
    )
    response = login(users["practitioner"]).get(session.get_absolute_url())
    assert response.status_code == 200 and "Closing cases well" in response.content.decode()
