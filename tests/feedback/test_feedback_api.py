"""The feedback API: the pages' permissions, checks and conflict detection."""

import datetime as dt

from django.urls import reverse

from careloop.feedback.models import Feedback
from tests.feedback.factories import make_feedback

LIST = "/api/v1/feedback/"


def test_list_is_filtered_and_restricted(login, users):
    make_feedback(summary="Open one", kind="complaint")
    make_feedback(summary="Kind words", kind="compliment")
    make_feedback(summary="Secret", is_restricted=True, restriction_reason="Safeguarding")
    client = login(users["manager"])
    data = client.get(LIST).json()
    assert {r["summary"] for r in data["results"]} == {"Open one", "Kind words"}
    assert [r["summary"] for r in client.get(LIST, {"kind": "compliment"}).json()["results"]] == [
        "Kind words"
    ]
    assert client.get(LIST, {"received_from": "nonsense"}).status_code == 400
    lead = login(users["quality_lead"])
    assert lead.get(LIST).json()["count"] == 3


def test_create_uses_the_service_and_its_checks(login, users, team):
    client = login(users["practitioner"])
    good = {
        "kind": "complaint",
        "channel": "phone",
        "received_on": "2026-03-02",
        "text": "My dad's review never happened.",
        "team": team.pk,
    }
    response = client.post(LIST, good, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (
        body["reference"].startswith("FB-2026-") and body["acknowledgement_due_on"] == "2026-03-05"
    )
    item = Feedback.objects.get()
    assert item.service == team.service and item.created_by == users["practitioner"]
    bad = {
        **good,
        "received_on": str(dt.date.today() + dt.timedelta(days=3)),
        "kind": "ombudsman",
    }
    response = client.post(LIST, bad, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()
    assert "received_on" in errors and "complaint" in errors
    blank = client.post(LIST, {**good, "text": " "}, content_type="application/json")
    assert blank.status_code == 400 and "text" in blank.json()
    assert Feedback.objects.count() == 1


def test_update_needs_the_version_and_a_stale_one_is_a_409(login, users):
    item = make_feedback(summary="First")
    client = login(users["quality_lead"])
    url = f"{LIST}{item.pk}/"
    assert client.patch(url, {"summary": "X"}, content_type="application/json").status_code == 400
    ok = client.patch(url, {"summary": "Second", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, {"summary": "Third", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert Feedback.objects.get(pk=item.pk).summary == "Second"
    text = client.patch(url, {"text": "Rewritten", "version": 2}, content_type="application/json")
    assert text.status_code == 400 and "kept as written" in str(text.json())


def test_permissions(login, users):
    item = make_feedback(is_restricted=True, restriction_reason="Safeguarding")
    assert login(users["viewer"]).get(LIST).status_code == 403
    practitioner = login(users["practitioner"])
    assert practitioner.get(f"{LIST}{item.pk}/").status_code == 404
    open_item = make_feedback()
    response = practitioner.patch(
        f"{LIST}{open_item.pk}/", {"summary": "x", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    assert reverse("feedback-list") == LIST
