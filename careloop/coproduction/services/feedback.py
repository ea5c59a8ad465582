"""Feedback windows and the council's policy on their length, what people said and what
changed, and the reminders to project leads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from careloop.core import notify, workdays
from careloop.core.models import User
from careloop.core.services import ServiceError, save_fields

from ..models import Contribution, FeedbackPolicy, FeedbackWindow, Group, Project

WINDOW_FIELDS = ("title", "group", "opens_on", "closes_on", "formats", "short_reason")
CONTRIBUTION_FIELDS = ("said", "group", "window", "received_on", "outcome", "what_changed")
POLICY_FIELDS = ("min_days_groups", "min_days_others")


def window_check(
    *, group: Group | None, opens_on: dt.date, closes_on: dt.date, short_reason: str
) -> tuple[int, dict[str, str]]:
    """(policy minimum, problems by field) for a proposed window."""
    policy = FeedbackPolicy.current()
    minimum = policy.minimum_for(group)
    errors = {}
    if closes_on <= opens_on:
        errors["closes_on"] = "The window must close after it opens"
        return minimum, errors
    window = FeedbackWindow(opens_on=opens_on, closes_on=closes_on, policy_minimum=minimum)
    if window.length < minimum and not (short_reason or "").strip():
        who = (
            "lived-experience groups"
            if group is not None and group.is_lived_experience
            else "feedback"
        )
        errors["short_reason"] = (
            f"This window is {window.length} working day{'s' if window.length != 1 else ''}; the "
            f"policy minimum for {who} is {minimum} working days. Make it longer, or give the "
            "reason it has to be shorter"
        )
    return minimum, errors


def window_save(
    *, project: Project, window: FeedbackWindow | None = None, **fields: Any
) -> FeedbackWindow:
    minimum, errors = window_check(
        group=fields.get("group"),
        opens_on=fields["opens_on"],
        closes_on=fields["closes_on"],
        short_reason=fields.get("short_reason", ""),
    )
    if errors:
        raise ServiceError(dict(errors))
    record = window or FeedbackWindow(project=project)
    record = save_fields(record, fields, WINDOW_FIELDS, policy_minimum=minimum)
    if not record.is_short and record.short_reason:
        record.short_reason = ""
        record.save(update_fields=["short_reason"])
    return record


def contribution_save(
    *, project: Project, contribution: Contribution | None = None, **fields: Any
) -> Contribution:
    window = fields.get("window")
    if window is not None and window.project_id != project.pk:
        raise ServiceError("That feedback window belongs to another project", field="window")
    if window is not None and fields.get("group") is None:
        fields["group"] = window.group  # a reply to a group's window is that group's
    outcome = fields.get("outcome", getattr(contribution, "outcome", Contribution.Outcome.PENDING))
    responded_on = getattr(contribution, "responded_on", None)
    if outcome != Contribution.Outcome.PENDING:
        if not (fields.get("what_changed") or "").strip():
            raise ServiceError(
                "Say what changed as a result, or why nothing changed", field="what_changed"
            )
        if contribution is None or contribution.outcome != outcome or not responded_on:
            responded_on = dt.date.today()
    else:
        responded_on = None
    return save_fields(
        contribution or Contribution(project=project),
        fields,
        CONTRIBUTION_FIELDS,
        responded_on=responded_on,
    )


def policy_update(*, min_days_groups: int, min_days_others: int) -> FeedbackPolicy:
    return save_fields(
        FeedbackPolicy.current(),
        {"min_days_groups": min_days_groups, "min_days_others": min_days_others},
        POLICY_FIELDS,
        updated_at=timezone.now(),
    )


def reminders_send(*, today: dt.date | None = None) -> int:
    """Email project leads about feedback windows that close in 3 working days, and about
    windows that closed on the last working day with nothing recorded of what people said."""
    today = today or dt.date.today()
    soon = workdays.add_working_days(today, 3)
    yesterday = workdays.add_working_days(today, -1)
    windows = FeedbackWindow.objects.filter(project__lead__isnull=False).select_related(
        "project__lead", "group"
    )
    due = [
        (
            window,
            f"“{window.title}” ({window.project}) closes on {window.closes_on.day} "
            f"{window.closes_on:%B %Y}.",
        )
        for window in windows.filter(closes_on=soon)
    ] + [
        (
            window,
            f"“{window.title}” ({window.project}) has closed: record what people said, "
            "and later what changed.",
        )
        for window in windows.filter(closes_on__gte=yesterday, closes_on__lt=today)
        if not window.contributions.exists()
    ]
    lines: dict[User, list[str]] = {}
    for window, line in due:
        lead = window.project.lead
        assert lead is not None  # only projects with a lead
        lines.setdefault(lead, []).append(line)
    return notify.send_lines(
        lines, subject="Coproduction: feedback windows", template="coproduction/email/reminder.txt"
    )
