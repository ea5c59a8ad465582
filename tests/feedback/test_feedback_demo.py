"""Northshire's demo feedback: volume, kinds, the stories' rates and recoverable themes."""

import datetime as dt
from collections import Counter

from careloop.demo import feedback as demo
from careloop.demo import story
from careloop.demo.feedback_text import THEMES

TODAY = dt.date(2026, 11, 26)


def test_the_plan_has_every_kind_and_over_3000_items():
    items = demo.plan(TODAY)
    kinds = Counter(i.kind for i in items)
    assert len(items) >= 3100
    assert set(kinds) >= {
        "complaint",
        "corporate",
        "compliment",
        "comment",
        "survey",
        "partner",
        "member",
        "staff",
    }


def test_charging_complaints_follow_the_story_rates_exactly():
    per_month = Counter(i.month for i in demo.plan(TODAY) if i.extra.get("story") == "charging")
    for first, last in [
        (0, story.CHARGING_POLICY_CHANGE),
        (story.CHARGING_POLICY_CHANGE, story.FINANCE_TRAINING),
        (story.FINANCE_TRAINING, story.MONTHS),
    ]:
        months = range(first, last)
        mean = sum(per_month[m] for m in months) / len(months)
        assert abs(mean - story.charging_rate(first)) < 0.5 / len(months)
    assert len({per_month[m] for m in range(story.MONTHS)}) > 3  # it varies month to month


def test_hospital_discharge_concerns_rise_every_winter():
    items = demo.plan(TODAY)
    by_month = Counter(i.month for i in items if i.themes == ["hospital discharge"])
    winter = [m for m in range(story.MONTHS) if story.month_start(m, TODAY).month in (12, 1, 2)]
    summer = [m for m in range(story.MONTHS) if story.month_start(m, TODAY).month in (6, 7, 8)]
    mean = lambda months: sum(by_month[m] for m in months) / len(months)  # noqa: E731
    assert mean(winter) - mean(summer) > 3  # about 6 more a month in winter


def test_communication_complaints_fall_after_the_standard():
    items = demo.plan(TODAY)
    by_month = Counter(
        i.month for i in items if i.kind == "complaint" and i.themes == [demo.COMMUNICATION]
    )
    before = [by_month[m] for m in range(story.COMMUNICATION_STANDARD)]
    last = [by_month[m] for m in range(story.MONTHS - 3, story.MONTHS)]
    assert sum(last) / 3 < sum(before) / len(before) - 2


def test_intended_themes_are_the_framework_names_and_stable():
    themes = demo.intended_themes(TODAY)
    used = Counter(t for names in themes.values() for t in names)
    assert set(used) == set(THEMES)  # every theme is used, and only these
    assert all(names for names in themes.values())
    assert demo.intended_themes(TODAY) == themes
    # Another calendar month moves the seasons, not the story items' references.
    later = demo.intended_themes(dt.date(2027, 2, 3))
    story_items = [i.ref for i in demo.plan(TODAY) if i.extra.get("story") == "charging"]
    assert story_items and all(later[ref][0] == demo.CHARGING for ref in story_items)


def test_the_text_is_varied_not_templated():
    items = demo.plan(TODAY)
    texts = [i.text for i in items]
    assert len(set(texts)) / len(texts) > 0.6
    lengths = sorted(len(t) for t in texts)
    assert lengths[len(lengths) // 10] < 60 and lengths[-len(lengths) // 10] > 250
    assert any(
        "recieved" in t or "assesment" in t or "untill" in t or "becuase" in t for t in texts
    )


def test_loading_is_idempotent_and_links_ombudsman_enquiries(db):
    from careloop.demo import org
    from careloop.feedback.models import EqualityMonitoring, Feedback

    lines = []
    org.load(lines.append)
    demo.load(lines.append)
    count = Feedback.objects.count()
    assert count >= 3000
    demo.load(lines.append)
    assert Feedback.objects.count() == count and "already loaded" in lines[-1]
    enquiries = Feedback.objects.filter(kind="ombudsman")
    assert enquiries.exists()
    assert all(e.complaint.lgsco_referred_on for e in enquiries.select_related("complaint"))
    assert EqualityMonitoring.objects.count() > 100
    refs = set(
        Feedback.objects.filter(source=demo.SOURCE)
        .exclude(kind="ombudsman")
        .values_list("external_ref", flat=True)
    )
    assert refs <= set(demo.intended_themes())
