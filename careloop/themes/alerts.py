"""Email alerts: new signals, to the people who subscribed (careloop.core.notify).

Each person gets one email listing the new signals they may see: with restricted feedback
only if their role may see it, for the themes they chose, and only concerns if they asked.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careloop.core import notify
from careloop.core.permissions import can
from careloop.feedback.models import Feedback
from careloop.themes.models import Signal, SignalSubscription
from careloop.themes.series import last_complete_month


def send_new_signal_alerts(today: dt.date | None = None) -> int:
    """Send the alerts; returns how many emails went out."""
    month = last_complete_month(today)
    pending = list(Signal.objects.filter(month=month, notified_at__isnull=True))
    if not pending:
        return 0
    people: dict[int, list[SignalSubscription]] = {}
    for sub in SignalSubscription.objects.select_related("user", "theme"):
        if sub.user.is_active and can(sub.user, "themes.subscribe"):
            people.setdefault(sub.user_id, []).append(sub)
    sent = 0
    for subs in people.values():
        user = subs[0].user
        audience = can(user, Feedback.restricted_perm)
        chosen = []
        for signal in pending:
            if signal.with_restricted != audience:
                continue
            for sub in subs:
                if sub.theme_id is not None and sub.theme_id != signal.theme_id:
                    continue
                if sub.concerns_only and signal.variation != "concern":
                    continue
                chosen.append(signal)
                break
        if not chosen:
            continue
        sent += notify.send(
            to=[user],
            subject=f"careloop: {len(chosen)} new theme signal{'s' if len(chosen) != 1 else ''}",
            template="themes/email/signals.txt",
            context={
                "signals": sorted(chosen, key=lambda s: (s.variation != "concern", s.label)),
                "month": month,
                "signals_url": reverse("themes:signals"),
                "subscriptions_url": reverse("themes:subscriptions"),
            },
        )
    Signal.objects.filter(pk__in=[s.pk for s in pending]).update(notified_at=timezone.now())
    return sent
