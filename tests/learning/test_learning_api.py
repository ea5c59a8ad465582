"""The API for reviews, recommendations and actions: same rules, 4xx with a reason."""

import datetime as dt

import pytest

from careloop.learning.models import Action
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_create_review_recommendation_and_action(api, users):
    client = api(users["quality_lead"])
    review = client.post(
        "/api/v1/reviews/",
        {
            "title": "Ofsted: care leavers",
            "kind": "inspection",
            "inspection_body": "ofsted",
            "started_on": str(TODAY),
        },
        content_type="application/json",
    )
    assert review.status_code == 201, review.json()
    rec = client.post(
        "/api/v1/recommendations/",
        {"review": review.json()["id"], "text": "Plan for adulthood from 16"},
        content_type="application/json",
    )
    assert rec.status_code == 201 and rec.json()["number"] == 1
    action = client.post(
        "/api/v1/actions/",
        {
            "title": "Update pathway plans",
            "owner": users["manager"].pk,
            "due_on": str(TODAY + dt.timedelta(days=90)),
            "recommendation": rec.json()["id"],
        },
        content_type="application/json",
    )
    assert action.status_code == 201, action.json()
    body = action.json()
    assert body["origin"] == "review" and body["status"] == "not_started"
    assert body["reference"].startswith("A-")


def test_bad_input_answers_400_with_a_reason(api, users):
    client = api(users["quality_lead"])
    response = client.post(
        "/api/v1/actions/",
        {
            "title": "X",
            "owner": users["manager"].pk,
            "start_on": str(TODAY),
            "due_on": str(TODAY - dt.timedelta(days=1)),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "due date must be the same as or after the start" in str(response.json())
    action = f.action(users["manager"])
    response = client.patch(
        f"/api/v1/actions/{action.pk}/", {"status": "closed"}, content_type="application/json"
    )
    assert response.status_code == 400 and "status" in response.json()
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_the_owner_cannot_sign_off_through_the_api_either(api, users):
    action = f.done_action(users["manager"])
    response = api(users["manager"]).post(
        f"/api/v1/actions/{action.pk}/sign-off/", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "someone else must sign off" in response.json()["detail"]


def test_evidence_with_figures_through_the_api(api, users):
    action = f.action(users["practitioner"])
    client = api(users["practitioner"])
    response = client.post(
        f"/api/v1/actions/{action.pk}/evidence/",
        {
            "title": "Completion",
            "figures": [{"label": "Staff trained", "value": "142", "out_of": "160"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["figures"][0]["label"] == "Staff trained"
    done = client.post(
        f"/api/v1/actions/{action.pk}/complete/",
        {"note": "Delivered"},
        content_type="application/json",
    )
    assert done.json()["status"] == "done"


def test_overdue_filter_and_restricted_records_hidden(api, users):
    late = f.action(
        users["manager"], start=TODAY - dt.timedelta(days=20), due=TODAY - dt.timedelta(days=2)
    )
    f.action(users["manager"], title="Later")
    hidden = f.action(users["quality_lead"], title="Secret", is_restricted=True)
    client = api(users["viewer"])
    ids = [a["id"] for a in client.get("/api/v1/actions/?status=overdue").json()["results"]]
    assert ids == [late.pk]
    assert client.get(f"/api/v1/actions/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/actions/{late.pk}/").json()["effective_status"] == "overdue"
