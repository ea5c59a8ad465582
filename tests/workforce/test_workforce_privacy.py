"""The private section of a supervision is read only by its supervisor, its supervisee and the
person designated principal social worker (never a whole role: the complaints manager, a
quality lead too, is refused); it never appears in lists, exports, the API, the audit trail
or anywhere else, for any role."""

import pytest
from django.urls import reverse

from careloop.core.models import AuditEntry
from careloop.workforce import services
from tests.factories import TeamFactory, UserFactory
from tests.workforce.factories import SessionFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db

SECRET = "Quetzal private wellbeing disclosure"
NEW_SECRET = "Ocelot revised private notes"


@pytest.fixture
def world(users, django_capture_on_commit_callbacks):
    manager, practitioner = users["manager"], users["practitioner"]
    for person in (manager, practitioner):
        StaffProfileFactory(user=person)
    session = services.supervision_record(
        user=manager,
        supervisee=practitioner,
        supervisor=manager,
        held_on=__import__("datetime").date.today(),
        kind="my_time",
        agreed_actions="Agreed: book annual leave.",
        private_text=SECRET,
    )
    other_team = TeamFactory(name="South Locality Team")
    people = {
        **users,
        "supervisor": manager,
        "supervisee": practitioner,
        "other_manager": UserFactory(role="manager", team=other_team),
        "other_practitioner": UserFactory(role="practitioner", team=users["manager"].team),
        "principal_social_worker": UserFactory(
            role="quality_lead", designations=["principal_social_worker"]
        ),
        "complaints_manager": UserFactory(role="quality_lead", designations=["complaints_manager"]),
        "dpo": UserFactory(role="quality_lead", designations=["data_protection_officer"]),
    }
    return session, people


# Who reads the private section on the supervision's own page.
READS = {
    "admin": False,  # sees every supervision, never the private section
    "quality_lead": False,  # the role alone is not enough
    "principal_social_worker": True,  # the designation the page promises
    "complaints_manager": False,  # probe 7: a quality lead, not named by the promise
    "dpo": False,
    "supervisor": True,
    "supervisee": True,
    "other_manager": None,  # cannot see the supervision at all
    "other_practitioner": None,
    "viewer": None,
}


@pytest.mark.parametrize("who", list(READS))
def test_the_page_shows_the_private_section_only_to_the_two_people_and_the_permitted_role(
    world, client, who
):
    session, people = world
    client.force_login(people[who])
    response = client.get(reverse("workforce:supervision_show", args=[session.pk]))
    expected = READS[who]
    if expected is None:
        assert response.status_code in (403, 404)
        assert SECRET not in response.content.decode()
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "Agreed: book annual leave." in body
    assert (SECRET in body) is expected


@pytest.mark.parametrize("who", list(READS))
def test_lists_exports_the_api_and_other_pages_never_show_it(world, client, who):
    session, people = world
    person = people[who]
    client.force_login(person)
    urls = [
        reverse("workforce:index"),
        reverse("workforce:supervision_index"),
        reverse("workforce:supervision_export") + "?format=csv",
        reverse("workforce:supervision_export") + "?format=xlsx",
        reverse("workforce:person", args=[people["supervisee"].pk]),
        reverse("workforce:person", args=[people["supervisor"].pk]),
        reverse("workforce:team", args=[people["supervisee"].team_id]),
        reverse("supervision-list"),
        reverse("supervision-detail", args=[session.pk]),
        reverse("core:home"),
        reverse("core:audit_index"),
        reverse("core:audit_index") + "?q=Quetzal",
        "/api/v1/supervisions/?search=Quetzal",
    ]
    for url in urls:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in content, f"{who}: {url}"
    api = client.get(reverse("supervision-detail", args=[session.pk]))
    if api.status_code == 200:
        assert set(api.json()) == {
            "id",
            "supervisee",
            "supervisor",
            "held_on",
            "kind",
            "agreed_actions",
        }


def test_the_audit_trail_records_changes_to_the_private_section_without_its_text(world, client):
    session, people = world
    client.force_login(people["supervisee"])
    response = client.post(
        reverse("workforce:supervision_private", args=[session.pk]), {"text": NEW_SECRET}
    )
    assert response.status_code == 302
    session.private_note.refresh_from_db()
    assert session.private_note.text == NEW_SECRET
    entries = AuditEntry.objects.filter(object_repr__startswith="Private section")
    assert entries.count() == 2  # created, then changed
    for entry in AuditEntry.objects.all():
        text = f"{entry.object_repr} {entry.changes} {entry.reason}"
        assert SECRET not in text and NEW_SECRET not in text
    from careloop.core.audit import REDACTED

    assert entries.get(action="update").changes["text"] == [REDACTED, REDACTED]


def test_only_the_two_people_may_write_it(world, client):
    session, people = world
    for who in ("quality_lead", "admin"):
        client.force_login(people[who])
        response = client.post(
            reverse("workforce:supervision_private", args=[session.pk]), {"text": "Overwritten"}
        )
        assert response.status_code == 403
    session.private_note.refresh_from_db()
    assert session.private_note.text == SECRET


def test_the_private_section_is_not_a_field_of_the_session():
    from careloop.workforce.models import SupervisionSession

    names = {f.name for f in SupervisionSession._meta.concrete_fields}
    assert not {"private", "private_text", "text"} & names


def test_a_session_between_others_is_hidden_from_a_practitioner(world, client):
    session, people = world
    other = SessionFactory(
        supervisor=people["other_manager"], supervisee=UserFactory(role="practitioner")
    )
    client.force_login(people["supervisee"])
    listed = client.get(reverse("supervision-list")).json()
    ids = (
        {row["id"] for row in listed["results"]}
        if "results" in listed
        else {row["id"] for row in listed}
    )
    assert session.pk in ids and other.pk not in ids


def test_the_page_promise_names_who_the_rule_lets_read_it(world, client):
    session, people = world
    psw = people["principal_social_worker"]
    client.force_login(people["supervisee"])
    body = client.get(reverse("workforce:supervision_show", args=[session.pk])).content.decode()
    promise = (
        f"Only {people['supervisee']} (supervisee), {people['supervisor']} (supervisor) and "
        f"the principal social worker ({psw}) can read this."
    )
    assert promise in body
    # the promise and the rule agree: each named person reads it, nobody else does
    from careloop.core import access

    readers = [u for u in people.values() if access.may_read(u, session, "private")]
    assert set(readers) == {people["supervisee"], people["supervisor"], psw}
