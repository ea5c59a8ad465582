"""Northshire's workforce: about 300 staff, a few teams with compliance problems, and the
hoarding training evidenced on the action raised after SAR Adult H. (One test: loading the
organisation and Learn and act first takes a while.)"""

import time

import pytest

from careloop.core import audit
from careloop.demo import learning as learning_demo
from careloop.demo import org
from careloop.demo import workforce as workforce_demo
from careloop.learning.models import Action, EvidenceFigure
from careloop.workforce import selectors
from careloop.workforce.models import Completion, Course, SupervisionSession

pytestmark = pytest.mark.django_db


def test_northshire_workforce():
    log = []
    with audit.acting_as(None, "command"):
        org.load(log.append)
        learning_demo.load(log.append)
        started = time.perf_counter()
        workforce_demo.load(log.append)
        elapsed = time.perf_counter() - started
    assert elapsed < 60, f"the workforce demo took {elapsed:.1f}s"

    # About 300 staff; only the published demo accounts can sign in with a password.
    people = list(selectors.staff())
    assert 270 <= len(people) <= 330
    assert sum(p.has_usable_password() for p in people) <= 11
    assert Completion.objects.count() > 2000
    assert SupervisionSession.objects.count() > 2000

    # A few teams have compliance problems; the others are mostly in date.
    figures = {f.team.name: f for f in selectors.team_figures()}
    worst = sorted(figures.values(), key=lambda f: f.training)[:3]
    assert {f.team.name for f in worst} == workforce_demo.PROBLEM_TEAMS
    assert all(f.training < 75 for f in worst)
    assert figures["North Locality Team"].training > 85

    # The hoarding course answers the SAR's action, which has the completion figures.
    action = Action.objects.get(title=learning_demo.HOARDING_TITLE)
    assert action.recommendation.review.title == learning_demo.SAR_TITLE
    course = Course.objects.get(title=workforce_demo.HOARDING_COURSE)
    assert course.action == action
    figure = EvidenceFigure.objects.get(action=action, label__startswith="Staff who completed")
    assert 40 <= figure.value <= figure.out_of

    # Loading again changes nothing.
    counts = (Completion.objects.count(), SupervisionSession.objects.count())
    log.clear()
    workforce_demo.load(log.append)
    assert log == ["Workforce: already loaded"]
    assert (Completion.objects.count(), SupervisionSession.objects.count()) == counts
