"""Fixtures shared by every area's tests."""

import pytest

from careloop.core.permissions import Role
from tests.factories import PASSWORD, TeamFactory, UserFactory

ROLES = [r.value for r in Role]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def team(db):
    return TeamFactory(name="North Locality Team")


@pytest.fixture
def users(db, team):
    """One person per role, all in the same team: users["manager"] etc."""
    people = {
        role: UserFactory(
            email=f"{role}@northshire.example",
            full_name=f"{Role(role).label} Person",
            role=role,
            team=team,
        )
        for role in ROLES
    }
    team.manager = people["manager"]
    team.save()
    return people


@pytest.fixture
def login(client):
    """login(user) signs the test client in as that person and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def password():
    return PASSWORD
