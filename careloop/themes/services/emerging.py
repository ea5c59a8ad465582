"""Emerging topics in the loop: look for them in a period's feedback, and a quality lead's
decisions on each (dismiss, merge into a theme, promote to a new theme)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone

from careloop.core import audit
from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.themes import aggregates
from careloop.themes.models import EmergingTopic, EmergingTopicComment, FeedbackTheme, Theme
from careloop.themes.models.framework import FrameworkVersion
from careloop.themes.services.classify import LINK_DIMS, load_model, model_in_use
from careloop.themes.services.framework import theme_save
from careloop.themes.services.review import added_by, classification_for

SAME_TOPIC = 0.5  # share of comments two topics have in common to be one topic found again
DEFAULT_MONTHS = 6


def period_default(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last six whole months and this one so far."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    for _ in range(DEFAULT_MONTHS):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return start, today


def _comments(start: dt.date, end: dt.date):
    """Feedback of the period a topic may be found in: not deleted, not restricted (restricted
    feedback is never part of a topic, so a topic's words and counts can be shown to anyone who
    may read topics), with words in it."""
    return (
        Feedback.objects.filter(received_on__range=(start, end), is_restricted=False)
        .exclude(text="")
        .only("id", "text", "from_email", "from_name")
        .order_by("id")
    )


@transaction.atomic
def emerging_find(*, start: dt.date, end: dt.date, user=None) -> list[EmergingTopic]:
    """Look for topics in the period's feedback; keep the decisions already made on topics
    found again (most of their comments shared); drop open topics not found again."""
    # imported here: the ML engine (numpy, scikit-learn) loads only when used
    from careloop.themes.ml.emerging import find_topics

    if start > end:
        raise ServiceError("The period must start before it ends", field="start")
    rows = list(_comments(start, end))
    if len(rows) < 20:
        raise ServiceError(
            f"{len(rows)} comments in this period: at least 20 are needed to find topics"
        )
    model = load_model(model_in_use())
    coverage = getattr(model, "coverage", None)
    if coverage is None:
        raise ServiceError("The classifier in use cannot tell how well it covers a comment")
    texts = [f.text for f in rows]
    vectors, poor = coverage(texts)
    people = [(f.from_email or f.from_name or "").strip().lower() or None for f in rows]
    found = find_topics([str(f.pk) for f in rows], texts, vectors, poor, people=people)
    months = {f.pk: f.received_on.replace(day=1) for f in rows}
    existing = list(
        EmergingTopic.objects.filter(period_end__gte=start, period_start__lte=end).prefetch_related(
            "comments"
        )
    )
    kept: list[EmergingTopic] = []
    for topic in found:
        ids = {int(i) for i in topic.ids}
        match = _match(existing, ids)
        if match is not None and not match.is_open:
            kept.append(match)  # decided already: found again, it stays as decided
            continue
        if match is not None and _unchanged(match, topic, ids, start, end):
            kept.append(match)  # found again as it was: nothing to write
            continue
        record = match or EmergingTopic(period_start=start, period_end=end)
        record.label, record.words, record.size = topic.label, list(topic.words), topic.size
        record.cohesion, record.period_start, record.period_end = topic.cohesion, start, end
        record.growing = _growing([months[i] for i in ids], end)
        record.found_at = timezone.now()
        record.save()
        record.comments.all().delete()
        typical = {int(i) for i in topic.typical}
        EmergingTopicComment.objects.bulk_create(
            EmergingTopicComment(topic=record, feedback_id=i, typical=i in typical) for i in ids
        )
        kept.append(record)
    gone = [t.pk for t in existing if t.is_open and t not in kept]
    EmergingTopic.objects.filter(pk__in=gone).delete()
    return kept


def _unchanged(record: EmergingTopic, topic, ids: set[int], start, end) -> bool:
    same = {c.feedback_id for c in record.comments.all()} == ids
    return (
        same
        and record.label == topic.label
        and (record.period_start, record.period_end)
        == (
            start,
            end,
        )
    )


def _match(existing: list[EmergingTopic], ids: set[int]) -> EmergingTopic | None:
    best, share = None, 0.0
    for topic in existing:
        theirs = {c.feedback_id for c in topic.comments.all()}
        overlap = len(theirs & ids) / max(len(theirs | ids), 1)
        if overlap >= SAME_TOPIC and overlap > share:
            best, share = topic, overlap
    return best


def _growing(months: list[dt.date], end: dt.date) -> bool:
    """More comments in the latest whole month than in any month before it in the period."""
    counts = Counter(months)
    latest = end.replace(day=1)
    if counts.get(latest, 0) < 3 and end.day < 28:  # a month just begun: judge the one before
        latest = (latest - dt.timedelta(days=1)).replace(day=1)
    before = [n for m, n in counts.items() if m < latest]
    return counts.get(latest, 0) > max(before, default=0)


def _open(topic: EmergingTopic) -> None:
    if not topic.is_open:
        raise ServiceError(f"This topic was {topic.get_status_display().lower()} already")


def _decide(topic: EmergingTopic, *, status: str, user, note: str = "", theme=None) -> None:
    topic.status, topic.theme, topic.note = status, theme, note
    topic.decided_by, topic.decided_at = user, timezone.now()
    topic.save()


@transaction.atomic
def emerging_dismiss(*, topic: EmergingTopic, user, note: str = "") -> EmergingTopic:
    """Not a topic worth a theme: it stays dismissed when it is found again."""
    _open(topic)
    _decide(topic, status=EmergingTopic.Status.DISMISSED, user=user, note=note)
    return topic


@transaction.atomic
def emerging_merge(*, topic: EmergingTopic, theme: Theme, user, note: str = "") -> int:
    """The topic is part of an existing theme: its comments are confirmed in that theme, so the
    next training learns from them. Returns how many comments gained the theme."""
    _open(topic)
    if not theme.is_active:
        raise ServiceError(f"“{theme.name}” is retired: choose a theme in use", field="theme")
    added = _label(topic, theme, user)
    _decide(topic, status=EmergingTopic.Status.MERGED, user=user, note=note, theme=theme)
    return added


@transaction.atomic
def emerging_promote(*, topic: EmergingTopic, form, user) -> Theme:
    """A new theme (a validated ThemeForm) for the topic: the framework gets a new version, the
    topic's comments are its first confirmed examples, and until it has enough of them the
    classifier finds it by its description and example phrases (zero-shot)."""
    _open(topic)
    theme = theme_save(form=form, user=user, note=f"From the emerging topic “{topic.label}”")
    _label(topic, theme, user)
    _decide(topic, status=EmergingTopic.Status.PROMOTED, user=user, theme=theme)
    return theme


def _label(topic: EmergingTopic, theme: Theme, user) -> int:
    """Confirm `theme` on each of the topic's comments, keeping their other themes as they are."""
    now = timezone.now()
    framework = FrameworkVersion.current_number()
    ids = list(topic.comments.values_list("feedback_id", flat=True))
    feedback = Feedback.objects.filter(pk__in=ids, is_deleted=False)
    deltas = aggregates.Deltas.for_feedback(ids)
    links = {
        x.feedback_id: x for x in FeedbackTheme.objects.filter(feedback_id__in=ids, theme=theme)
    }
    added = 0
    for item in feedback:
        classification = classification_for(item)
        link = links.get(item.pk)
        if link is not None:
            if link.status == FeedbackTheme.Status.CONFIRMED:
                continue
            deltas.add_link(link, -1)
            link.status = FeedbackTheme.Status.CONFIRMED
            link.decided_by, link.decided_at = user, now
        else:
            link = added_by(
                user, now, framework, feedback=item, theme=theme, month=classification.month
            )
        for k in LINK_DIMS:
            setattr(link, k, getattr(classification, k))
        link.sentiment = classification.sentiment
        link.counted = classification.live
        link.save()
        deltas.add_link(link)
        added += 1
        audit.record(
            AuditEntry.Action.UPDATE,
            item,
            changes={"themes added": {"added": [theme.name]}},
            reason=f"From the emerging topic “{topic.label}”",
            actor=user,
        )
    aggregates.apply(deltas)
    return added
