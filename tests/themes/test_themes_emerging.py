"""Emerging topics in the loop (keyword stand-in classifier; the real model is tested in
tests/themes/ml/test_emerging.py): found in a period's feedback, never with restricted
feedback, found again as the same topic, and a quality lead's decisions on the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.themes import services
from careloop.themes.models import EmergingTopic, FeedbackTheme, FrameworkVersion, Theme
from tests.feedback.factories import make_feedback

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
APP = [
    "The new booking app keeps rejecting my password and login code",
    "Booking app login fails, the password reset code never arrives",
    "Cannot log in to the booking app: password code rejected again",
    "The booking app asks for a login code that never comes",
    "Password reset on the booking app does not work",
    "Login to the new booking app fails every time with my password",
    "The booking app code for login expired before it arrived",
    "My password is not accepted by the booking app login",
    "Booking app: login code rejected, password reset broken",
    "The app for booking keeps saying my login code is wrong",
    "New booking app login is impossible, the code is never sent",
    "Reset password link in the booking app goes nowhere, cannot login",
]


def _month(n: int) -> dt.date:
    month = TODAY.replace(day=1)
    for _ in range(n):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return month + dt.timedelta(days=4)


@pytest.fixture
def feedback(db):
    """Forty comments the themes cover (charging, staff), twelve about a booking app (in the
    last months, more each month) and one restricted comment about the app."""
    covered = []
    for i in range(40):
        text = (
            "Nobody explained the charges on my care bill"
            if i % 2
            else "The social worker was rude to my mother"
        )
        covered.append(make_feedback(text=f"{text} ({i})", received_on=_month(i % 5 + 1)))
    app = [
        make_feedback(
            text=text,
            received_on=_month(3 if i < 2 else 2 if i < 5 else 1),
            from_email=f"person{i}@example.org",
        )
        for i, text in enumerate(APP)
    ]
    hidden = make_feedback(
        text="The booking app login code is rejected: safeguarding concern Quixote",
        is_restricted=True,
        restriction_reason="Safeguarding enquiry",
        received_on=_month(1),
    )
    return covered, app, hidden


def _find():
    return services.emerging_find(start=_month(6), end=TODAY, user=None)


def test_a_group_the_themes_do_not_cover_is_found_without_restricted_feedback(feedback):
    covered, app, hidden = feedback
    found = _find()
    assert found, "the app comments should make a topic"
    topic = max(found, key=lambda t: t.size)
    ids = set(topic.comments.values_list("feedback_id", flat=True))
    assert len(ids & {f.pk for f in app}) >= 8
    assert {"app", "booking", "login", "password", "code"} & set(topic.words)
    assert hidden.pk not in {c.feedback_id for t in found for c in t.comments.all()}
    assert "quixote" not in " ".join(w for t in found for w in t.words)
    assert topic.growing  # two, then three, then seven comments a month
    assert topic.comments.filter(typical=True).count() == 3


def test_found_again_it_is_the_same_topic_and_a_dismissed_topic_stays_dismissed(feedback, users):
    first = max(_find(), key=lambda t: t.size)
    again = max(_find(), key=lambda t: t.size)
    assert again.pk == first.pk and EmergingTopic.objects.count() == len(_find())
    services.emerging_dismiss(topic=again, user=users["quality_lead"], note="Known: contract ends")
    after = {t.pk: t for t in _find()}
    assert after[first.pk].status == EmergingTopic.Status.DISMISSED
    with pytest.raises(ServiceError, match="dismissed already"):
        services.emerging_dismiss(topic=after[first.pk], user=users["quality_lead"])


def test_merging_confirms_the_topics_comments_in_the_theme(feedback, users):
    topic = max(_find(), key=lambda t: t.size)
    theme = Theme.objects.active().first()
    added = services.emerging_merge(topic=topic, theme=theme, user=users["quality_lead"])
    ids = list(topic.comments.values_list("feedback_id", flat=True))
    assert added == len(ids)
    links = FeedbackTheme.objects.filter(feedback_id__in=ids, theme=theme)
    assert links.count() == len(ids)
    assert set(links.values_list("status", flat=True)) == {FeedbackTheme.Status.CONFIRMED}
    topic.refresh_from_db()
    assert topic.status == EmergingTopic.Status.MERGED and topic.theme == theme
    assert AuditEntry.objects.filter(reason__contains="From the emerging topic").count() == len(ids)
    theme.is_active = False
    theme.save()
    second = EmergingTopic.objects.create(label="x", period_start=TODAY, period_end=TODAY, size=0)
    with pytest.raises(ServiceError, match="retired"):
        services.emerging_merge(topic=second, theme=theme, user=users["quality_lead"])


def test_too_few_comments_in_the_period_is_refused(db):
    for i in range(5):
        make_feedback(text=f"Something {i}", received_on=TODAY)
    with pytest.raises(ServiceError, match="at least 20"):
        _find()


# --- pages ----------------------------------------------------------------------------------------
def test_a_lead_finds_and_promotes_a_topic_on_the_pages(feedback, users, login):
    client = login(users["quality_lead"])
    bad = client.post(
        "/themes/emerging/find/",
        {
            "start_0": "1",
            "start_1": "1",
            "start_2": "2026",
            "end_0": "31",
            "end_1": "13",
            "end_2": "2025",
        },
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    assert not EmergingTopic.objects.exists()
    start, end = _month(6), TODAY
    response = client.post(
        "/themes/emerging/find/",
        {
            "start_0": start.day,
            "start_1": start.month,
            "start_2": start.year,
            "end_0": end.day,
            "end_1": end.month,
            "end_2": end.year,
        },
    )
    assert response.status_code == 302
    topic = EmergingTopic.objects.order_by("-size").first()
    listing = client.get("/themes/emerging/").content.decode()
    assert topic.label in listing
    page = client.get(f"/themes/emerging/{topic.pk}/").content.decode()
    assert "Promote to a new theme" in page and "booking app" in page.lower()
    assert "Quixote" not in page
    form = client.get(f"/themes/emerging/{topic.pk}/promote/").content.decode()
    assert "Promote" in form
    version = FrameworkVersion.current_number()
    category = Theme.objects.active().first().category_id
    response = client.post(
        f"/themes/emerging/{topic.pk}/promote/",
        {
            "name": "Online booking",
            "category": category,
            "description": "The online booking app: signing in, passwords and codes.",
            "examples": "the booking app rejects my password",
            "direction": "lower",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    theme = Theme.objects.get(name="Online booking")
    assert FrameworkVersion.current_number() == version + 1
    topic.refresh_from_db()
    assert topic.status == EmergingTopic.Status.PROMOTED and topic.theme == theme
    ids = topic.comments.values_list("feedback_id", flat=True)
    assert FeedbackTheme.objects.filter(feedback_id__in=ids, theme=theme).count() == topic.size
    # decided: no more decisions
    again = client.post(f"/themes/emerging/{topic.pk}/dismiss/", {"note": ""})
    assert again.status_code == 200 and "promoted to a theme already" in again.content.decode()


def test_a_practitioner_reads_topics_but_cannot_decide(feedback, users, login):
    topic = max(_find(), key=lambda t: t.size)
    client = login(users["practitioner"])
    page = client.get(f"/themes/emerging/{topic.pk}/").content.decode()
    assert topic.label in page and "Promote to a new theme" not in page
    assert client.post(f"/themes/emerging/{topic.pk}/dismiss/", {"note": ""}).status_code == 403
    assert client.get("/themes/emerging/find/").status_code == 403
    topic.refresh_from_db()
    assert topic.status == EmergingTopic.Status.NEW


def test_nightly_search_signals_page_and_qa_agenda_show_a_growing_topic(feedback, users, login):
    from careloop.learning.selectors.provided import emerging_topics
    from careloop.themes.tasks import SCHEDULE, find_emerging

    assert "careloop.themes.tasks.find_emerging" in [job.task for job in SCHEDULE]
    assert find_emerging.call() >= 1
    topic = EmergingTopic.objects.order_by("-size").first()
    assert topic.growing
    page = login(users["practitioner"]).get("/themes/signals/").content.decode()
    assert "Emerging topics" in page and topic.label in page
    viewer = login(users["viewer"]).get("/themes/signals/").content.decode()
    assert topic.label not in viewer  # topics quote comments: staff who may read them only
    items = list(emerging_topics(TODAY - dt.timedelta(days=1), TODAY))
    assert [i.record for i in items] == [topic] and items[0].kind == "emerging_topic"
    services.emerging_dismiss(topic=topic, user=users["quality_lead"])
    assert list(emerging_topics(TODAY - dt.timedelta(days=1), TODAY)) == []


def test_the_nightly_search_with_too_little_feedback_finds_nothing(db):
    from careloop.themes.tasks import find_emerging

    assert find_emerging.call() == 0
    assert not EmergingTopic.objects.exists()


def test_the_api_lists_topics_with_the_feedback_the_person_may_read(feedback, users, login):
    _find()
    client = login(users["practitioner"])
    topics = client.get("/api/v1/themes/emerging/").json()
    assert topics and {"label", "words", "size", "status", "feedback"} <= set(topics[0])
    assert all(len(t["feedback"]) == t["size"] for t in topics)  # none of them restricted
    assert client.get("/api/v1/themes/emerging/?status=dismissed").json() == []
    bad = client.get("/api/v1/themes/emerging/?status=gone")
    assert bad.status_code == 400 and "status" in bad.json()


def test_bad_decisions_change_nothing(feedback, users, login):
    topic = max(_find(), key=lambda t: t.size)
    client = login(users["quality_lead"])
    for theme in ("99999999999999999999", "abc", ""):
        response = client.post(f"/themes/emerging/{topic.pk}/merge/", {"theme": theme})
        assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert client.get("/themes/emerging/99999999999999999999/").status_code == 404
    assert client.get("/themes/emerging/?status=zzz").status_code == 200
    topic.refresh_from_db()
    assert topic.status == EmergingTopic.Status.NEW and topic.theme is None
