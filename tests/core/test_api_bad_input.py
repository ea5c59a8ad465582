"""The probe's 500s (issue 20, item 10): each bad request is a clear 4xx with a reason."""

from rest_framework.test import APIClient

from tests.feedback.factories import make_feedback
from tests.innovation.factories import PilotFactory
from tests.workforce.factories import CourseFactory


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_record_id_that_is_not_a_number_is_not_found(users):
    response = api(users["admin"]).get("/api/v1/feedback/abc/")
    assert response.status_code == 404 and response.json()["detail"]


def test_a_filter_id_too_big_for_the_database_is_refused(users):
    response = api(users["admin"]).get("/api/v1/feedback/", {"team": "9" * 20})
    assert response.status_code == 400
    assert "team" in response.json()


def test_a_theme_id_too_big_for_the_database_is_refused(users):
    item = make_feedback(users["admin"])
    response = api(users["admin"]).post(
        f"/api/v1/feedback/{item.pk}/themes/", {"themes": [10**20]}, format="json"
    )
    assert response.status_code == 400
    assert "themes" in response.json()


def test_an_evaluation_without_its_kind_is_refused(users):
    pilot = PilotFactory()
    response = api(users["admin"]).post(
        "/api/v1/pilot-evaluations/",
        {"pilot": pilot.pk, "data_to": "2026-01-31", "summary": "Going well"},
        format="json",
    )
    assert response.status_code == 400
    assert "kind" in response.json()


def test_a_course_audience_of_null_in_a_form_upload_is_refused(users):
    course = CourseFactory()
    response = api(users["admin"]).patch(
        f"/api/v1/courses/{course.pk}/", {"audience_stages": "null"}, format="multipart"
    )
    assert response.status_code == 400
    assert "audience_stages" in response.json()
