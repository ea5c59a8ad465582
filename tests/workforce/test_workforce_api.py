"""The API: the catalogue, completions, supervisions and registrations, with the pages' rules."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from careloop.workforce.models import Completion, Course
from tests.workforce.factories import CompletionFactory, CourseFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def results(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def test_a_manager_adds_a_course_and_a_practitioner_may_not(api, users):
    api.force_authenticate(users["manager"])
    response = api.post(
        "/api/v1/courses/",
        {
            "title": "Safeguarding adults",
            "kind": "elearning",
            "provider": "Academy",
            "mandatory": True,
            "renewal_months": 36,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Course.objects.get().renewal_months == 36
    api.force_authenticate(users["practitioner"])
    response = api.post("/api/v1/courses/", {"title": "X"}, format="json")
    assert response.status_code == 403 and response.json()["detail"]


def test_completions_follow_the_rules_and_answer_400_with_a_reason(api, users):
    course = CourseFactory(renewal_months=12)
    api.force_authenticate(users["practitioner"])
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = api.post(
        "/api/v1/training-completions/",
        {"person": users["practitioner"].pk, "course": course.pk, "completed_on": future},
        format="json",
    )
    assert response.status_code == 400
    assert "future" in response.json()["detail"]
    response = api.post(
        "/api/v1/training-completions/",
        {"person": users["manager"].pk, "course": course.pk, "completed_on": "2026-01-05"},
        format="json",
    )
    assert response.status_code == 400 and "only your own" in response.json()["detail"]
    response = api.post(
        "/api/v1/training-completions/",
        {"person": users["practitioner"].pk, "course": course.pk, "completed_on": "2026-01-05"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["expires_on"] == "2027-01-05"
    assert Completion.objects.count() == 1


def test_a_practitioner_sees_only_their_own_completions_and_registration(api, users):
    CompletionFactory(person=users["practitioner"])
    CompletionFactory(person=users["manager"])
    RegistrationFactory(person=users["practitioner"])
    RegistrationFactory(person=users["manager"])
    api.force_authenticate(users["practitioner"])
    rows = results(api.get("/api/v1/training-completions/"))
    assert [r["person"] for r in rows] == [users["practitioner"].pk]
    rows = results(api.get("/api/v1/registrations/"))
    assert [r["person"] for r in rows] == [users["practitioner"].pk]
    api.force_authenticate(users["manager"])
    assert len(results(api.get("/api/v1/training-completions/"))) == 2
    api.force_authenticate(users["viewer"])
    assert api.get("/api/v1/training-completions/").status_code == 403


def test_supervisions_cannot_be_written_through_the_api(api, users):
    api.force_authenticate(users["manager"])
    response = api.post("/api/v1/supervisions/", {}, format="json")
    assert response.status_code in (403, 405)
