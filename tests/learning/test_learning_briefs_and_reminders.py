"""Learning briefs with read acknowledgements; reminders and escalation; report; evidence."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from careloop.core import workdays
from careloop.core.services import ServiceError
from careloop.learning import evidence, services
from careloop.learning.models import ActionReminder, BriefRecipient
from careloop.learning.selectors import report
from careloop.learning.services import reminders
from careloop.learning.tasks import SCHEDULE, send_reminders
from tests.factories import TeamFactory, UserFactory
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


def test_a_brief_is_sent_to_teams_and_read_by_each_person(
    users, team, django_capture_on_commit_callbacks
):
    lead = users["quality_lead"]
    other = TeamFactory(name="South Locality Team")
    south = UserFactory(team=other, role="practitioner")
    UserFactory(team=other, role="practitioner", is_active=False)
    brief = services.brief_save(
        user=lead, title="7-minute briefing: hoarding", learning="Ask early", teams=[team]
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.brief_send(brief=brief, user=lead)
    assert sent == 5 and len(mail.outbox) == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert services.brief_send(brief=brief, user=lead, teams=[other]) == 1  # not twice
    assert brief.recipients.filter(person=south).exists() and len(mail.outbox) == 6
    services.brief_acknowledge(brief=brief, user=users["practitioner"])
    assert brief.recipients.get(person=users["practitioner"]).acknowledged_at is not None
    with pytest.raises(ServiceError, match="not sent to you"):
        services.brief_acknowledge(brief=brief, user=UserFactory(role="practitioner"))


def test_a_brief_needs_teams_and_learning(users):
    lead = users["quality_lead"]
    with pytest.raises(ServiceError, match="Say what was learned"):
        services.brief_save(user=lead, title="Empty", learning="")
    brief = services.brief_save(user=lead, title="No teams", learning="Something")
    with pytest.raises(ServiceError, match="at least one team"):
        services.brief_send(brief=brief, user=lead)


def test_acknowledging_through_the_page(login, users, team):
    lead = users["quality_lead"]
    brief = services.brief_save(
        user=lead, title="Briefing", learning="Ask about hoarding", teams=[team]
    )
    services.brief_send(brief=brief, user=lead)
    client = login(users["practitioner"])
    page = client.get(brief.get_absolute_url()).content.decode()
    assert "I have read this" in page and "Ask about hoarding" in page
    client.post(reverse("learning:brief_acknowledge", args=[brief.pk]))
    assert "You confirmed you read this" in client.get(brief.get_absolute_url()).content.decode()
    lead_page = login(lead).get(brief.get_absolute_url()).content.decode()
    assert "1 of 5 have confirmed they read it" in lead_page
    pdf = client.get(reverse("learning:brief_pdf", args=[brief.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_reminders_before_due_when_overdue_and_escalation_once(users):
    owner, manager = users["practitioner"], users["manager"]
    owner.line_manager = manager
    owner.save()
    soon = f.action(owner, title="Due soon", due=workdays.add_working_days(TODAY, 2))
    late = f.action(
        owner,
        title="A bit late",
        start=TODAY - dt.timedelta(days=60),
        due=workdays.add_working_days(TODAY, -2),
    )
    very = f.action(
        owner,
        title="Very late",
        start=TODAY - dt.timedelta(days=90),
        due=workdays.add_working_days(TODAY, -8),
    )
    f.action(owner, title="Far off", due=TODAY + dt.timedelta(days=60))
    sent = reminders.send_action_reminders(TODAY)
    assert sent == {"due_soon": 1, "overdue": 2, "escalated": 1}
    subjects = sorted(m.subject for m in mail.outbox)
    assert f"Action due soon: {soon.reference}" in subjects
    escalation = next(m for m in mail.outbox if m.subject.startswith("Escalation"))
    assert escalation.to == [manager.email] and very.reference in escalation.subject
    assert "overdue by 8 working days" in escalation.body
    mail.outbox.clear()
    assert reminders.send_action_reminders(TODAY) == {}  # each is sent once
    assert not mail.outbox
    # a new due date starts the reminders again
    services.action_update(action=late, user=manager, due_on=workdays.add_working_days(TODAY, 1))
    assert reminders.send_action_reminders(TODAY) == {"due_soon": 1}
    assert ActionReminder.objects.filter(action=late).count() == 2


def test_escalation_falls_back_to_the_team_manager_or_the_setter(users):
    owner = UserFactory(role="practitioner", team=TeamFactory(name="Lonely team"))
    action = f.action(owner, created_by=users["quality_lead"])
    assert reminders.escalation_to(action) == users["quality_lead"]
    action.team.manager = users["manager"]
    action.team.save()
    assert reminders.escalation_to(action) == users["manager"]


def test_remedy_and_brief_reminders(users, team):
    lead = users["quality_lead"]
    case = f.lgsco_case(lead, officer=users["manager"])
    services.lgsco_remedy_add(
        case=case,
        kind="apology",
        description="Apologise",
        due_on=workdays.add_working_days(TODAY, 3),
    )
    assert reminders.send_remedy_reminders(TODAY) == 1
    assert reminders.send_remedy_reminders(TODAY) == 0
    assert mail.outbox[-1].to == [users["manager"].email]
    brief = services.brief_save(
        user=lead, title="B", learning="L", teams=[team], read_by=TODAY - dt.timedelta(days=1)
    )
    services.brief_send(brief=brief, user=lead)
    services.brief_acknowledge(brief=brief, user=users["manager"])
    assert reminders.send_brief_reminders(TODAY) == 4
    assert reminders.send_brief_reminders(TODAY) == 0
    assert BriefRecipient.objects.filter(reminded_at__isnull=False).count() == 4


def test_the_daily_job_is_scheduled_and_runs(users):
    assert [job.task for job in SCHEDULE] == ["careloop.learning.tasks.send_reminders"]
    f.action(
        users["manager"], start=TODAY - dt.timedelta(days=30), due=TODAY - dt.timedelta(days=1)
    )
    result = send_reminders.enqueue()
    assert result.return_value["overdue"] == 1


def test_the_annual_report_counts_the_year(login, users):
    from careloop.feedback.models import Feedback

    year_start = report.year_start_for(TODAY) - 1
    start = dt.date(year_start, 4, 1)
    for i, outcome in enumerate(["upheld", "partly_upheld", "not_upheld", ""]):
        Feedback.objects.create(
            reference=f"FB-R-{i}",
            kind="complaint",
            channel="email",
            received_on=start + dt.timedelta(days=30 * i),
            text="x",
            outcome=outcome,
            responded_on=start + dt.timedelta(days=30 * i + 10) if outcome else None,
            lgsco_referred_on=start + dt.timedelta(days=200) if i == 0 else None,
        )
    owner = users["manager"]
    action = f.done_action(
        owner,
        title="Financial assessment training",
        start=start,
        due=start + dt.timedelta(days=300),
    )
    services.action_sign_off(action=action, user=users["quality_lead"])
    type(action).objects.filter(pk=action.pk).update(signed_off_on=start + dt.timedelta(days=100))
    context = report.build(year_start)
    assert context["feedback"]["complaints"] == 4
    assert context["feedback"]["well_founded"] == 2
    assert context["feedback"]["referred"] == 1
    assert [row["action"].title for row in context["improvements"]] == [
        "Financial assessment training"
    ]
    client = login(users["viewer"])
    page = client.get(reverse("learning:report_year", args=[year_start])).content.decode()
    assert (
        "Well-founded (upheld or partly upheld)" in page and "Financial assessment training" in page
    )
    pdf = client.get(reverse("learning:report_pdf", args=[year_start]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_evidence_facts_hide_restricted_detail(users):
    from careloop.learning.models import Review

    lead = users["quality_lead"]
    sar = f.review(
        lead, title="SAR Adult Q: hoarding", kind=Review.Kind.SAR, summary="Secret detail"
    )
    f.action(lead, recommendation=f.recommendation(sar, "Hoarding training"))
    services.lgsco_year_save(
        year_start=2024, complaints_made=36, decided=30, detailed_investigations=22, upheld=19
    )
    facts = {fact.key: fact for fact in evidence.facts()}
    sar_fact = facts[f"learning:review:{sar.pk}"]
    assert "Adult Q" not in sar_fact.title and "Secret" not in sar_fact.summary
    assert 7 in sar_fact.statements and sar_fact.figures["actions"] == 1
    lgsco = facts["learning:lgsco:2024-25"]
    assert "36 complaints were made" in lgsco.summary and "19 were upheld" in lgsco.summary
    assert lgsco.figures["upheld_rate"] == 86.4
