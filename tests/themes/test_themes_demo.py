"""The demo step: people's reviews on part of the feedback, a version trained on them that
themes the rest, counts and signals; loading again changes nothing."""

import datetime as dt

from careloop.core.models import AuditEntry
from careloop.demo import org
from careloop.demo import themes as demo_themes
from careloop.themes.models import Classification, FeedbackTheme, ModelVersion, MonthlyCount
from tests.feedback.factories import make_feedback

TEXTS = {
    "Charging and financial assessment": "Nobody explained the charges on my care bill",
    "Home care": "The home care visits are always late and rushed",
    "Positive experience and gratitude": "Thank you so much, the team were wonderful",
}


def test_demo_themes_are_reviewed_trained_and_repeatable(db, monkeypatch):
    org.load(lambda line: None)
    wanted = {}
    for i in range(30):
        name = list(TEXTS)[i % 3]
        item = make_feedback(text=f"{TEXTS[name]} ({i})", received_on=dt.date(2026, 3, 1 + i % 20))
        wanted[item.reference] = [name]
    monkeypatch.setattr(demo_themes, "intended", lambda: demo_themes._resolve(wanted))
    log = []
    demo_themes.load(log.append)
    reviewed = Classification.objects.filter(reviewed_at__isnull=False)
    assert 0 < reviewed.count() < 30
    trained = ModelVersion.objects.get(note__startswith=demo_themes.DEMO_NOTE)
    assert trained.is_active and trained.kind == "trained"
    assert trained.examples == reviewed.count()
    assert Classification.objects.filter(model_version=trained).count() == 30 - reviewed.count()
    assert FeedbackTheme.objects.filter(status="confirmed").count() >= reviewed.count()
    assert MonthlyCount.objects.filter(dim="all", theme=0).exists()
    counts = (ModelVersion.objects.count(), AuditEntry.objects.count())
    demo_themes.load(log.append)
    assert (ModelVersion.objects.count(), AuditEntry.objects.count()) == counts
