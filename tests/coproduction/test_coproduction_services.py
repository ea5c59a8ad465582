"""Coproduction rules: late involvement, feedback windows and the policy, what changed,
participants' consent and erasure, and publishing without personal details."""

import datetime as dt
from decimal import Decimal

import pytest

from careloop.coproduction import services
from careloop.coproduction.models import (
    Contribution,
    FeedbackPolicy,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Stage,
    Statement,
)
from careloop.core import workdays
from careloop.core.services import ServiceError
from tests.coproduction.factories import (
    ContributionFactory,
    GroupFactory,
    InvolvementFactory,
    ParticipantFactory,
    PaymentFactory,
    ProjectFactory,
    StatementFactory,
    WindowFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


# --- Late involvement -----------------------------------------------------------------------------
def test_involving_people_from_the_start_is_not_late():
    project = ProjectFactory(drafted_on=TODAY - dt.timedelta(days=30))
    InvolvementFactory(
        project=project, stage=Stage.DEFINING, started_on=TODAY - dt.timedelta(days=90)
    )
    InvolvementFactory(
        project=project, stage=Stage.DECIDING, started_on=TODAY - dt.timedelta(days=10)
    )
    assert project.late_involvement() == []


def test_first_involving_people_after_the_draft_is_flagged():
    drafted = dt.date(2026, 1, 1)
    project = ProjectFactory(started_on=dt.date(2025, 9, 1), drafted_on=drafted)
    InvolvementFactory(project=project, stage=Stage.DECIDING, started_on=dt.date(2026, 3, 2))
    assert project.late_involvement() == [
        "People were first involved on 2 March 2026, after the work was drafted on 1 January 2026.",
        "No one was involved in defining the problem or designing the work.",
    ]


def test_a_drafted_project_with_no_one_involved_is_flagged():
    project = ProjectFactory(drafted_on=dt.date(2026, 1, 1))
    assert project.late_involvement() == [
        "The work was drafted on 1 January 2026 and no one with lived experience has been "
        "involved yet."
    ]
    assert ProjectFactory().late_involvement() == []  # not drafted, no one yet: not late yet


def test_involvement_is_a_group_or_a_consenting_participant_once_per_stage():
    project = ProjectFactory()
    group = GroupFactory()
    fields = {"stage": Stage.DEFINING, "rung": 5, "started_on": TODAY}
    with pytest.raises(ServiceError, match="one of the two"):
        services.involvement_save(project=project, **fields)
    services.involvement_save(project=project, group=group, **fields)
    with pytest.raises(ServiceError, match="already recorded at this stage"):
        services.involvement_save(project=project, group=group, **fields)
    withdrawn = ParticipantFactory(consent=False, consent_withdrawn_on=TODAY)
    with pytest.raises(ServiceError, match="has not given consent"):
        services.involvement_save(project=project, participant=withdrawn, **fields)
    with pytest.raises(ServiceError, match="future"):
        services.involvement_save(
            project=project,
            group=GroupFactory(),
            **{**fields, "started_on": TODAY + dt.timedelta(days=3)},
        )
    assert Involvement.objects.count() == 1


# --- Feedback windows -----------------------------------------------------------------------------
def window(project, group, length, reason=""):
    opens = dt.date(2026, 3, 2)
    return services.window_save(
        project=project,
        group=group,
        title="The draft strategy",
        opens_on=opens,
        closes_on=workdays.add_working_days(opens, length),
        short_reason=reason,
    )


def test_a_window_shorter_than_the_policy_needs_a_reason():
    project = ProjectFactory()
    group = GroupFactory(kind=Group.Kind.NEURODIVERGENT)
    with pytest.raises(ServiceError) as error:
        window(project, group, 10)
    assert error.value.errors["short_reason"] == [
        "This window is 10 working days; the policy minimum for lived-experience groups is 20 "
        "working days. Make it longer, or give the reason it has to be shorter"
    ]
    assert not FeedbackWindow.objects.exists()
    saved = window(project, group, 10, reason="Cabinet deadline")
    assert saved.is_short and saved.policy_minimum == 20 and saved.length == 10


def test_partners_and_open_requests_have_the_shorter_minimum():
    project = ProjectFactory()
    healthwatch = GroupFactory(kind=Group.Kind.HEALTHWATCH)
    assert not window(project, healthwatch, 10).is_short
    assert window(project, None, 10).policy_minimum == 10


def test_the_policy_is_set_by_leads_and_applies_to_new_windows():
    services.policy_update(min_days_groups=30, min_days_others=15)
    assert FeedbackPolicy.current().min_days_groups == 30
    with pytest.raises(ServiceError, match="at least as long"):
        services.policy_update(min_days_groups=5, min_days_others=15)
    with pytest.raises(ServiceError):
        window(ProjectFactory(), GroupFactory(), 25)


def test_a_long_enough_window_drops_an_old_reason_and_the_dates_must_run_forward():
    project = ProjectFactory()
    group = GroupFactory()
    saved = window(project, group, 10, reason="Deadline")
    saved = services.window_save(
        project=project,
        window=saved,
        group=group,
        title=saved.title,
        opens_on=saved.opens_on,
        closes_on=workdays.add_working_days(saved.opens_on, 25),
        short_reason="Deadline",
    )
    assert not saved.is_short and saved.short_reason == ""
    with pytest.raises(ServiceError, match="must close after it opens"):
        services.window_save(
            project=project,
            group=group,
            title="T",
            opens_on=TODAY,
            closes_on=TODAY,
            short_reason="x",
        )


# --- What people said, and what changed -----------------------------------------------------------
def test_saying_what_changed_is_required_once_there_is_an_answer():
    project = ProjectFactory()
    contribution = ContributionFactory(project=project)
    with pytest.raises(ServiceError, match="Say what changed"):
        services.contribution_save(
            project=project,
            contribution=contribution,
            said=contribution.said,
            outcome="changed",
            what_changed="",
        )
    services.contribution_save(
        project=project,
        contribution=contribution,
        said=contribution.said,
        outcome="changed",
        what_changed="A booking line opened.",
    )
    assert contribution.responded_on == TODAY


def test_feedback_must_belong_to_the_projects_own_window():
    project = ProjectFactory()
    other = WindowFactory()
    with pytest.raises(ServiceError, match="belongs to another project"):
        services.contribution_save(project=project, said="S", window=other, received_on=TODAY)
    assert not Contribution.objects.exists()


# --- Participants ---------------------------------------------------------------------------------
def test_a_participant_is_kept_only_with_consent():
    with pytest.raises(ServiceError) as error:
        services.participant_save(full_name="Ann Lee", consent=False)
    assert "consent" in error.value.errors
    with pytest.raises(ServiceError) as error:
        services.participant_save(full_name="Ann Lee", consent=True)
    assert "consent_on" in error.value.errors
    group = GroupFactory()
    person = services.participant_save(
        full_name="Ann Lee", consent=True, consent_on=TODAY, groups=[group]
    )
    assert list(person.groups.all()) == [group]


def test_withdrawing_consent_stops_contact():
    person = ParticipantFactory()
    services.participant_withdraw_consent(participant=person)
    assert not person.can_be_contacted and person.consent_withdrawn_on == TODAY
    with pytest.raises(ServiceError, match="already withdrawn"):
        services.participant_withdraw_consent(participant=person)


def test_erasing_a_participant_keeps_involvement_and_payments_anonymously():
    person = ParticipantFactory(
        full_name="Ann Lee", email="ann@mail.example", address="1 Mill Lane"
    )
    person.groups.add(GroupFactory())
    InvolvementFactory(participant=person, group=None)
    payment = PaymentFactory(participant=person, amount=Decimal("40"))
    services.participant_erase(participant=person)
    person.refresh_from_db()
    assert person.full_name == f"Former participant {person.pk}"
    assert (person.email, person.phone, person.address, person.access_needs) == ("", "", "", [])
    assert person.erased_on == TODAY and not person.groups.exists()
    assert person.involvements.count() == 1
    assert Payment.objects.get(pk=payment.pk).participant == person
    with pytest.raises(ServiceError, match="No new payments"):
        services.payment_save(
            participant=person,
            kind="expenses",
            amount=Decimal("5"),
            for_date=TODAY,
            description="Bus",
        )


def test_a_payment_for_a_project_needs_the_person_to_be_involved_and_paid_gets_a_date():
    person = ParticipantFactory()
    project = ProjectFactory()
    fields = {
        "kind": "involvement",
        "amount": Decimal("60"),
        "for_date": TODAY,
        "description": "Workshop",
    }
    with pytest.raises(ServiceError, match="not involved in that project"):
        services.payment_save(participant=person, project=project, **fields)
    InvolvementFactory(project=project, participant=person, group=None)
    paid = services.payment_save(participant=person, project=project, status="paid", **fields)
    assert paid.paid_on == TODAY


# --- "You said, we did" ---------------------------------------------------------------------------
def test_publishing_refuses_a_participants_name_email_or_phone():
    ParticipantFactory(full_name="Margaret Ellison")
    statement = StatementFactory(
        status=Statement.Status.DRAFT,
        you_said="Margaret  ellison told us breaks are hard.",
        we_did="Ring 07700 900123 or write to help@carers.example",
    )
    with pytest.raises(ServiceError) as error:
        services.statement_publish(statement=statement)
    problems = error.value.errors
    assert "the name of a participant (Margaret Ellison)" in problems["you_said"][0]
    assert "an email address" in problems["we_did"][0] and "a phone number" in problems["we_did"][0]
    statement.refresh_from_db()
    assert statement.status == "draft"


def test_publishing_and_withdrawing():
    statement = StatementFactory(status=Statement.Status.DRAFT)
    services.statement_publish(statement=statement)
    assert statement.status == "published" and statement.published_on == TODAY
    with pytest.raises(ServiceError, match="already published"):
        services.statement_publish(statement=statement)
    services.statement_withdraw(statement=statement)
    assert statement.status == "withdrawn"
    assert not Statement.objects.published().exists()


def test_a_published_statement_cannot_be_edited_to_add_personal_details():
    ParticipantFactory(full_name="Dev Patel")
    statement = StatementFactory()
    with pytest.raises(ServiceError, match="Dev Patel"):
        services.statement_save(statement=statement, we_did="Thanks to Dev Patel we changed it.")
    statement.refresh_from_db()
    assert "Dev Patel" not in statement.we_did


def test_an_erased_persons_name_no_longer_blocks_publishing():
    person = ParticipantFactory(full_name="Common Name")
    services.participant_erase(participant=person)
    statement = StatementFactory(status="draft", you_said="A Common Name is not a person here.")
    services.statement_publish(statement=statement)
    assert Participant.objects.get().full_name.startswith("Former participant")
