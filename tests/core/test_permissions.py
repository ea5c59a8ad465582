"""The permission layer: roles, unknown permissions, restricted records."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from careloop.core.permissions import Role, can, define, get_visible_or_404, registry, roles_for
from tests.factories import UserFactory
from tests.testapp.models import Note


def test_unknown_permission_fails_closed(users):
    with pytest.raises(ImproperlyConfigured):
        can(users["admin"], "core.no_such_thing")


def test_redefining_a_permission_with_other_roles_is_refused():
    with pytest.raises(ImproperlyConfigured):
        define("core.manage_org", {Role.VIEWER}, "a typo that would open the door")


def test_roles_decide(users):
    assert can(users["admin"], "core.manage_org")
    for role in ("quality_lead", "manager", "practitioner", "viewer"):
        assert not can(users[role], "core.manage_org"), role
    assert all(can(u, "core.home") for u in users.values())


def test_inactive_and_anonymous_people_can_do_nothing(users):
    from django.contrib.auth.models import AnonymousUser

    users["admin"].is_active = False
    assert not can(users["admin"], "core.home")
    assert not can(AnonymousUser(), "core.home")


def test_every_permission_names_known_roles_and_a_description():
    for perm in registry().values():
        assert perm.roles <= set(Role) and perm.description
    assert roles_for("core.view_restricted") == {Role.ADMIN, Role.QUALITY_LEAD}


def test_restricted_records_are_seen_only_by_named_roles_and_named_people(users):
    open_note = Note.objects.create(title="Open")
    restricted = Note.objects.create(title="Safeguarding detail", is_restricted=True)
    owned = Note.objects.create(title="Mine", is_restricted=True, owner=users["practitioner"])

    for role in ("admin", "quality_lead"):
        assert set(Note.objects.visible_to(users[role])) == {open_note, restricted, owned}
        assert restricted.is_visible_to(users[role])
    assert set(Note.objects.visible_to(users["manager"])) == {open_note}
    assert set(Note.objects.visible_to(users["practitioner"])) == {open_note, owned}
    assert not restricted.is_visible_to(users["practitioner"])
    assert owned.is_visible_to(users["practitioner"])
    assert not can(users["manager"], "core.home", restricted)
    assert can(users["manager"], "core.home", open_note)


def test_a_hidden_restricted_record_answers_404_not_403(users):
    restricted = Note.objects.create(title="Safeguarding detail", is_restricted=True)
    with pytest.raises(Http404):
        get_visible_or_404(users["viewer"], Note.objects.all(), pk=restricted.pk)
    assert get_visible_or_404(users["admin"], Note.objects.all(), pk=restricted.pk) == restricted


def test_nobody_sees_restricted_records_when_signed_out(db):
    from django.contrib.auth.models import AnonymousUser

    Note.objects.create(title="Restricted", is_restricted=True)
    Note.objects.create(title="Open")
    assert Note.objects.visible_to(AnonymousUser()).count() == 0
    UserFactory()  # a person with no relation to the notes sees only the open one
