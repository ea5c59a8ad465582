"""A review is linked to the feedback it arose from: found by reference, restricted feedback
only for people who may see it, on the review's page and in the API."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.learning import services
from tests.learning import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def feedback(reference, **extra):
    return Feedback.objects.create(
        reference=reference,
        kind=extra.pop("kind", "complaint"),
        channel="email",
        received_on=extra.pop("received_on", TODAY - dt.timedelta(days=30)),
        text="Charged without being told",
        **extra,
    )


@pytest.fixture
def items(users):
    return {
        "open": feedback("FB-2026-0101"),
        "other": feedback("FB-2026-0102", kind="concern"),
        "secret": feedback("FB-2026-0199", is_restricted=True, restriction_reason="Safeguarding"),
        "elsewhere": feedback("FB-2025-0500"),
    }


def test_feedback_is_found_by_reference_and_linked(login, users, items):
    lead = users["quality_lead"]
    review = f.review(lead)
    client = login(lead)
    url = reverse("learning:review_feedback", args=[review.pk])
    page = client.get(url, {"q": "2026-01"}).content.decode()
    assert "FB-2026-0101" in page and "FB-2026-0102" in page and "FB-2026-0199" in page
    assert "FB-2025-0500" not in page

    response = client.post(url, {"q": "2026-01", "feedback": items["open"].pk})
    assert response.status_code == 302
    assert response["Location"].endswith(review.get_absolute_url() + "#arises-from")
    client.post(url, {"q": "2026-01", "feedback": items["secret"].pk})
    assert sorted(services.linked_feedback_ids(review)) == [items["open"].pk, items["secret"].pk]
    page = client.get(url, {"q": "2026-01"}).content.decode()
    assert page.count(">Linked<") == 2

    # the review's page links them; a restricted one is not named to people who may not see it
    shown = client.get(review.get_absolute_url()).content.decode()
    assert items["open"].get_absolute_url() in shown and "FB-2026-0199" in shown
    shown = login(users["viewer"]).get(review.get_absolute_url()).content.decode()
    assert items["open"].get_absolute_url() in shown
    assert "FB-2026-0199" not in shown and "A restricted record you cannot see" in shown


def test_bad_searches_and_links_are_refused(login, users, items):
    lead = users["quality_lead"]
    review = f.review(lead)
    client = login(lead)
    url = reverse("learning:review_feedback", args=[review.pk])
    empty = client.get(url, {"q": "  "})
    assert empty.status_code == 200 and "govuk-error-summary" in empty.content.decode()
    assert "Enter all or part of a feedback reference" in empty.content.decode()
    nothing = client.get(url, {"q": "ZZZ-999"}).content.decode()
    assert "No feedback you may see has a reference containing “ZZZ-999”" in nothing

    missing = client.post(url, {"q": "FB-2026", "feedback": 999999})
    html = missing.content.decode()
    assert missing.status_code == 200 and "No such feedback item" in html
    assert 'value="FB-2026"' in html  # the search is kept
    client.post(url, {"q": "FB", "feedback": items["open"].pk})
    again = client.post(url, {"q": "FB", "feedback": items["open"].pk}).content.decode()
    assert "FB-2026-0101 is already linked to" in again
    assert services.linked_feedback_ids(review) == [items["open"].pk]


def test_the_service_refuses_feedback_the_person_may_not_see(users, items):
    review = f.review(users["quality_lead"])
    with pytest.raises(ServiceError, match="No such feedback item"):
        services.review_link_feedback(
            review=review, user=users["manager"], feedback=items["secret"]
        )
    services.review_link_feedback(review=review, user=users["manager"], feedback=items["open"])
    assert services.linked_feedback_ids(review) == [items["open"].pk]


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_the_api_links_and_lists_feedback(api, users, items):
    lead = users["quality_lead"]
    review = f.review(lead)
    url = f"/api/v1/reviews/{review.pk}/"
    client = api(lead)
    response = client.patch(
        url,
        {"link_feedback": [items["open"].pk, items["secret"].pk]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["feedback"] == [
        {"id": items["open"].pk, "reference": "FB-2026-0101"},
        {"id": items["secret"].pk, "reference": "FB-2026-0199"},
    ]
    again = client.patch(
        url, {"link_feedback": [items["open"].pk]}, content_type="application/json"
    )
    assert again.status_code == 200 and len(again.json()["feedback"]) == 2  # not twice
    seen = api(users["viewer"]).get(url).json()["feedback"]
    assert seen == [{"id": items["open"].pk, "reference": "FB-2026-0101"}]
    bad = api(lead).patch(url, {"link_feedback": [999999]}, content_type="application/json")
    assert bad.status_code == 400 and "link_feedback" in str(bad.json())
