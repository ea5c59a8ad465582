"""People's decisions about themes: reviewing the themes and sentiment of a piece of feedback,
flagging comments, chart settings, rebases and alert subscriptions.

A review is written to the audit trail of the feedback record (so its history shows who
confirmed, removed or added which theme), and reviewed feedback is what the next training
learns from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from careloop.core import audit, derived
from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.themes import aggregates
from careloop.themes.models import (
    Classification,
    CommentFlag,
    FeedbackTheme,
    FrameworkVersion,
    Rebase,
    SeriesSettings,
    SignalSubscription,
    Source,
    Theme,
)
from careloop.themes.series import SENTIMENTS, SeriesKey
from careloop.themes.services.classify import LINK_DIMS, dims_of

# What a person may set on a series' chart (the settings form's fields).
SERIES_SETTINGS_FIELDS = ("direction", "trend_length", "shift_length", "baseline_points")


def added_by(user, when, framework, **fields) -> FeedbackTheme:
    """A theme a person gave an item: confirmed, by them, at `when`."""
    return FeedbackTheme(
        status=FeedbackTheme.Status.CONFIRMED,
        source=Source.PERSON,
        framework_version=framework,
        decided_by=user,
        decided_at=when,
        **fields,
    )


def classification_for(feedback: Feedback) -> Classification:
    item = Classification.objects.select_for_update().filter(feedback_id=feedback.pk).first()
    if item is None:
        item = Classification.objects.create(
            feedback_id=feedback.pk,
            framework_version=FrameworkVersion.current_number(),
            **dims_of(feedback),
        )
    return item


@transaction.atomic
def themes_review(
    *,
    feedback: Feedback,
    user,
    theme_ids: Iterable[int],
    sentiment: int | None,
) -> Classification:
    """Record a person's review: the themes they keep or add are confirmed, the rest of the
    suggestions are removed; the sentiment they give is kept as theirs."""
    if feedback.is_deleted:
        raise ServiceError("This feedback has been deleted")
    chosen = set(theme_ids)
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=chosen)}
    if len(themes) != len(chosen):
        raise ServiceError("One of the themes chosen does not exist", field="themes")
    if sentiment is not None and sentiment not in SENTIMENTS:
        raise ServiceError(
            "Sentiment must be from 1 (very positive) to 5 (very negative)", field="sentiment"
        )
    now = timezone.now()
    framework = FrameworkVersion.current_number()
    item = classification_for(feedback)
    deltas = aggregates.Deltas.for_feedback([feedback.pk])
    links = {
        link.theme_id: link
        for link in FeedbackTheme.objects.filter(feedback=feedback).select_related("theme")
    }
    confirmed: list[str] = []
    added: list[str] = []
    removed: list[str] = []
    old_sentiment = item.sentiment
    deltas.add_item(item, -1)
    for link in links.values():
        deltas.add_link(link, -1)
    if sentiment is not None:
        item.sentiment = sentiment
        item.sentiment_source = Source.PERSON
        item.sentiment_confidence = None
    for theme_id, link in links.items():
        keep = theme_id in chosen
        status = FeedbackTheme.Status.CONFIRMED if keep else FeedbackTheme.Status.REJECTED
        if link.status != status:
            (confirmed if keep else removed).append(link.theme.name)
            link.status = status
            link.decided_by, link.decided_at = user, now
    for theme_id in chosen - set(links):
        theme = themes[theme_id]
        if not theme.is_active:
            raise ServiceError(f"“{theme.name}” is retired: choose a theme in use", field="themes")
        links[theme_id] = added_by(
            user, now, framework, feedback=feedback, theme=theme, month=item.month
        )
        added.append(theme.name)
    for link in links.values():
        for k in LINK_DIMS:
            setattr(link, k, getattr(item, k))
        link.sentiment = item.sentiment
        link.counted = item.live and link.status in FeedbackTheme.COUNTED
        link.save()
        deltas.add_link(link)
    item.reviewed_by, item.reviewed_at = user, now
    item.save()
    deltas.add_item(item)
    aggregates.apply(deltas)
    CommentFlag.objects.filter(
        feedback=feedback, kind=CommentFlag.Kind.WRONG, resolved_at__isnull=True
    ).update(resolved_at=now)
    changes: dict = {}
    if confirmed:
        changes["themes confirmed"] = {"confirmed": sorted(confirmed)}
    if added:
        changes["themes added"] = {"added": sorted(added)}
    if removed:
        changes["themes removed"] = {"removed": sorted(removed)}
    if sentiment is not None and sentiment != old_sentiment:
        changes["sentiment"] = [
            SENTIMENTS.get(old_sentiment, "(none)") if old_sentiment is not None else "(none)",
            SENTIMENTS.get(sentiment),
        ]
    audit.record(
        AuditEntry.Action.UPDATE,
        feedback,
        changes=changes or {"themes reviewed": {"unchanged": ["no changes"]}},
        reason="Themes reviewed",
        actor=user,
    )
    return item


def themes_confirm(*, feedback: Feedback, user) -> Classification:
    """Confirm the suggested themes and sentiment as they are."""
    keep = FeedbackTheme.objects.filter(
        feedback=feedback, status__in=FeedbackTheme.COUNTED
    ).values_list("theme_id", flat=True)
    item = Classification.objects.filter(feedback=feedback).first()
    return themes_review(
        feedback=feedback,
        user=user,
        theme_ids=list(keep),
        sentiment=item.sentiment if item else None,
    )


# --- Flags ---------------------------------------------------------------------------------------
@transaction.atomic
def comment_flag(*, feedback: Feedback, user, kind: str, note: str = "") -> CommentFlag:
    if kind not in CommentFlag.Kind.values:
        raise ServiceError("Choose notable or wrongly themed", field="kind")
    if CommentFlag.objects.filter(feedback=feedback, kind=kind, resolved_at__isnull=True).exists():
        label = CommentFlag.Kind(kind).label.lower()
        raise ServiceError(f"This comment is already flagged as {label}")
    return CommentFlag.objects.create(
        feedback=feedback, kind=kind, note=note.strip()[:300], flagged_by=user
    )


@transaction.atomic
def comment_unflag(*, flag: CommentFlag, user) -> CommentFlag:
    if flag.resolved_at:
        raise ServiceError("This flag has already been cleared")
    flag.resolved_at = timezone.now()
    flag.save()
    return flag


# --- Charts --------------------------------------------------------------------------------------
@transaction.atomic
def series_settings_save(*, key: SeriesKey, form) -> SeriesSettings:
    settings = form.save(commit=False)
    settings.key = str(key.without_rate())
    settings.save()
    return settings


@transaction.atomic
def rebase_add(*, key: SeriesKey, month: dt.date, reason: str, user) -> Rebase:
    if not reason.strip():
        raise ServiceError(
            "Record why the process changed: a rebase needs a reason", field="reason"
        )
    month = month.replace(day=1)
    text = str(key.without_rate())
    if Rebase.objects.filter(key=text, month=month).exists():
        raise ServiceError(f"There is already a new baseline from {month:%B %Y}", field="month")
    return Rebase.objects.create(key=text, month=month, reason=reason.strip(), created_by=user)


@transaction.atomic
def rebase_remove(*, rebase: Rebase) -> None:
    rebase.delete()


# --- Alerts --------------------------------------------------------------------------------------
@transaction.atomic
def subscribe(*, user, theme: Theme | None, concerns_only: bool) -> SignalSubscription:
    existing = SignalSubscription.objects.filter(user=user, theme=theme).first()
    if existing:
        existing.concerns_only = concerns_only
        existing.save()
        return existing
    return SignalSubscription.objects.create(user=user, theme=theme, concerns_only=concerns_only)


@transaction.atomic
def unsubscribe(*, subscription: SignalSubscription) -> None:
    subscription.delete()


@transaction.atomic
def themes_review_many(*, decisions: dict[int, tuple[list[int], int | None]], user) -> int:
    """Record many people's reviews at once (for loading data such as the demo): the same
    outcome as `themes_review` for each item, written in bulk. `decisions` maps a feedback
    id to (theme ids, sentiment)."""
    if not decisions:
        return 0
    now = timezone.now()
    framework = FrameworkVersion.current_number()
    ids = list(decisions)
    feedback = {f.pk: f for f in Feedback.objects.filter(pk__in=ids)}
    items = {c.feedback_id: c for c in Classification.objects.filter(feedback_id__in=ids)}
    for pk, f in feedback.items():
        if pk not in items:
            items[pk] = Classification.objects.create(
                feedback_id=pk, framework_version=framework, **dims_of(f)
            )
    links: dict[int, dict[int, FeedbackTheme]] = {}
    for link in FeedbackTheme.objects.filter(feedback_id__in=ids):
        links.setdefault(link.feedback_id, {})[link.theme_id] = link
    deltas = aggregates.Deltas.for_feedback(ids)
    changed, new = [], []
    names = dict(Theme.objects.values_list("pk", "name"))
    entries = []
    for pk, (theme_ids, sentiment) in decisions.items():
        if pk not in feedback:
            continue
        item = items[pk]
        deltas.add_item(item, -1)
        if sentiment is not None:
            item.sentiment, item.sentiment_source, item.sentiment_confidence = (
                sentiment,
                Source.PERSON,
                None,
            )
        item.reviewed_by, item.reviewed_at = user, now
        deltas.add_item(item)
        chosen = set(theme_ids)
        current = links.get(pk, {})
        for theme_id, link in current.items():
            deltas.add_link(link, -1)
            link.status = (
                FeedbackTheme.Status.CONFIRMED
                if theme_id in chosen
                else FeedbackTheme.Status.REJECTED
            )
            link.decided_by, link.decided_at = user, now
            link.sentiment = item.sentiment
            link.counted = item.live and link.status in FeedbackTheme.COUNTED
            deltas.add_link(link)
            changed.append(link)
        for theme_id in chosen - set(current):
            link = added_by(
                user,
                now,
                framework,
                feedback_id=pk,
                theme_id=theme_id,
                sentiment=item.sentiment,
                counted=item.live,
                **{k: getattr(item, k) for k in LINK_DIMS},
            )
            deltas.add_link(link)
            new.append(link)
        entries.append(
            AuditEntry(
                actor_id=getattr(user, "pk", None),
                source=audit.current().source,
                action=AuditEntry.Action.UPDATE,
                content_type=_feedback_type(),
                object_id=str(pk),
                object_repr=str(feedback[pk])[:200],
                changes={"themes confirmed": {"confirmed": sorted(names[t] for t in chosen)}},
                reason="Themes reviewed",
            )
        )
    Classification.objects.bulk_update(
        [items[pk] for pk in decisions if pk in feedback],
        ["sentiment", "sentiment_source", "sentiment_confidence", "reviewed_by", "reviewed_at"],
        batch_size=1000,
    )
    FeedbackTheme.objects.bulk_update(
        changed, ["status", "decided_by", "decided_at", "sentiment", "counted"], batch_size=1000
    )
    FeedbackTheme.objects.bulk_create(new, batch_size=1000)
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    aggregates.apply(deltas)
    derived.changed("themes.FeedbackTheme")  # bulk writes send no save signals
    return len(entries)


def _feedback_type():
    return ContentType.objects.get_for_model(Feedback, for_concrete_model=False)
