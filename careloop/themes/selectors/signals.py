"""Signals, as each person may see them, the new ones for other areas (the QA agenda), and
the alerts a person subscribed to."""

from __future__ import annotations

import datetime as dt

from careloop.themes import series as S
from careloop.themes.models import Signal, SignalSubscription
from careloop.themes.selectors.audience import with_restricted
from careloop.themes.series import SeriesKey


def signals(user, *, month: dt.date | None = None, since: dt.date | None = None):
    """Signals the person may see: for one month, or every month from `since`."""
    qs = Signal.objects.filter(with_restricted=with_restricted(user)).select_related("theme")
    if month:
        qs = qs.filter(month=month)
    if since:
        qs = qs.filter(month__gte=since)
    return qs.order_by("-month", "variation", "label")


def new_signals(
    *, since: dt.date | None = None, until: dt.date | None = None, user=None
) -> list[Signal]:
    """Signals in the last complete month first seen between two dates, for other areas (the
    QA meeting agenda).

    Without a user, only counts without restricted feedback are used."""
    audience = with_restricted(user) if user is not None else False
    qs = Signal.objects.filter(with_restricted=audience, month=S.last_complete_month())
    if since:
        qs = qs.filter(first_seen_at__date__gte=since)
    if until:
        qs = qs.filter(first_seen_at__date__lte=until)
    return list(qs.select_related("theme").order_by("variation", "label"))


def latest_signal(user, key: SeriesKey) -> Signal | None:
    """The series' most recent signal the person may see (what an action is raised from)."""
    return (
        Signal.objects.filter(key=str(key.without_rate()), with_restricted=with_restricted(user))
        .order_by("-month")
        .first()
    )


def subscriptions_of(user):
    return SignalSubscription.objects.filter(user=user).select_related("theme")
