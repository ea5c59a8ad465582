"""Fixtures shared by every area's tests."""

import datetime as dt
import sqlite3

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

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


_northshire_snapshot: sqlite3.Connection | None = None


@pytest.fixture(scope="module")
def northshire(django_db_setup, django_db_blocker):
    """The whole Northshire demo council, for every test of a module, emptied after it.

    Building it takes ~30 s on 2 cores; on SQLite it is built once per test process and copied
    into the test database from a snapshot for each later module (well under a second). Modules
    that use it are marked ``xdist_group("northshire")`` so that one worker builds it. Tests
    also take ``db``, so what each test changes is rolled back before the next.
    """
    global _northshire_snapshot
    from careloop import demo

    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite" and _northshire_snapshot is not None:
            _northshire_snapshot.backup(connection.connection)
        else:
            demo.load(log=lambda line: None)
            if connection.vendor == "sqlite":
                _northshire_snapshot = sqlite3.connect(":memory:")
                connection.connection.backup(_northshire_snapshot)
        yield
        call_command("flush", interactive=False, verbosity=0)


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
