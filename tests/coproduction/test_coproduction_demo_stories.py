"""The seed's stories in Northshire's demo, computed rather than stored: one strategy involved
people from the start and one late; a dozen published "you said, we did" statements; three
pilots whose evaluations read as a clear success, inconclusive and too short to tell.

Only the demo steps these stories need are loaded (the organisation, pilots, coproduction),
once for the module.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils.module_loading import import_string

from careloop.coproduction.models import Project, Statement
from careloop.core import audit
from careloop.demo import coproduction as coproduction_demo
from careloop.demo import innovation as pilots_demo
from careloop.innovation import analysis
from careloop.innovation.models import Pilot

STEPS = [
    "careloop.demo.org.load",
    "careloop.demo.innovation.load",
    "careloop.demo.coproduction.load",
]


@pytest.fixture(scope="module")
def northshire(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with audit.acting_as(None, "command"):
            for step in STEPS:
                import_string(step)(lambda line: None)
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def loaded(northshire, db):
    return None


def test_one_strategy_involved_people_early_and_one_late(loaded):
    carers = Project.objects.get(title=coproduction_demo.CARERS)
    living = Project.objects.get(title=coproduction_demo.LIVING_WELL)
    assert carers.late_involvement() == []
    reasons = living.late_involvement()
    assert reasons and "after the work was drafted" in reasons[0]
    assert living.late_response  # leaders say what they are doing about it


def test_a_dozen_published_you_said_we_did_statements(loaded):
    published = Statement.objects.filter(status=Statement.Status.PUBLISHED)
    assert published.count() == 12
    assert all(s.you_said and s.we_did for s in published)


def test_three_pilots_clear_success_inconclusive_too_short(loaded):
    verdicts = {
        title: analysis.overall(analysis.analyse_pilot(Pilot.objects.get(title=title)))
        for title in (pilots_demo.NIGHT, pilots_demo.SENSORS, pilots_demo.ROBOT)
    }
    assert verdicts == {
        pilots_demo.NIGHT: "improved",
        pilots_demo.SENSORS: "no clear change",
        pilots_demo.ROBOT: "too little data",
    }
    assert Pilot.objects.count() == 3
