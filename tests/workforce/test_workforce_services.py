"""The academy's rules: expiry, compliance cells, completions, reminders, supervision policy,
registration alerts and the evidence given to a linked learning action."""

import datetime as dt

import pytest
from django.core import mail

from careloop.core.services import ServiceError
from careloop.learning import services as learning
from careloop.learning.models import EvidenceFigure
from careloop.workforce import compliance, selectors, services
from careloop.workforce.models import (
    CareerStage,
    Completion,
    SupervisionPolicy,
    TrainingReminder,
    add_months,
)
from tests.factories import TeamFactory, UserFactory
from tests.workforce.factories import (
    CompletionFactory,
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    StaffProfileFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def staff(users):
    for role in ("manager", "practitioner"):
        StaffProfileFactory(user=users[role])
    users["practitioner"].line_manager = users["manager"]
    users["practitioner"].save()
    return users


def test_expiry_adds_the_renewal_months_keeping_to_real_dates():
    assert add_months(dt.date(2024, 2, 29), 36) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 24) == dt.date(2027, 11, 15)
    course = CourseFactory(renewal_months=36)
    assert course.expiry_for(dt.date(2026, 3, 1)) == dt.date(2029, 3, 1)
    assert CourseFactory(renewal_months=None).expiry_for(dt.date(2026, 3, 1)) is None


def test_cells_are_done_expiring_overdue_or_never(staff):
    person = staff["practitioner"]
    safeguarding = CourseFactory(title="Safeguarding adults", renewal_months=36)
    mca = CourseFactory(title="Mental Capacity Act", renewal_months=24)
    data = CourseFactory(title="Data protection", renewal_months=12)
    CourseFactory(title="Fire safety", renewal_months=12)
    ot_only = CourseFactory(title="Moving and handling", audience_stages=[CareerStage.OT])
    CompletionFactory(person=person, course=safeguarding, completed_on=days(-100))
    CompletionFactory(
        person=person, course=mca, completed_on=days(-700)
    )  # expires in about 30 days
    CompletionFactory(person=person, course=data, completed_on=days(-400))
    row = compliance.Training(selectors.staff().filter(pk=person.pk)).rows()[0]
    cells = {c.course.title: c for c in row.cells}
    assert cells["Safeguarding adults"].status == "done"
    assert cells["Mental Capacity Act"].status == "expiring"
    assert cells["Data protection"].status == "overdue"
    assert cells["Fire safety"].status == "never"
    assert not cells["Moving and handling"].applies and ot_only.pk
    assert row.percent == 50  # done and expiring of the four that apply
    assert [c.course.title for c in row.overdue] == ["Data protection", "Fire safety"]


def test_a_renewal_puts_the_cell_back_in_date_and_history_answers_for_past_months(staff):
    person = staff["practitioner"]
    course = CourseFactory(renewal_months=12)
    CompletionFactory(person=person, course=course, completed_on=days(-500))
    training = compliance.Training(selectors.staff().filter(pk=person.pk))
    assert training.rows()[0].cells[0].status == "overdue"
    assert training.percent_at(days(-200)) == (1, 1)  # in date 200 days ago
    CompletionFactory(person=person, course=course, completed_on=days(-3))
    assert (
        compliance.Training(selectors.staff().filter(pk=person.pk)).rows()[0].cells[0].status
        == "done"
    )


def test_recording_a_completion_computes_its_expiry(staff):
    course = CourseFactory(renewal_months=24)
    completion = services.completion_record(
        user=staff["practitioner"],
        person=staff["practitioner"],
        course=course,
        completed_on=dt.date(2026, 1, 15),
        evidence="Cert 1",
    )
    assert completion.expires_on == dt.date(2028, 1, 15)
    assert completion.recorded_by == staff["practitioner"]


@pytest.mark.parametrize(
    ("who", "whose", "when", "message"),
    [
        ("practitioner", "practitioner", 1, "cannot be in the future"),
        ("manager", "practitioner", 1, "cannot be in the future"),
        ("viewer", "manager", -1, "only your own"),
    ],
)
def test_completions_in_the_future_or_for_others_are_refused(staff, who, whose, when, message):
    course = CourseFactory()
    with pytest.raises(ServiceError, match=message):
        services.completion_record(
            user=staff[who], person=staff[whose], course=course, completed_on=days(when)
        )
    assert not Completion.objects.exists()


def test_a_practitioner_records_only_their_own_training_and_a_manager_their_teams(staff):
    course = CourseFactory()
    with pytest.raises(ServiceError, match="only your own"):
        services.completion_record(
            user=staff["practitioner"], person=staff["manager"], course=course, completed_on=TODAY
        )
    services.completion_record(
        user=staff["manager"], person=staff["practitioner"], course=course, completed_on=TODAY
    )
    with pytest.raises(ServiceError, match="already has"):
        services.completion_record(
            user=staff["manager"], person=staff["practitioner"], course=course, completed_on=TODAY
        )
    assert Completion.objects.count() == 1


def test_team_figures_put_the_worst_team_first(staff):
    course = CourseFactory()
    other = TeamFactory(name="Brokerage Team")
    lagging = UserFactory(team=other)
    StaffProfileFactory(user=lagging)
    CompletionFactory(person=staff["practitioner"], course=course)
    CompletionFactory(person=staff["manager"], course=course)
    figures = selectors.team_figures()
    assert [(f.team.name, f.training, f.overdue) for f in figures] == [
        ("Brokerage Team", 0, 1),
        ("North Locality Team", 100, 0),
    ]


def test_a_manager_reminds_a_person_and_their_manager_is_copied(
    staff, django_capture_on_commit_callbacks
):
    CourseFactory(title="Safeguarding adults")
    with django_capture_on_commit_callbacks(execute=True):
        n = services.reminder_send(user=staff["manager"], person=staff["practitioner"])
    assert n == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@northshire.example",
        "practitioner@northshire.example",
    ]
    assert "Safeguarding adults: never done" in mail.outbox[0].body
    assert TrainingReminder.objects.get().status == "never"
    with pytest.raises(ServiceError, match="not allow"):
        services.reminder_send(user=staff["practitioner"], person=staff["practitioner"])


def test_nobody_is_reminded_when_they_are_up_to_date(staff):
    course = CourseFactory()
    CompletionFactory(person=staff["practitioner"], course=course)
    with pytest.raises(ServiceError, match="up to date"):
        services.reminder_send(user=staff["manager"], person=staff["practitioner"])


def test_the_daily_job_reminds_once_per_expiry_and_alerts_registrations(
    staff, django_capture_on_commit_callbacks
):
    course = CourseFactory(renewal_months=12)
    CompletionFactory(person=staff["practitioner"], course=course, completed_on=days(-340))
    RegistrationFactory(person=staff["practitioner"], renewal_on=days(45))
    RegistrationFactory(person=staff["manager"], renewal_on=days(200))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 2  # one person's training, one registration
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects.count("Professional registration renewal") == 2  # the person and manager
    assert "Your mandatory training" in subjects
    assert "Mandatory training: Practitioner Person" in subjects
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 0
    assert mail.outbox == []


def test_supervision_is_in_date_against_the_policy_for_the_career_stage(staff):
    SupervisionPolicy.objects.create(career_stage=CareerStage.ASYE, interval_days=28)
    asye = UserFactory(team=staff["manager"].team)
    StaffProfileFactory(user=asye, career_stage=CareerStage.ASYE)
    SessionFactory(supervisee=asye, supervisor=staff["manager"], held_on=days(-35))
    SessionFactory(supervisee=staff["practitioner"], supervisor=staff["manager"], held_on=days(-35))
    supervision = compliance.Supervision(selectors.staff())
    assert not supervision.in_date(asye)  # monthly in the ASYE
    assert supervision.in_date(staff["practitioner"])  # six-weekly otherwise
    assert supervision.due(asye) == days(-7)


def test_supervision_rules(staff):
    manager, practitioner = staff["manager"], staff["practitioner"]
    with pytest.raises(ServiceError, match="different people"):
        services.supervision_record(
            user=manager, supervisee=manager, supervisor=manager, held_on=TODAY, kind="case"
        )
    with pytest.raises(ServiceError, match="future"):
        services.supervision_record(
            user=manager, supervisee=practitioner, supervisor=manager, held_on=days(2), kind="case"
        )
    outsider = UserFactory(role="practitioner")
    with pytest.raises(ServiceError, match="take part in"):
        services.supervision_record(
            user=outsider, supervisee=practitioner, supervisor=manager, held_on=TODAY, kind="case"
        )
    session = services.supervision_record(
        user=manager,
        supervisee=practitioner,
        supervisor=manager,
        held_on=TODAY,
        kind="my_time",
        agreed_actions="Take the lieu day.",
        private_text="Talked about sleep.",
    )
    assert session.private_note.text == "Talked about sleep."
    with pytest.raises(ServiceError, match="Only the supervisor"):
        services.supervision_private_save(user=staff["quality_lead"], session=session, text="x")


def test_registration_numbers_are_unique_per_body(staff):
    services.registration_save(
        user=staff["practitioner"],
        person=staff["practitioner"],
        body="swe",
        number="sw123",
        renewal_on=days(100),
    )
    with pytest.raises(ServiceError, match="already recorded"):
        services.registration_save(
            user=staff["manager"],
            person=staff["manager"],
            body="swe",
            number="SW123",
            renewal_on=days(100),
        )


def test_cpd_is_recorded_by_the_person_with_a_reflection(staff):
    with pytest.raises(ServiceError, match="own CPD"):
        services.cpd_add(
            user=staff["manager"],
            person=staff["practitioner"],
            title="x",
            done_on=TODAY,
            reflection="y",
        )
    with pytest.raises(ServiceError, match="reflection"):
        services.cpd_add(
            user=staff["practitioner"],
            person=staff["practitioner"],
            title="Course",
            done_on=TODAY,
            reflection=" ",
        )


def test_training_for_a_learning_need_gives_its_action_the_completion_figures(
    staff, django_capture_on_commit_callbacks
):
    lead = staff["quality_lead"]
    action = learning.action_create(
        title="Hoarding and self-neglect training", owner=lead, due=days(60), created_by=lead
    )
    course = CourseFactory(title="Hoarding and self-neglect", mandatory=False, action=action)
    with django_capture_on_commit_callbacks(execute=True):
        services.completion_record(
            user=staff["manager"], person=staff["practitioner"], course=course, completed_on=TODAY
        )
    figure = EvidenceFigure.objects.get(action=action)
    assert (figure.value, figure.out_of) == (1, 2)  # of the two staff it is for
    assert action.has_evidence()
    with django_capture_on_commit_callbacks(execute=True):
        services.completion_record(
            user=staff["manager"], person=staff["manager"], course=course, completed_on=TODAY
        )
    figure.refresh_from_db()
    assert (figure.value, figure.out_of) == (2, 2)
    assert EvidenceFigure.objects.filter(action=action).count() == 1


def test_my_work_lists_overdue_training_supervision_due_and_renewals(staff):
    course = CourseFactory(title="Safeguarding adults")
    CompletionFactory(person=staff["manager"], course=course)
    RegistrationFactory(person=staff["practitioner"], renewal_on=days(30))
    SessionFactory(supervisee=staff["practitioner"], supervisor=staff["manager"], held_on=days(-60))
    mine = {(i.kind, i.title) for i in selectors.my_work(staff["practitioner"])}
    assert ("Mandatory training", "Never done: Safeguarding adults") in mine
    assert ("Professional registration", "Renew your Social Work England registration") in mine
    theirs = {(i.kind, i.title) for i in selectors.my_work(staff["manager"])}
    assert ("Supervision", "Supervise Practitioner Person") in theirs
    assert any(kind == "Team training" for kind, _ in theirs)


def test_evidence_facts_for_the_cqc_library(staff):
    from careloop.workforce import evidence

    course = CourseFactory(title="Safeguarding adults")
    CompletionFactory(person=staff["manager"], course=course)
    facts = {f.key: f for f in evidence.facts()}
    assert facts["workforce:training-compliance"].figures["compliance_percent"] == 50
    assert facts["workforce:supervision"].statements == (8,)
