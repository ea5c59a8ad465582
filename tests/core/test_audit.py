"""The audit trail: every create, update and delete, with who, when, old and new values."""

import logging

import pytest

from careloop.core import audit
from careloop.core.models import AuditEntry, Team
from careloop.core.selectors import history_for
from tests.factories import TeamFactory
from tests.testapp.models import Note


def entries(obj):
    return list(AuditEntry.objects.for_object(obj).order_by("at", "id"))


def test_create_update_delete_are_recorded_with_actor_and_values(users):
    with audit.acting_as(users["quality_lead"], "web"):
        note = Note.objects.create(title="First", body="Hello")
        note.title = "Second"
        note.save()
        note.save()  # no change: no entry
        pk = note.pk
        note.delete()
    note.pk = pk
    created, updated, deleted = entries(note)
    assert created.action == "create" and created.changes["title"] == [None, "First"]
    assert updated.action == "update" and updated.changes == {"title": ["First", "Second"]}
    assert deleted.action == "delete" and deleted.changes["title"] == ["Second", None]
    assert {e.actor for e in (created, updated, deleted)} == {users["quality_lead"]}
    assert {e.source for e in (created, updated, deleted)} == {"web"}


def test_redacted_fields_record_the_change_but_not_the_text(users):
    note = Note.objects.create(title="Supervision", private_text="personal matter")
    note.private_text = "another personal matter"
    note.save()
    change = entries(note)[-1].changes
    assert change == {"private_text": [audit.REDACTED, audit.REDACTED]}
    assert "personal" not in str(AuditEntry.objects.for_object(note).values_list("changes"))


def test_many_to_many_changes_are_recorded(users):
    note = Note.objects.create(title="Shared")
    team = TeamFactory(name="South Locality Team")
    note.teams.add(team)
    assert entries(note)[-1].changes == {"teams": {"added": ["South Locality Team"]}}


def test_history_rows_show_names_not_ids(users):
    note = Note.objects.create(title="Owned")
    note.owner = users["manager"]
    note.save()
    rows = history_for(note)[0].rows
    assert rows[0].field == "Owner" and rows[0].before == "(empty)"
    assert rows[0].after == "Manager Person"


def test_audit_entries_cannot_be_changed_or_deleted(users):
    entry = audit.record("export", users["admin"])
    entry.reason = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_bulk_created_records_are_audited_in_bulk(users, team):
    teams = Team.objects.bulk_create(
        [Team(service=team.service, name=f"Bulk {i}") for i in range(3)]
    )
    with audit.acting_as(users["admin"], "command"):
        audit.record_bulk_create(teams, reason="import")
    made = AuditEntry.objects.filter(action="create", reason="import")
    assert made.count() == 3 and {e.actor for e in made} == {users["admin"]}


def test_sign_ins_are_audited_and_logs_hold_no_personal_data(client, users, password, caplog):
    caplog.set_level(logging.DEBUG)
    person = users["practitioner"]
    client.post("/accounts/login/", {"username": person.email, "password": "wrong-password"})
    client.post("/accounts/login/", {"username": "nobody@example.org", "password": "x"})
    client.post("/accounts/login/", {"username": person.email, "password": password})
    actions = list(
        AuditEntry.objects.filter(action__startswith="login").values_list("action", "actor")
    )
    failed_for_person = AuditEntry.objects.filter(action="login_failed", object_id=str(person.pk))
    assert ("login", person.pk) in actions
    assert failed_for_person.count() == 1
    assert AuditEntry.objects.filter(action="login_failed", object_repr="unknown account").exists()
    # The name typed for an unknown account is not kept anywhere.
    assert not AuditEntry.objects.filter(changes__icontains="nobody@example.org").exists()
    for text in (person.email, "nobody@example.org", person.full_name, "wrong-password"):
        assert text not in caplog.text
