"""Reads for actions: the register, counts, what awaits a person's sign-off."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, Value, When

from careloop.core.permissions import can
from careloop.core.selectors import chosen, search
from careloop.learning.models import Action

ACTION_SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "priority": ("priority_rank", "due_on"),
    "title": ("title",),
    "created": ("-created_at",),
}


def actions(
    user,
    *,
    status: str = "",
    owner_id: int | None = None,
    team_id: int | None = None,
    origin: str = "",
    priority: str = "",
    query: str = "",
    sort: str = "due",
    today: dt.date | None = None,
):
    """Actions the person may see, filtered. `status` is the status people see, so
    "overdue" finds open actions past their date and "on_track" excludes them."""
    today = today or dt.date.today()
    qs = Action.objects.visible_to(user).select_related(
        "owner", "team", "recommendation__review", "signed_off_by"
    )
    if status == Action.Status.OVERDUE:
        qs = qs.overdue(today)
    elif status == "open":
        qs = qs.open()
    elif status in Action.PROGRESS:
        qs = qs.filter(status=status, due_on__gte=today)
    elif status in Action.FINISHED:
        qs = qs.filter(status=status)
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    qs = search(chosen(qs, origin=origin, priority=priority), query, "title", "description")
    qs = qs.annotate(
        priority_rank=Case(
            When(priority="high", then=Value(0)),
            When(priority="medium", then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    return qs.order_by(*ACTION_SORTS.get(sort, ACTION_SORTS["due"]))


def action_counts(user, today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    qs = Action.objects.visible_to(user)
    return {
        "open": qs.open().count(),
        "overdue": qs.overdue(today).count(),
        "at_risk": qs.at_risk(today).count(),
        "awaiting_sign_off": qs.awaiting_sign_off().count(),
        "closed_12_months": qs.filter(
            status=Action.Status.CLOSED, signed_off_on__gte=today - dt.timedelta(days=365)
        ).count(),
    }


def awaiting_my_sign_off(user):
    """Done actions that name this person as the one to sign off (creator, the owner's line
    manager or the team's manager), never their own."""
    if not can(user, "learning.sign_off"):
        return Action.objects.none()
    return (
        Action.objects.visible_to(user)
        .awaiting_sign_off()
        .exclude(owner=user)
        .filter(Q(created_by=user) | Q(owner__line_manager=user) | Q(team__manager=user))
        .distinct()
    )
