"""What a quality assurance meeting's agenda is built from.

Built in: every overdue action (always, whenever it became overdue), actions at risk, actions
awaiting sign-off, reviews recorded and Ombudsman decisions made since the last meeting.
More providers are registered with `register_agenda_provider`; the other areas' (the new
theme signals) are read and registered by this area, in `selectors/provided.py`, through
their selectors:

    def theme_signals(since, until):
        for signal in new_signals(since=since, until=until):
            yield AgendaCandidate("theme_signal", f"Theme signal: {signal.label}", ..., signal)
    register_agenda_provider("themes.signals", theme_signals)

Plain logic (an engine): the registry and the built-in candidates, read from the models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q

from careloop.learning.models import Action, LgscoCase, Review


@dataclass(frozen=True)
class AgendaCandidate:
    kind: str  # an AgendaItem.Kind value
    title: str
    detail: str = ""
    record: object = None


_PROVIDERS: dict[str, Callable[[dt.date, dt.date], Iterable[AgendaCandidate]]] = {}


def register_agenda_provider(key: str, fn: Callable[[dt.date, dt.date], Iterable[AgendaCandidate]]):
    _PROVIDERS[key] = fn
    return fn


def agenda_providers() -> dict:
    return dict(_PROVIDERS)


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def overdue_actions(since: dt.date, until: dt.date, today: dt.date | None = None):
    today = today or dt.date.today()
    for action in Action.objects.overdue(today).select_related("owner"):
        yield AgendaCandidate(
            "overdue_action",
            f"{action.reference}: {action.title}",
            f"Owner {action.owner}. Due {_fmt(action.due_on)}"
            + (f" (first agreed for {_fmt(action.original_due_on)})" if action.due_moved else "")
            + ".",
            action,
        )


def at_risk_actions(since: dt.date, until: dt.date, today: dt.date | None = None):
    for action in Action.objects.at_risk(today).select_related("owner"):
        latest = action.updates.filter(kind="progress").first()
        yield AgendaCandidate(
            "at_risk_action",
            f"{action.reference}: {action.title}",
            f"Owner {action.owner}. Due {_fmt(action.due_on)}."
            + (f" Latest update: {latest.note}" if latest else ""),
            action,
        )


def awaiting_sign_off(since: dt.date, until: dt.date, today: dt.date | None = None):
    for action in Action.objects.awaiting_sign_off().select_related("owner"):
        yield AgendaCandidate(
            "sign_off",
            f"{action.reference}: {action.title}",
            f"Marked done by {action.owner} on {_fmt(action.completed_on)}: "
            f"{action.completion_note}",
            action,
        )


def new_reviews(since: dt.date, until: dt.date, today: dt.date | None = None):
    qs = Review.objects.filter(
        Q(started_on__gte=since, started_on__lte=until)
        | Q(reported_on__gte=since, reported_on__lte=until)
        | Q(created_at__date__gte=since, created_at__date__lte=until)
    )
    for review in qs:
        yield AgendaCandidate(
            "new_review",
            f"{review.reference}: {review.title}",
            f"{review.get_kind_display()}, {review.get_status_display().lower()}.",
            review,
        )


def lgsco_decisions(since: dt.date, until: dt.date, today: dt.date | None = None):
    for case in LgscoCase.objects.decided().filter(decided_on__gte=since, decided_on__lte=until):
        yield AgendaCandidate(
            "lgsco_decision",
            f"Ombudsman decision {case.reference}: {case.get_subject_display()}",
            f"{case.get_decision_display()}, {_fmt(case.decided_on)}. "
            f"{case.remedies.count()} remedies.",
            case,
        )


BUILT_IN = [overdue_actions, at_risk_actions, awaiting_sign_off, new_reviews, lgsco_decisions]
