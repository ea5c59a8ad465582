"""Coproduction pages, and the public "You said, we did" pages that need no sign-in and never
show participants' personal details."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.coproduction.models import (
    FeedbackWindow,
    Group,
    Participant,
    Stage,
    Statement,
)
from careloop.core import workdays
from careloop.core.areas import evidence_facts, my_work
from tests.coproduction.factories import (
    ContributionFactory,
    GroupFactory,
    InvolvementFactory,
    ParticipantFactory,
    ProjectFactory,
    StatementFactory,
    WindowFactory,
)

pytestmark = pytest.mark.django_db


# --- Public pages ---------------------------------------------------------------------------------
def test_the_public_page_needs_no_sign_in_and_lists_only_published_statements(client):
    StatementFactory(title="Help with breaks", topic="Carers")
    StatementFactory(title="Still a draft", status=Statement.Status.DRAFT)
    StatementFactory(title="Taken down", status=Statement.Status.WITHDRAWN)
    response = client.get(reverse("coproduction:public_index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Help with breaks" in body and "Carers" in body
    assert "Still a draft" not in body and "Taken down" not in body
    assert "Sign out" not in body


def test_the_easy_read_version_uses_the_easy_read_words(client):
    statement = StatementFactory(
        you_said="Carers told us that respite arrangements were difficult to organise.",
        easy_read_you_said="You said breaks are hard to book.",
    )
    url = reverse("coproduction:public_show", args=[statement.pk])
    standard = client.get(url).content.decode()
    easy = client.get(url + "?format=easy-read").content.decode()
    assert "respite arrangements" in standard and "breaks are hard to book" not in standard
    assert "breaks are hard to book" in easy and "careloop-easy-read" in easy
    assert "Show the standard version" in easy


def test_filtering_the_public_page_by_topic(client):
    StatementFactory(title="Breaks", topic="Carers")
    StatementFactory(title="Letters", topic="Information and advice")
    body = client.get(reverse("coproduction:public_index") + "?topic=Carers").content.decode()
    assert "Breaks" in body and "Letters</a>" not in body
    unknown = client.get(reverse("coproduction:public_index") + "?topic=Nope").content.decode()
    assert "Breaks" in unknown and "Letters" in unknown  # unknown topic: everything


def test_public_pages_are_read_only(client):
    statement = StatementFactory()
    assert client.post(reverse("coproduction:public_index")).status_code == 405
    assert client.post(reverse("coproduction:public_show", args=[statement.pk])).status_code == 405


# --- Staff pages ----------------------------------------------------------------------------------
def test_the_involvement_map_names_people_only_to_those_who_may_see_participants(login, users):
    project = ProjectFactory(drafted_on=dt.date.today() - dt.timedelta(days=10))
    group = GroupFactory(name="Autism Voices")
    person = ParticipantFactory(full_name="Rachel Byrne")
    InvolvementFactory(
        project=project,
        group=group,
        stage=Stage.DECIDING,
        rung=2,
        started_on=dt.date.today() - dt.timedelta(days=5),
    )
    InvolvementFactory(
        project=project,
        group=None,
        participant=person,
        stage=Stage.DECIDING,
        rung=2,
        started_on=dt.date.today() - dt.timedelta(days=3),
    )
    manager = login(users["manager"]).get(project.get_absolute_url()).content.decode()
    assert "Rachel Byrne" in manager and "Autism Voices" in manager
    assert "People were involved late" in manager and "Consulting" in manager
    viewer = login(users["viewer"]).get(project.get_absolute_url()).content.decode()
    assert "Rachel Byrne" not in viewer and "Autism Voices" in viewer
    assert "1 person taking part as themselves" in viewer


def test_a_short_window_without_a_reason_shows_the_error_and_keeps_the_input(login, users):
    project = ProjectFactory()
    group = GroupFactory(kind=Group.Kind.DISABLED)
    opens = dt.date(2026, 3, 2)
    closes = workdays.add_working_days(opens, 10)
    data = {
        "title": "The draft strategy",
        "group": group.pk,
        "opens_on_0": opens.day,
        "opens_on_1": opens.month,
        "opens_on_2": opens.year,
        "closes_on_0": closes.day,
        "closes_on_1": closes.month,
        "closes_on_2": closes.year,
        "formats": "Easy read",
        "short_reason": "",
    }
    client = login(users["manager"])
    url = reverse("coproduction:window_new", args=[project.pk])
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "the policy minimum for lived-experience groups is 20 working days" in body
    assert 'value="The draft strategy"' in body and not FeedbackWindow.objects.exists()
    response = client.post(url, {**data, "short_reason": "Cabinet deadline"}, follow=True)
    assert "shorter than the policy minimum of 20 working days" in response.content.decode()
    assert FeedbackWindow.objects.get().is_short


def test_publishing_a_statement_with_a_name_in_it_is_refused_on_the_page(login, users):
    ParticipantFactory(full_name="Owen Pryce")
    statement = StatementFactory(status="draft", we_did="Owen Pryce rewrote the letters.")
    client = login(users["quality_lead"])
    response = client.post(
        reverse("coproduction:statement_publish", args=[statement.pk, "publish"]), follow=True
    )
    assert "Remove personal details before publishing" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == "draft"


def test_a_participant_must_have_a_way_to_be_contacted(login, users):
    response = login(users["manager"]).post(
        reverse("coproduction:participant_new"),
        {
            "full_name": "Ann Lee",
            "contact_preference": "email",
            "payment_preference": "paid",
            "consent": "on",
            "consent_on_0": "1",
            "consent_on_1": "3",
            "consent_on_2": "2026",
        },
    )
    assert (
        "Enter an email address, or choose another way to contact them" in response.content.decode()
    )
    assert not Participant.objects.exists()


def test_group_contacts_are_for_people_who_run_coproduction(login, users):
    group = GroupFactory(contact_name="Forum secretary", contact_email="sec@forum.example")
    assert (
        "sec@forum.example"
        in login(users["manager"]).get(group.get_absolute_url()).content.decode()
    )
    assert (
        "sec@forum.example"
        not in login(users["practitioner"]).get(group.get_absolute_url()).content.decode()
    )


def test_writing_a_statement_from_what_people_said(login, users):
    contribution = ContributionFactory(
        said="Breaks are hard.", outcome="changed", what_changed="A line opened."
    )
    body = (
        login(users["manager"])
        .get(reverse("coproduction:statement_new") + f"?contribution={contribution.pk}")
        .content.decode()
    )
    assert "Breaks are hard." in body and "A line opened." in body


def test_my_work_and_evidence(users):
    lead = users["manager"]
    project = ProjectFactory(lead=lead, drafted_on=dt.date.today() - dt.timedelta(days=30))
    WindowFactory(project=project, title="Closed, nothing recorded")
    ContributionFactory(project=project)
    titles = [i.title for i in my_work(lead) if i.area == "Coproduction"]
    assert "Record what people said: Closed, nothing recorded" in titles
    assert any(t.startswith("Say what changed: 1 comment") for t in titles)
    fact = next(f for f in evidence_facts() if f.key == f"coproduction:project:{project.pk}")
    assert fact.category == "people" and fact.statements == (9, 3)
    assert "Involvement was late" in fact.summary and fact.figures["late"] is True


def test_what_we_did_can_name_the_action_that_did_it_on_staff_pages_only(login, users, client):
    from careloop.learning.services import action_create

    project = ProjectFactory(title="Carers strategy")
    action = action_create(
        source=project,
        title="Open a carers' break booking line",
        owner=users["manager"],
        due=dt.date.today() + dt.timedelta(days=30),
        created_by=users["manager"],
    )
    statement = StatementFactory(title="Breaks", action=action, project=project)
    staff = login(users["viewer"]).get(statement.get_absolute_url()).content.decode()
    assert "Open a carers&#x27; break booking line" in staff and action.reference in staff
    public = client.get(reverse("coproduction:public_show", args=[statement.pk])).content.decode()
    assert action.reference not in public and "Open a carers" not in public
    form = login(users["manager"]).get(reverse("coproduction:statement_edit", args=[statement.pk]))
    assert f"{action.reference}: Open a carers" in form.content.decode()


def test_an_action_is_raised_from_a_project_on_the_learning_page(login, users):
    project = ProjectFactory(title="Carers strategy")
    manager = login(users["manager"])
    page = manager.get(project.get_absolute_url()).content.decode()
    raise_url = reverse("learning:action_raise") + f"?source=coproduction.project:{project.pk}"
    assert raise_url.replace(":", "%3A") in page and "Raise an action" in page
    due = dt.date.today() + dt.timedelta(days=30)
    response = manager.post(
        raise_url,
        {
            "title": "Write the delivery plan with carers",
            "owner": users["manager"].pk,
            "priority": "medium",
            "due_0": due.day,
            "due_1": due.month,
            "due_2": due.year,
        },
    )
    assert response["Location"] == project.get_absolute_url() + "#actions"
    viewer = login(users["viewer"]).get(project.get_absolute_url()).content.decode()
    assert "Write the delivery plan with carers" in viewer and "Raise an action" not in viewer
