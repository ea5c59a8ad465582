"""The coproduction API."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from careloop.coproduction.models import Statement
from careloop.core import workdays
from tests.coproduction.factories import (
    GroupFactory,
    InvolvementFactory,
    ParticipantFactory,
    ProjectFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return as_user


def test_a_project_shows_who_was_involved_and_whether_it_was_late(api, users):
    project = ProjectFactory(drafted_on=dt.date(2026, 1, 1), started_on=dt.date(2025, 9, 1))
    person = ParticipantFactory()
    InvolvementFactory(project=project, stage="deciding", rung=2, started_on=dt.date(2026, 3, 2))
    InvolvementFactory(
        project=project,
        group=None,
        participant=person,
        stage="deciding",
        rung=2,
        started_on=dt.date(2026, 3, 3),
    )
    viewer = api(users["viewer"]).get(f"/api/v1/coproduction-projects/{project.pk}/").json()
    assert viewer["late_involvement"][0].startswith("People were first involved on 2 March 2026")
    rows = viewer["involvements"]
    assert {r["stage_label"] for r in rows} == {"Deciding"}
    individual = next(r for r in rows if r["is_participant"])
    assert individual["participant"] is None  # who it was is not for a viewer
    manager = api(users["manager"]).get(f"/api/v1/coproduction-projects/{project.pk}/").json()
    assert (
        next(r for r in manager["involvements"] if r["is_participant"])["participant"] == person.pk
    )


def test_only_people_who_see_participants_involve_them(api, users):
    project = ProjectFactory()
    person = ParticipantFactory()
    body = {
        "project": project.pk,
        "participant": person.pk,
        "stage": "defining",
        "rung": 5,
        "started_on": str(dt.date.today()),
    }
    assert (
        api(users["practitioner"])
        .post("/api/v1/coproduction-involvement/", body, format="json")
        .status_code
        == 403
    )
    assert (
        api(users["manager"])
        .post("/api/v1/coproduction-involvement/", body, format="json")
        .status_code
        == 201
    )
    again = api(users["manager"]).post("/api/v1/coproduction-involvement/", body, format="json")
    assert again.status_code == 400


def test_a_short_window_through_the_api_needs_a_reason(api, users):
    project = ProjectFactory()
    group = GroupFactory()
    opens = dt.date(2026, 3, 2)
    body = {
        "project": project.pk,
        "group": group.pk,
        "title": "Draft",
        "opens_on": str(opens),
        "closes_on": str(workdays.add_working_days(opens, 5)),
    }
    response = api(users["manager"]).post("/api/v1/feedback-windows/", body, format="json")
    assert response.status_code == 400 and "policy minimum" in response.json()["short_reason"][0]
    response = api(users["manager"]).post(
        "/api/v1/feedback-windows/", {**body, "short_reason": "Deadline"}, format="json"
    )
    assert response.status_code == 201 and response.json()["is_short"] is True
    assert response.json()["policy_minimum"] == 20


def test_statements_are_written_then_published_by_a_lead(api, users):
    body = {
        "title": "Breaks",
        "topic": "Carers",
        "you_said": "Hard to book.",
        "we_did": "A booking line.",
        "source": "coproduction",
    }
    response = api(users["manager"]).post("/api/v1/you-said-we-did/", body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "draft"
    pk = response.json()["id"]
    assert api(users["manager"]).post(f"/api/v1/you-said-we-did/{pk}/publish/").status_code == 403
    published = api(users["quality_lead"]).post(f"/api/v1/you-said-we-did/{pk}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"


def test_publishing_personal_details_through_the_api_is_refused(api, users):
    ParticipantFactory(full_name="Grace Okoye")
    statement = StatementFactory(status=Statement.Status.DRAFT, you_said="Grace Okoye said so.")
    response = api(users["quality_lead"]).post(f"/api/v1/you-said-we-did/{statement.pk}/publish/")
    assert response.status_code == 400 and "Grace Okoye" in response.json()["you_said"][0]


def test_a_statement_links_to_feedback_themes_shown_by_name_on_the_public_page(api, users, client):
    from careloop.themes.models import Theme

    first, second = Theme.objects.active()[:2]
    body = {
        "title": "Charging letters",
        "topic": "Money",
        "you_said": "Letters about charges were hard to follow.",
        "we_did": "We rewrote them with people who get them.",
        "source": "feedback",
        "themes": [first.pk, second.pk],
    }
    response = api(users["manager"]).post("/api/v1/you-said-we-did/", body, format="json")
    assert response.status_code == 201, response.json()
    assert sorted(response.json()["themes"]) == sorted([first.pk, second.pk])
    statement = Statement.objects.get(pk=response.json()["id"])
    assert set(statement.themes.all()) == {first, second}
    bad = api(users["manager"]).patch(
        f"/api/v1/you-said-we-did/{statement.pk}/", {"themes": [999999]}, format="json"
    )
    assert bad.status_code == 400 and "themes" in bad.json()
    api(users["quality_lead"]).post(f"/api/v1/you-said-we-did/{statement.pk}/publish/")
    public = client.get(statement.get_public_url()).content.decode()
    assert first.name in public and second.name in public
    assert first.get_absolute_url() not in public and first.description not in public
    # Unlinking through the API leaves no themes.
    api(users["manager"]).patch(
        f"/api/v1/you-said-we-did/{statement.pk}/", {"themes": []}, format="json"
    )
    assert not statement.themes.exists()
    assert "Feedback themes:" not in client.get(statement.get_public_url()).content.decode()


def test_the_statement_form_offers_feedback_themes(client, users):
    from django.urls import reverse

    from careloop.themes.models import Theme

    theme = Theme.objects.active().first()
    statement = StatementFactory(title="Breaks")
    client.force_login(users["manager"])
    page = client.get(reverse("coproduction:statement_edit", args=[statement.pk])).content
    assert f'value="{theme.pk}"' in page.decode() and 'name="themes"' in page.decode()
