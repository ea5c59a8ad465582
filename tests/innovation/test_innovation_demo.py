"""Northshire's pilots tell the seed's three stories."""

import pytest

from careloop.demo import innovation as pilots_demo
from careloop.innovation import analysis
from careloop.innovation.models import ExternalLearning, Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("northshire")]


@pytest.fixture
def loaded(northshire, db):
    return None


def reading(title):
    pilot = Pilot.objects.get(title=title)
    return pilot, analysis.analyse_pilot(pilot)


def test_night_support_is_a_clear_success_and_was_scaled_up(loaded):
    pilot, analyses = reading(pilots_demo.NIGHT)
    assert analysis.overall(analyses) == "improved"
    assert all(a.verdict == "improved" for a in analyses)
    assert pilot.status == "scaled"
    assert pilot.evaluations.get(kind="final").decision == "scale"


def test_wearable_sensors_are_inconclusive(loaded):
    pilot, analyses = reading(pilots_demo.SENSORS)
    assert analysis.overall(analyses) == "no clear change"
    falls = analyses[0]
    assert falls.verdict == "no clear change"
    assert "more months of data to detect a 30% fall" in falls.sample_note
    assert pilot.status == "evaluating" and pilot.evaluation_due


def test_the_support_robot_is_too_short_to_tell_and_was_given_more_time(loaded):
    pilot, analyses = reading(pilots_demo.ROBOT)
    assert analysis.overall(analyses) == "too little data"
    assert all("too little data" in a.before_after.finding for a in analyses)
    decision = pilot.evaluations.get()
    assert decision.decision == "adapt" and "more time is needed" in decision.reasons
    assert pilot.end_date == decision.extend_to and pilot.status == "running"
    assert "not yet enough data" in decision.summary


def test_external_learning_includes_a_peer_review_research_and_networks(loaded):
    kinds = set(ExternalLearning.objects.values_list("kind", flat=True))
    assert {"peer_review_received", "peer_review_given", "research", "network"} <= kinds
    assert ExternalLearning.objects.filter(organisation__icontains="Skills for Care").exists()
    assert ExternalLearning.objects.filter(organisation__icontains="ADASS").exists()
