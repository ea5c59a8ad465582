"""Learning reviews: kinds, their rules, restriction, recommendations."""

import datetime as dt

import pytest

from careloop.core.services import ServiceError
from careloop.learning import selectors, services
from careloop.learning.models import Recommendation, Review
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


def test_a_sar_is_restricted_unless_said_otherwise(users):
    sar = f.review(
        users["quality_lead"], title="SAR: Adult Q", kind=Review.Kind.SAR, lead=users["manager"]
    )
    assert sar.is_restricted and sar.restriction_reason == "Safeguarding Adults Review"
    seen = {role: selectors.reviews(u).filter(pk=sar.pk).exists() for role, u in users.items()}
    # leads see restricted reviews; the manager is the named lead; others do not
    assert seen == {
        "admin": True,
        "quality_lead": True,
        "manager": True,
        "practitioner": False,
        "viewer": False,
    }
    open_sar = f.review(users["quality_lead"], kind=Review.Kind.SAR, is_restricted=False)
    assert not open_sar.is_restricted


def test_a_sar_must_say_whether_it_is_mandatory(users):
    with pytest.raises(ServiceError, match="mandatory or discretionary"):
        services.review_create(
            user=users["quality_lead"], title="SAR", kind=Review.Kind.SAR, started_on=TODAY
        )
    assert not Review.objects.exists()


def test_a_coroners_report_is_answered_in_56_days(users):
    pfd = f.review(users["quality_lead"], kind=Review.Kind.PFD, started_on=dt.date(2026, 1, 5))
    assert pfd.response_due_on == dt.date(2026, 3, 2)
    assert pfd.response_overdue is (dt.date(2026, 3, 2) < TODAY)


def test_duty_of_candour_needs_the_incident_and_sensible_dates(users):
    with pytest.raises(ServiceError, match="date of the notifiable incident"):
        f.review(users["quality_lead"], kind=Review.Kind.CANDOUR)
    with pytest.raises(ServiceError, match="cannot be before the incident"):
        f.review(
            users["quality_lead"],
            kind=Review.Kind.CANDOUR,
            incident_on=TODAY,
            notified_on=TODAY - dt.timedelta(days=2),
        )
    record = f.review(
        users["quality_lead"],
        kind=Review.Kind.CANDOUR,
        incident_on=TODAY - dt.timedelta(days=3),
        notified_on=TODAY - dt.timedelta(days=2),
        apology_given=True,
    )
    assert record.apology_given


def test_reported_before_it_started_is_refused(users):
    with pytest.raises(ServiceError, match="on or after the date it started|same as or after"):
        f.review(users["quality_lead"], started_on=TODAY, reported_on=TODAY - dt.timedelta(days=1))


def test_recommendations_are_numbered_and_partial_answers_explained(users):
    review = f.review(users["quality_lead"])
    first, second = f.recommendation(review, "One"), f.recommendation(review, "Two")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ServiceError, match="Say why"):
        services.recommendation_update(
            recommendation=first, text="One", response=Recommendation.Response.NOT_ACCEPTED
        )
    services.recommendation_update(
        recommendation=first, text="One", response="partly", response_note="Budget for half"
    )
    assert Recommendation.objects.get(pk=first.pk).response == "partly"


def test_review_list_counts_recommendations_and_open_actions(users):
    review = f.review(users["quality_lead"])
    rec = f.recommendation(review)
    f.action(users["manager"], recommendation=rec)
    f.done_action(users["manager"], recommendation=rec)
    row = selectors.reviews(users["viewer"]).get(pk=review.pk)
    assert row.recommendation_count == 1 and row.open_actions == 1
