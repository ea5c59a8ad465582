"""The leak test: every role and designation over every record kind and every way out.

Each restricted record carries a unique marker. For every person, every way out (pages: list,
search, show; exports: CSV and XLSX, decoded; the API as JSON and as the browsable API with its
forms, `?format=api`; choice lists in forms) is read, and the marker must appear exactly where
the access rule (careloop/core/access.py) says the person may read the record, and nowhere
else. Asserting the "yes" side too means a way out that hides everything cannot pass.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from careloop.core import access
from careloop.feedback.models import Feedback
from tests.factories import UserFactory
from tests.feedback.factories import make_feedback
from tests.learning import factories as learning
from tests.workforce.factories import StaffProfileFactory

pytestmark = pytest.mark.django_db

COMPLAINT = "MARKER-RESTRICTED-COMPLAINT-7Q2"
SAFEGUARD = "MARKER-SAFEGUARDING-FEEDBACK-K9"
ACTION = "MARKER-RESTRICTED-ACTION-Z4"
PRIVATE = "MARKER-PRIVATE-SUPERVISION-W8"
DELETED = "MARKER-DELETED-COMPLAINT-B3"

# Who the rule lets read each record (people by the names of the `world` fixture). The
# designations are given to managers so that it is the designation, not the role, that counts.
READERS = {
    COMPLAINT: {"admin", "quality_lead", "complaints_manager", "dpo"},
    SAFEGUARD: {"admin", "quality_lead", "complaints_manager", "dpo"},
    ACTION: {"admin", "quality_lead", "dpo"},
    PRIVATE: {"manager", "practitioner", "psw"},
    DELETED: set(),
}
PEOPLE = [
    "admin",
    "quality_lead",
    "manager",
    "practitioner",
    "viewer",
    "psw",
    "complaints_manager",
    "dpo",
]


@pytest.fixture
def world(users, django_capture_on_commit_callbacks):
    people = dict(users)
    team = users["manager"].team
    for name, designation in (
        ("psw", access.PSW),
        ("complaints_manager", access.COMPLAINTS_MANAGER),
        ("dpo", access.DPO),
    ):
        people[name] = UserFactory(role="manager", team=team, designations=[str(designation)])
    lead = users["quality_lead"]
    complaint = make_feedback(
        user=lead,
        summary=f"{COMPLAINT} summary",
        text=f"{COMPLAINT} what the person said",
        owner=lead,
        is_restricted=True,
        restriction_reason="Safeguarding enquiry open",
    )
    safeguarding = make_feedback(
        user=lead,
        kind=Feedback.Kind.COMMENT,
        summary=f"{SAFEGUARD} summary",
        text=f"{SAFEGUARD} concern raised",
        owner=lead,
        is_restricted=True,
        restriction_reason="Safeguarding",
    )
    deleted = make_feedback(user=lead, summary=f"{DELETED} summary", text=f"{DELETED} text")
    Feedback.all_objects.filter(pk=deleted.pk).update(is_deleted=True)
    action = learning.action(
        lead, title=f"{ACTION} title", is_restricted=True, restriction_reason="Staff matter"
    )
    for person in (users["manager"], users["practitioner"]):
        StaffProfileFactory(user=person)
    from careloop.workforce import services as workforce

    session = workforce.supervision_record(
        user=users["manager"],
        supervisee=users["practitioner"],
        supervisor=users["manager"],
        held_on=dt.date.today(),
        kind="my_time",
        agreed_actions="Agreed: a quiet week.",
        private_text=f"{PRIVATE} wellbeing disclosure",
    )
    records = {"complaint": complaint, "safeguarding": safeguarding, "action": action}
    return people, records, session


def _text(response) -> str:
    """What a response lets out, decoded: HTML, JSON, CSV, or the cells of an XLSX file."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # an XLSX (zip) download
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", "replace")


def _ways_out(records, session) -> dict[str, list[str]]:
    """Every way out, by the marker it could leak."""
    complaint, safeguarding, action = (
        records["complaint"],
        records["safeguarding"],
        records["action"],
    )
    feedback_lists = [
        reverse("feedback:index"),
        reverse("feedback:index") + "?q=MARKER",
        reverse("feedback:export") + "?format=csv",
        reverse("feedback:export") + "?format=xlsx",
        "/api/v1/feedback/",
        "/api/v1/feedback/?format=api",
        "/api/v1/feedback/?search=MARKER",
        reverse("feedback:new"),  # the "Complaint" choice list
    ]
    return {
        COMPLAINT: [
            *feedback_lists,
            reverse("feedback:show", args=[complaint.pk]),
            f"/api/v1/feedback/{complaint.pk}/",
            f"/api/v1/feedback/{complaint.pk}/?format=api",
        ],
        SAFEGUARD: [
            *feedback_lists,
            reverse("feedback:show", args=[safeguarding.pk]),
            f"/api/v1/feedback/{safeguarding.pk}/",
        ],
        DELETED: [*feedback_lists, reverse("feedback:edit", args=[safeguarding.pk])],
        ACTION: [
            reverse("learning:action_index"),
            reverse("learning:action_show", args=[action.pk]),
            "/api/v1/actions/",
            f"/api/v1/actions/{action.pk}/",
            "/api/v1/courses/?format=api",  # the course form's "action" choice list
            "/api/v1/actions/?format=api",
        ],
        PRIVATE: [
            reverse("workforce:supervision_show", args=[session.pk]),
            reverse("workforce:supervision_index"),
            reverse("workforce:supervision_export") + "?format=csv",
            reverse("workforce:supervision_export") + "?format=xlsx",
            "/api/v1/supervisions/",
            f"/api/v1/supervisions/{session.pk}/",
            "/api/v1/supervisions/?format=api",
            reverse("core:audit_index"),
            reverse("core:audit_index") + "?q=MARKER",
        ],
    }


# The way out where a reader must see the record (so that the test can fail).
WHERE_READERS_SEE = {
    COMPLAINT: lambda records, session: reverse("feedback:show", args=[records["complaint"].pk]),
    SAFEGUARD: lambda records, session: f"/api/v1/feedback/{records['safeguarding'].pk}/",
    ACTION: lambda records, session: reverse("learning:action_show", args=[records["action"].pk]),
    PRIVATE: lambda records, session: reverse("workforce:supervision_show", args=[session.pk]),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_no_way_out_lets_a_marker_reach_someone_the_rule_excludes(world, client, who):
    people, records, session = world
    client.force_login(people[who])
    leaks = []
    for marker, urls in _ways_out(records, session).items():
        if who in READERS[marker]:
            continue
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            if marker in _text(response):
                leaks.append(f"{marker} via {url}")
    assert leaks == [], f"{who} reads what the rule forbids"


@pytest.mark.parametrize("who", PEOPLE)
def test_each_reader_does_see_the_record(world, client, who):
    people, records, session = world
    client.force_login(people[who])
    for marker, where in WHERE_READERS_SEE.items():
        url = where(records, session)
        response = client.get(url)
        assert (marker in _text(response)) is (who in READERS[marker]), f"{who} at {url}"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_rule_and_the_promise_agree(world, who):
    """`may_read` answers as the table above, for the record and for the private part."""
    people, records, session = world
    person = people[who]
    assert access.may_read(person, records["complaint"]) is (who in READERS[COMPLAINT])
    assert access.may_read(person, records["action"]) is (who in READERS[ACTION])
    assert access.may_read(person, session, "private") is (who in READERS[PRIVATE])
    visible = access.visible(person, Feedback.objects.all())
    assert (records["complaint"] in visible) is (who in READERS[COMPLAINT])
