"""The innovation API: same rules as the pages, 4xx with a reason, never a 500."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from careloop.innovation.models import Evaluation, Pilot, Reading
from tests.innovation.factories import MeasureFactory, PilotFactory, ReadingFactory, months_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return as_user


PILOT = {
    "title": "Night support",
    "problem": "P",
    "idea": "I",
    "hypothesis": "H",
    "cohort": "C",
    "design": "before_after",
}


def test_pilots_are_proposed_through_the_api_by_people_who_run_them(api, users):
    response = api(users["manager"]).post("/api/v1/pilots/", PILOT, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "proposed"
    assert Pilot.objects.get().lead == users["manager"]
    assert (
        api(users["practitioner"]).post("/api/v1/pilots/", PILOT, format="json").status_code == 403
    )


def test_bad_pilot_dates_answer_400_with_the_field(api, users):
    response = api(users["manager"]).post(
        "/api/v1/pilots/",
        {**PILOT, "start_date": "2026-03-01", "end_date": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "end after it starts" in response.json()["end_date"][0]


def test_moving_a_pilot_respects_who_may_approve(api, users):
    pilot = PilotFactory(status="proposed")
    url = f"/api/v1/pilots/{pilot.pk}/move/"
    assert api(users["manager"]).post(url, {"to": "approved"}, format="json").status_code == 403
    response = api(users["quality_lead"]).post(url, {"to": "running"}, format="json")
    assert response.status_code == 400 and "cannot be moved" in response.json()["detail"]
    response = api(users["quality_lead"]).post(url, {"to": "approved"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_figures_are_posted_corrected_and_refused_with_reasons(api, users):
    measure = MeasureFactory(kind="rate", denominator_label="people")
    client = api(users["practitioner"])
    body = {
        "measure": measure.pk,
        "period_start": str(months_ago(1)),
        "value": "7",
        "denominator": "60",
    }
    assert client.post("/api/v1/pilot-figures/", body, format="json").status_code == 201
    again = client.post("/api/v1/pilot-figures/", {**body, "value": "8"}, format="json")
    assert again.status_code == 201 and Reading.objects.get().value == 8
    bad = client.post("/api/v1/pilot-figures/", {**body, "denominator": None}, format="json")
    assert bad.status_code == 400 and "Enter the number of people" in bad.json()["denominator"][0]
    assert (
        api(users["viewer"]).post("/api/v1/pilot-figures/", body, format="json").status_code == 403
    )
    listed = api(users["viewer"]).get(f"/api/v1/pilot-figures/?measure={measure.pk}").json()
    assert listed["count"] == 1 if isinstance(listed, dict) else len(listed) == 1


def test_the_live_evaluation_as_json(api, users):
    pilot = PilotFactory(baseline_start=months_ago(16), start_date=months_ago(8))
    measure = MeasureFactory(pilot=pilot, name="Falls")
    for i, value in enumerate([11, 12, 10, 13, 11, 12, 12, 11, 5, 6, 4, 5, 6, 5, 4, 5]):
        ReadingFactory(measure=measure, period_start=months_ago(16 - i), value=value)
    data = api(users["viewer"]).get(f"/api/v1/pilots/{pilot.pk}/evaluation/").json()
    assert data["overall"] == "improved"
    row = data["measures"][0]
    assert row["verdict"] == "improved" and row["periods_before"] == 8
    assert row["before_after"]["outcome"] == "decrease" and row["before_after"]["ci_high"] < 1
    assert "Falls fell from" in data["draft_summary"]


def test_decisions_through_the_api(api, users):
    pilot = PilotFactory(status="evaluating")
    body = {
        "pilot": pilot.pk,
        "kind": "final",
        "data_to": str(dt.date.today()),
        "summary": "It works.",
        "decision": "scale",
        "reasons": "Readmissions halved.",
    }
    assert (
        api(users["manager"]).post("/api/v1/pilot-evaluations/", body, format="json").status_code
        == 403
    )
    missing = api(users["quality_lead"]).post(
        "/api/v1/pilot-evaluations/", {**body, "reasons": ""}, format="json"
    )
    assert missing.status_code == 400 and "reasons" in missing.json()
    response = api(users["quality_lead"]).post("/api/v1/pilot-evaluations/", body, format="json")
    assert response.status_code == 201
    pilot.refresh_from_db()
    assert pilot.status == "scaled" and Evaluation.objects.get().decided_by == users["quality_lead"]


def test_measures_with_figures_cannot_be_deleted_through_the_api(api, users):
    reading = ReadingFactory()
    response = api(users["quality_lead"]).delete(f"/api/v1/pilot-measures/{reading.measure_id}/")
    assert response.status_code == 400 and "cannot be deleted" in response.json()["detail"]


def test_lists_filtered_by_a_parent_record_refuse_what_is_not_a_record_number(api, users):
    one, other = MeasureFactory(name="Falls"), MeasureFactory(name="Admissions")
    client = api(users["viewer"])

    def names(url):
        body = client.get(url).json()
        return sorted(m["name"] for m in (body["results"] if isinstance(body, dict) else body))

    assert names(f"/api/v1/pilot-measures/?pilot={one.pilot_id}") == ["Falls"]
    assert names("/api/v1/pilot-measures/") == ["Admissions", "Falls"]
    assert other.pilot_id != one.pilot_id
    bad = client.get("/api/v1/pilot-measures/?pilot=abc")
    assert bad.status_code == 400 and "not a record number" in bad.json()["pilot"][0]
    assert client.get("/api/v1/pilot-figures/?measure=99999999999999999999").status_code == 400
