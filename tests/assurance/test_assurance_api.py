"""The assurance API: the same rules as the pages, 4xx with a reason on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from careloop.assurance import services
from careloop.assurance.models import EvidenceItem


@pytest.fixture
def api(users):
    def as_user(role):
        client = APIClient()
        client.force_authenticate(users[role])
        return client

    return as_user


@pytest.fixture
def document(framework, users):
    return services.evidence_add(
        user=users["quality_lead"],
        kind="document",
        title="Carers strategy",
        date=dt.date.today(),
        source="Council",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
    )


def test_rating(api):
    client = api("viewer")
    ok = client.post("/api/v1/cqc/rating/", {"scores": [3] * 9}, format="json")
    assert ok.status_code == 200 and ok.json() == {"total": 27, "percentage": 75, "rating": "Good"}
    for scores, phrase in [([3] * 8, "exactly nine"), ([3] * 8 + [9], "from 1 to 4")]:
        bad = client.post("/api/v1/cqc/rating/", {"scores": scores}, format="json")
        assert bad.status_code == 400 and phrase in bad.json()["scores"][0]
    assert client.post("/api/v1/cqc/rating/", {"scores": "3"}, format="json").status_code == 400
    assert client.post("/api/v1/cqc/rating/", {}, format="json").status_code == 400


def test_parse_report(api, seed_text, seed_paragraphs):
    client = api("viewer")
    ok = client.post("/api/v1/cqc/parse-report/", {"text": seed_text}, format="json")
    assert ok.status_code == 200
    data = ok.json()
    assert data["quality_statement"] == "Learning, improvement and innovation"
    assert data["score"] == 3 and data["key_findings"] == seed_paragraphs
    bad = client.post("/api/v1/cqc/parse-report/", {"text": "Shopping list"}, format="json")
    assert bad.status_code == 400 and "not a CQC" in bad.json()["text"][0]


def test_evidence_confirm_and_refusals(api, document):
    url = f"/api/v1/evidence/{document.pk}/confirm/"
    assert api("practitioner").post(url, {}, format="json").status_code == 403
    client = api("manager")
    bad = client.post(url, {"statements": [3], "category": "gossip"}, format="json")
    assert bad.status_code == 400 and "not an evidence category" in bad.json()["detail"]
    out_of_range = client.post(url, {"statements": [12], "category": "processes"}, format="json")
    assert out_of_range.status_code == 400
    ok = client.post(url, {"statements": [2, 5], "category": "processes"}, format="json")
    assert ok.status_code == 200 and ok.json()["statements"] == [2, 5]
    assert EvidenceItem.objects.get().confirmed_at is not None
    listing = api("viewer").get("/api/v1/evidence/").json()
    assert listing["count"] == 1 and listing["results"][0]["category"] == "processes"


def test_restricted_evidence_is_not_in_the_api_for_other_roles(api, document):
    document.is_restricted = True
    document.save()
    assert api("manager").get("/api/v1/evidence/").json()["count"] == 0
    assert api("manager").get(f"/api/v1/evidence/{document.pk}/").status_code == 404
    assert api("quality_lead").get(f"/api/v1/evidence/{document.pk}/").status_code == 200


def test_self_assessment_with_its_rating(api, users, framework):
    assessment = services.assessment_create(
        title="2026", as_at=dt.date.today(), user=users["admin"], draft=False
    )
    data = api("viewer").get(f"/api/v1/self-assessments/{assessment.pk}/").json()
    assert data["rating"] == {
        "computable": False,
        "reason": "Not computable: 0 of 9 quality statements are scored; CQC's overall rating "
        "needs all nine.",
    }
    assert [s["number"] for s in data["statements"]] == list(range(1, 10))
    for sa in assessment.statements.all():
        sa.score = 4
        sa.save()
    data = api("viewer").get(f"/api/v1/self-assessments/{assessment.pk}/").json()
    assert data["rating"] == {
        "computable": True,
        "total": 36,
        "percentage": 100,
        "rating": "Outstanding",
    }


def test_peer_reports(api, users, seed_text):
    services.peer_page_import(text=seed_text, user=users["admin"])
    data = api("viewer").get("/api/v1/peer-reports/").json()["results"][0]
    assert data["council"] == "Staffordshire County Council"
    assert data["scores"] == [None] * 8 + [3] and data["rating"]["computable"] is False
