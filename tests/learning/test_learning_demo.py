"""Northshire's Learn and act demo tells its stories, with the figures."""

import datetime as dt

import pytest

from careloop.core.models import ImportJob
from careloop.demo.learning import HOARDING_TITLE, SAR_TITLE, TRAINING_TITLE
from careloop.learning.evaluation import evaluate
from careloop.learning.models import Action, LgscoCase, LgscoYear, Meeting, Review

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("northshire")]


def test_northshire_learns_and_acts(northshire):
    every_kind_of_review()
    the_financial_assessment_story_shows_a_measured_fall()
    ombudsman_over_two_years_and_the_board()


def every_kind_of_review():
    assert set(Review.objects.values_list("kind", flat=True)) == set(Review.Kind.values)
    sar = Review.objects.get(title=SAR_TITLE)
    assert sar.is_restricted and sar.sar_basis == "mandatory"
    hoarding = Action.objects.get(title=HOARDING_TITLE)
    assert hoarding.recommendation.review == sar and hoarding.status == "closed"
    ofsted = Review.objects.get(inspection_body="ofsted")
    assert "care leavers" in ofsted.title.lower()


def the_financial_assessment_story_shows_a_measured_fall():
    training = Action.objects.get(title=TRAINING_TITLE)
    assert training.status == "closed" and training.signed_off_by != training.owner
    assert training.recommendation.review.kind == "complaint"
    evaluation = evaluate(training.impacts.get())
    assert evaluation.concluded and evaluation.improved is True
    assert "fell from" in evaluation.finding and "rate ratio" in evaluation.finding
    test = evaluation.result.test
    assert 7 < test.rate_first < 9.5 and 2 < test.rate_second < 4.5
    assert test.ci_high < 1


def ombudsman_over_two_years_and_the_board():
    today = dt.date.today()
    assert LgscoCase.objects.filter(received_on__lt=today - dt.timedelta(days=365)).exists()
    assert LgscoCase.objects.filter(received_on__gte=today - dt.timedelta(days=200)).exists()
    assert LgscoCase.objects.upheld().filter(subject="charging").exists()
    # the letters' figures came in through the importer, and say so
    assert LgscoYear.objects.count() == 2
    # referrals in the feedback register are cases in the tracker
    assert LgscoCase.objects.filter(complaint__lgsco_referred_on__isnull=False).count() >= 5
    assert set(LgscoYear.objects.values_list("source", flat=True)) == {"imported"}
    job = ImportJob.objects.get(importer="lgsco-years")
    assert (job.status, job.created_count) == ("done", 2)
    meetings = Meeting.objects.order_by("held_on")
    assert meetings.filter(status="approved").count() >= 3
    upcoming = meetings.filter(status="planned").get()
    overdue = set(Action.objects.overdue().values_list("pk", flat=True))
    assert overdue  # the demo has overdue actions, and every one is on the next agenda
    on_agenda = {int(i.target_id) for i in upcoming.items.filter(kind="overdue_action")}
    assert overdue <= on_agenda
