"""Pages of Learn and act: forms keep input and show GOV.UK errors; rules show as errors."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.learning.models import Action, Review
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_due_date_before_the_start_shows_an_error_and_keeps_input(login, users):
    client = login(users["manager"])
    data = {
        "title": "Rewrite the charging leaflet",
        "owner": users["practitioner"].pk,
        "priority": "high",
        **date_fields("start_on", TODAY),
        **date_fields("due_on", TODAY - dt.timedelta(days=3)),
    }
    response = client.post(reverse("learning:action_new"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The due date must be the same as or after the start date" in body
    assert 'value="Rewrite the charging leaflet"' in body
    assert not Action.objects.exists()


def test_creating_an_action_for_a_recommendation(login, users):
    review = f.review(users["quality_lead"])
    rec = f.recommendation(review)
    client = login(users["quality_lead"])
    url = reverse("learning:action_new") + f"?recommendation={rec.pk}"
    assert "For recommendation 1" in client.get(url).content.decode()
    data = {
        "recommendation": rec.pk,
        "title": "Financial assessment training",
        "owner": users["manager"].pk,
        "priority": "medium",
        **date_fields("start_on", TODAY),
        **date_fields("due_on", TODAY + dt.timedelta(days=60)),
    }
    response = client.post(reverse("learning:action_new"), data)
    action = Action.objects.get()
    assert response.status_code == 302 and response.url == action.get_absolute_url()
    assert action.recommendation == rec and action.created_by == users["quality_lead"]
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Financial assessment training" in page


def test_signing_off_your_own_action_shows_why_not(login, users):
    action = f.done_action(users["manager"])
    client = login(users["manager"])
    response = client.post(reverse("learning:action_sign_off", args=[action.pk]), {"note": "ok"})
    assert response.status_code == 200
    assert (
        "You own this action, so someone else must sign off its closure"
        in response.content.decode()
    )
    assert Action.objects.get(pk=action.pk).status == "done"


def test_marking_done_without_evidence_shows_why_not(login, users):
    action = f.action(users["practitioner"])
    client = login(users["practitioner"])
    response = client.post(reverse("learning:action_complete", args=[action.pk]), {"note": "Done"})
    assert "Add evidence of what was done" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_evidence_form_needs_something(login, users):
    action = f.action(users["practitioner"])
    client = login(users["practitioner"])
    response = client.post(reverse("learning:action_evidence", args=[action.pk]), {"title": "x"})
    assert "Upload a file, give a web link or enter a figure" in response.content.decode()
    response = client.post(
        reverse("learning:action_evidence", args=[action.pk]),
        {"figure_label": "Staff trained", "figure_value": "12", "figure_out_of": "20"},
    )
    assert response.status_code == 302
    assert "12 of 20 (60%)" in client.get(action.get_absolute_url()).content.decode()


def test_review_form_rules(login, users):
    client = login(users["quality_lead"])
    data = {
        "title": "SAR Adult Q",
        "kind": "sar",
        "status": "in_progress",
        **date_fields("started_on", TODAY),
    }
    body = client.post(reverse("learning:review_new"), data).content.decode()
    assert "Say whether the review is mandatory or discretionary" in body
    assert not Review.objects.exists()
    data["sar_basis"] = "mandatory"
    data["is_restricted"] = "on"
    response = client.post(reverse("learning:review_new"), data)
    review = Review.objects.get()
    assert response.status_code == 302 and review.is_restricted


def test_restricted_recommendation_is_not_shown_on_an_action(login, users):
    sar = f.review(users["quality_lead"], title="SAR Adult Q", kind=Review.Kind.SAR)
    rec = f.recommendation(sar, "Hoarding and self-neglect training")
    action = f.action(users["manager"], recommendation=rec, title="Hoarding training")
    body = login(users["manager"]).get(action.get_absolute_url()).content.decode()
    assert "Hoarding training" in body
    assert "A recommendation of a restricted review" in body
    assert "SAR Adult Q" not in body
