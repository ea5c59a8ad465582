"""Write-side access: ids that point at records the writer may not read are refused exactly
like ids that do not exist (probe 6), and lifting a restriction needs a designation and a
reason, recorded in the audit trail (probe 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careloop.core import access
from careloop.core.models import AuditEntry
from careloop.feedback.models import Feedback
from tests.factories import UserFactory
from tests.feedback.factories import make_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(users):
    return make_feedback(
        user=users["quality_lead"],
        summary="Restricted complaint summary",
        owner=users["manager"],
        is_restricted=True,
        restriction_reason="Safeguarding enquiry open",
    )


def _ombudsman(client, complaint_id):
    return client.post(
        "/api/v1/feedback/",
        {
            "kind": "ombudsman",
            "channel": "email",
            "received_on": "2026-03-03",
            "text": "The Ombudsman asks about this complaint.",
            "complaint": complaint_id,
        },
        content_type="application/json",
    )


def test_linking_to_a_restricted_complaint_is_refused_like_an_unknown_id(users, restricted, client):
    client.force_login(users["practitioner"])
    forbidden = _ombudsman(client, restricted.pk)
    unknown = _ombudsman(client, 987654)
    assert forbidden.status_code == unknown.status_code == 400
    # the same words, with only the id itself differing
    said = str(forbidden.json()).replace(str(restricted.pk), "N")
    assert said == str(unknown.json()).replace("987654", "N")
    assert not Feedback.objects.filter(kind="ombudsman").exists()


def test_a_reader_of_the_complaint_may_link_to_it(users, restricted, client):
    client.force_login(users["quality_lead"])
    assert _ombudsman(client, restricted.pk).status_code == 201


def test_the_feedback_form_lists_no_restricted_complaint(users, restricted, client):
    make_feedback(user=users["quality_lead"], summary="Open complaint summary")
    client.force_login(users["practitioner"])
    body = client.get(reverse("feedback:new")).content.decode()
    assert "Open complaint summary" in body
    assert "Restricted complaint summary" not in body
    posted = client.post(
        reverse("feedback:new"),
        {"kind": "ombudsman", "complaint": restricted.pk, "text": "x", "channel": "email"},
    )
    assert posted.status_code == 200  # the form again, with its error
    assert not Feedback.objects.filter(kind="ombudsman").exists()


def _lift(client, record, **extra):
    return client.patch(
        f"/api/v1/feedback/{record.pk}/",
        {"is_restricted": False, "version": record.version, **extra},
        content_type="application/json",
    )


def test_the_owner_cannot_lift_a_restriction(users, restricted, client):
    client.force_login(users["manager"])  # the owner, who reads it
    response = _lift(client, restricted, restriction_reason="No longer needed")
    assert response.status_code == 400
    assert "lift a restriction" in str(response.json())
    restricted.refresh_from_db()
    assert restricted.is_restricted


def test_a_lead_without_a_designation_cannot_lift_it(users, restricted, client):
    client.force_login(users["quality_lead"])
    assert _lift(client, restricted, restriction_reason="Closed").status_code == 400
    restricted.refresh_from_db()
    assert restricted.is_restricted


def test_the_complaints_manager_lifts_it_with_a_reason_recorded_in_the_audit(
    users, restricted, client
):
    lifter = UserFactory(role="quality_lead", designations=[str(access.COMPLAINTS_MANAGER)])
    client.force_login(lifter)
    without_reason = _lift(client, restricted)
    assert without_reason.status_code == 400
    assert "restriction_reason" in without_reason.json().get("fields", without_reason.json())
    restricted.refresh_from_db()
    assert restricted.is_restricted
    response = _lift(client, restricted, restriction_reason="Enquiry closed, no concerns")
    assert response.status_code == 200, response.json()
    restricted.refresh_from_db()
    assert not restricted.is_restricted
    entry = AuditEntry.objects.for_object(restricted).filter(action="update").first()
    assert entry.actor_id == lifter.pk
    assert entry.reason == "Restriction lifted: Enquiry closed, no concerns"
