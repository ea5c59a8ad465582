"""Complaint clocks, counted in working days (careloop.core.workdays).

Statutory adult social care complaints (Local Authority Social Services and NHS Complaints
(England) Regulations 2009):
- acknowledge within 3 working days of receipt (day 0 is the day it arrived);
- respond within the agreed response period, which is recorded and may be revised with a
  reason; by default the council offers `statutory_response_days` working days;
- warn when the 6-month point (6 calendar months after receipt) approaches without a
  response: the person must then be told why, and may go to the Ombudsman;
- a complaint made more than 12 months after the event (or after the person knew of it) is
  flagged for a decision, never rejected automatically.

Corporate complaints follow the Ombudsman's Complaint Handling Code, configurable in
`ClockSettings`: stage 1 acknowledge in 5 and respond in 10 working days (extendable by 10);
stage 2 acknowledge in 5 and respond in 20 (extendable by 10).

Councillor and MP enquiries are answered within `member_response_days`; Ombudsman enquiries
carry the Ombudsman's own deadline, entered by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from careloop.core.workdays import add_working_days, working_days_between

STATUTORY_ACK_DAYS = 3
LATE_AFTER_MONTHS = 12
SIX_MONTHS = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month if it has no such day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def acknowledgement_due(feedback, settings) -> dt.date | None:
    start = feedback.stage_started_on or feedback.received_on
    if feedback.kind == "complaint":
        return add_working_days(feedback.received_on, STATUTORY_ACK_DAYS)
    if feedback.kind == "corporate":
        days = settings.stage1_ack_days if feedback.stage == 1 else settings.stage2_ack_days
        return add_working_days(start, days)
    return None


def default_response_due(feedback, settings) -> dt.date | None:
    start = feedback.stage_started_on or feedback.received_on
    if feedback.kind == "complaint":
        return add_working_days(feedback.received_on, settings.statutory_response_days)
    if feedback.kind == "corporate":
        days = (
            settings.stage1_response_days if feedback.stage == 1 else settings.stage2_response_days
        )
        return add_working_days(start, days)
    if feedback.kind == "member":
        return add_working_days(feedback.received_on, settings.member_response_days)
    return None


def longest_response_due(feedback, settings) -> dt.date | None:
    """The latest date a response period may be revised to (None: no limit in working days).

    Corporate complaints may be extended once by the Code's extension; a statutory complaint's
    agreed period has no fixed limit, but past 6 months the person must be told why."""
    if feedback.kind != "corporate":
        return None
    start = feedback.stage_started_on or feedback.received_on
    if feedback.stage == 1:
        days = settings.stage1_response_days + settings.stage1_extension_days
    else:
        days = settings.stage2_response_days + settings.stage2_extension_days
    return add_working_days(start, days)


def six_month_point(feedback) -> dt.date:
    return add_months(feedback.received_on, SIX_MONTHS)


def is_late(feedback) -> bool:
    """Received more than 12 months after the event: needs a decision to accept it."""
    return bool(
        feedback.event_on
        and feedback.received_on > add_months(feedback.event_on, LATE_AFTER_MONTHS)
    )


def next_due(feedback) -> dt.date | None:
    """The next deadline of an open item: acknowledgement, then response."""
    if feedback.status in ("closed", "withdrawn") or feedback.is_deleted:
        return None
    if feedback.acknowledgement_due_on and not feedback.acknowledged_on:
        return feedback.acknowledgement_due_on
    if feedback.response_due_on and not feedback.responded_on:
        return feedback.response_due_on
    return None


@dataclass(frozen=True)
class Milestone:
    label: str
    due: dt.date | None
    done_on: dt.date | None = None

    @property
    def met(self) -> bool | None:
        """True if done on time, False if done late, None if not done yet."""
        if self.done_on is None or self.due is None:
            return None
        return self.done_on <= self.due

    def late_by(self) -> int:
        if self.done_on is None or self.due is None or self.done_on <= self.due:
            return 0
        return working_days_between(self.due, self.done_on)


@dataclass(frozen=True)
class Clock:
    milestones: list[Milestone]
    warnings: list[str]


def clock(feedback, settings, today: dt.date | None = None) -> Clock:
    """What the record page shows: the deadlines, what was met, and any warnings."""
    today = today or dt.date.today()
    milestones: list[Milestone] = []
    warnings: list[str] = []
    if feedback.acknowledgement_due_on:
        milestones.append(
            Milestone("Acknowledgement", feedback.acknowledgement_due_on, feedback.acknowledged_on)
        )
    if feedback.response_due_on:
        label = "Response (agreed response period)" if feedback.is_statutory else "Response"
        milestones.append(Milestone(label, feedback.response_due_on, feedback.responded_on))
    if feedback.is_statutory:
        point = six_month_point(feedback)
        if not feedback.responded_on and feedback.is_open:
            warn_from = add_working_days(point, -settings.six_month_warning_days)
            if today >= point:
                warnings.append(
                    f"No response 6 months after receipt (on {point:%-d %B %Y}). Write to the "
                    "person to explain why, and tell them they may go to the Ombudsman now."
                )
            elif today >= warn_from:
                warnings.append(
                    f"The 6-month point is {point:%-d %B %Y}, in "
                    f"{working_days_between(today, point)} working days, and there is no "
                    "response yet."
                )
        if is_late(feedback) and not feedback.late_decision:
            warnings.append(
                "Made more than 12 months after the event: decide whether to accept it "
                "(there may be good reason, and it may still be possible to investigate)."
            )
    return Clock(milestones, warnings)
