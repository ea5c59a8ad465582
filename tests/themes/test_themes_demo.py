"""The demo step: people's reviews on part of the feedback, a version trained on them that
themes the rest, counts and signals; loading again changes nothing."""

import datetime as dt

from careloop.core.models import AuditEntry
from careloop.demo import org
from careloop.demo import themes as demo_themes
from careloop.feedback.models import Feedback
from careloop.themes.models import (
    Classification,
    EmergingTopic,
    FeedbackTheme,
    ModelVersion,
    MonthlyCount,
)
from tests.feedback.factories import make_feedback

TEXTS = {
    "Charging and financial assessment": "Nobody explained the charges on my care bill",
    "Home care": "The home care visits are always late and rushed",
    "Positive experience and gratitude": "Thank you so much, the team were wonderful",
}


RECENT = dt.date.today() - dt.timedelta(days=40)  # within the emerging topics' default period


def test_demo_themes_are_reviewed_trained_and_repeatable(db, monkeypatch):
    org.load(lambda line: None)
    wanted = {}
    for i in range(30):
        name = list(TEXTS)[i % 3]
        item = make_feedback(
            text=f"{TEXTS[name]} ({i})", received_on=RECENT - dt.timedelta(days=i % 20)
        )
        wanted[item.reference] = [name]
    monkeypatch.setattr(demo_themes, "intended", lambda: demo_themes._resolve(wanted))
    log = []
    demo_themes.load(log.append)
    reviewed = Classification.objects.filter(reviewed_at__isnull=False)
    assert 0 < reviewed.count() < 30
    trained = ModelVersion.objects.get(note__startswith=demo_themes.DEMO_NOTE)
    assert trained.is_active and trained.kind == "trained"
    assert trained.examples == reviewed.count()
    account = Feedback.objects.filter(survey=demo_themes.ACCOUNT_SURVEY)
    assert account.count() == sum(n for _, n in demo_themes.ACCOUNT_MONTHS)
    themed = Classification.objects.filter(model_version=trained).count()
    assert themed == 30 + account.count() - reviewed.count()
    # the care account comments no theme names come back as a growing emerging topic
    topic = EmergingTopic.objects.order_by("-size").first()
    assert topic is not None and topic.growing, log
    ids = set(topic.comments.values_list("feedback_id", flat=True))
    # (here with the keyword stand-in's bag of words: the real model found all 18 in the demo)
    assert len(ids & set(account.values_list("pk", flat=True))) >= 0.8 * len(ids)
    assert FeedbackTheme.objects.filter(status="confirmed").count() >= reviewed.count()
    assert MonthlyCount.objects.filter(dim="all", theme=0).exists()
    counts = (ModelVersion.objects.count(), Feedback.objects.count(), AuditEntry.objects.count())
    demo_themes.load(log.append)
    assert (
        ModelVersion.objects.count(),
        Feedback.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
