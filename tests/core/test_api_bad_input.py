"""The probe's 500s (issue 20, item 10): each bad request is a clear 4xx with a reason."""

import pytest
from rest_framework import exceptions
from rest_framework.test import APIClient

from careloop.core.api import exception_handler
from careloop.core.models import Directorate
from tests.feedback.factories import make_feedback
from tests.innovation.factories import PilotFactory
from tests.learning.factories import action
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


HUGE = "9" * 20


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/actions/", "owner"),
        ("/api/v1/pilot-measures/", "pilot"),
        ("/api/v1/pilot-figures/", "measure"),
        ("/api/v1/coproduction-involvement/", "project"),
    ],
)
@pytest.mark.parametrize("value", ["abc", HUGE, ""])
def test_an_id_filter_that_is_no_record_number_is_refused(users, path, name, value):
    response = api(users["admin"]).get(path, {name: value})
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/feedback/", "status"),
        ("/api/v1/feedback/", "kind"),
        ("/api/v1/feedback/", "due"),
        ("/api/v1/actions/", "status"),
        ("/api/v1/pilots/", "status"),
        ("/api/v1/you-said-we-did/", "status"),
    ],
)
def test_a_choice_filter_outside_its_choices_is_refused(users, path, name):
    response = api(users["admin"]).get(path, {name: "AAA"})
    assert response.status_code == 400
    assert name in response.json()


def test_an_empty_date_filter_is_refused(users):
    response = api(users["admin"]).get("/api/v1/feedback/", {"received_to": ""})
    assert response.status_code == 400


def test_an_id_filter_still_filters(users):
    mine = action(users["admin"], title="Mine")
    action(users["manager"], title="Theirs")
    response = api(users["admin"]).get("/api/v1/actions/", {"owner": users["admin"].pk})
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_a_number_sent_for_a_text_field_is_refused_and_nothing_written(users):
    response = api(users["admin"]).post("/api/v1/directorates/", {"name": 0}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
    assert not Directorate.objects.filter(name="0").exists()


def test_a_refusal_outside_a_serializer_is_still_an_object_with_detail():
    response = exception_handler(exceptions.ValidationError("Choose a month"), {})
    assert response.status_code == 400
    assert response.data == {"detail": "Choose a month"}


def test_every_operation_documents_its_refusals_in_the_error_format(users):
    schema = api(users["admin"]).get("/api/v1/schema/", {"format": "json"}).json()
    assert "Error" in schema["components"]["schemas"]
    for operations in schema["paths"].values():
        for method, operation in operations.items():
            assert {"400", "401", "403", "404"} <= set(operation["responses"]), method
    assert "Review" in schema["components"]["schemas"]
    assert "ThemeReview" in schema["components"]["schemas"]


def test_a_page_filter_by_a_huge_owner_id_lists_nothing(login, users):
    action(users["admin"])
    response = login(users["admin"]).get("/learning/actions/", {"owner": HUGE})
    assert response.status_code == 200
    assert "Financial assessment training" not in response.content.decode()


def test_a_new_statement_from_a_huge_contribution_id_is_a_blank_form(login, users):
    response = login(users["admin"]).get("/coproduction/statements/new/", {"contribution": HUGE})
    assert response.status_code == 200


def test_a_page_id_too_big_for_the_database_is_not_found(login, users):
    response = login(users["admin"]).get("/feedback/99999999999999999999/")
    assert response.status_code == 404
