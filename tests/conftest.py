"""Fixtures shared by every area's tests."""

import datetime as dt

import pytest
import time_machine

from careloop.core import workdays
from careloop.core.permissions import Role
from tests.factories import PASSWORD, TeamFactory, UserFactory

ROLES = [r.value for r in Role]


def pytest_configure(config):
    """Run the session at 12:00 UTC on today's date, or the next working day, and ticking.

    Many test modules take ``TODAY`` when they are imported, and many count working days from
    it: a run that crossed midnight compared it with the next day (five workforce tests failed
    in a PostgreSQL run that began at 23:55), and a run on a Saturday found an action due 8
    working days back overdue by 7. Noon UTC is the same day in Europe/London all year. Tests
    that travel elsewhere still can: time-machine nests.
    """
    day = workdays.next_working_day(dt.datetime.now(dt.UTC).date())
    config._careloop_clock = time_machine.travel(
        dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=True
    )
    config._careloop_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "_careloop_clock", None)
    if clock is not None:
        clock.stop()


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
