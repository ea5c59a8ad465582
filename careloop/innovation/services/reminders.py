"""Reminders to pilot leads: figures to enter and evaluations due."""

from __future__ import annotations

import datetime as dt

from careloop.core import notify, workdays

from ..models import Pilot


def reminders_send(*, today: dt.date | None = None) -> int:
    """Email pilot leads: on the first working day of a month, to enter last month's figures
    (pilots still missing them); on a running pilot's planned end, and each Monday after
    until it is evaluated, to evaluate it. Returns the number of emails sent."""
    today = today or dt.date.today()
    first_working = workdays.next_working_day(today.replace(day=1))
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    lines: dict = {}
    running = Pilot.objects.filter(status=Pilot.Status.RUNNING, lead__isnull=False)
    for pilot in running.select_related("lead"):
        if (
            today == first_working
            and pilot.measures.exclude(readings__period_start=last_month).exists()
        ):
            lines.setdefault(pilot.lead, []).append(
                f"Enter {last_month:%B %Y}’s figures for “{pilot.title}”."
            )
        end = pilot.end_date
        if end is not None and end <= today and (end == today or today.weekday() == 0):
            lines.setdefault(pilot.lead, []).append(
                f"“{pilot.title}” reached its planned end on {end.day} "
                f"{end:%B %Y}: evaluate it and record the decision."
            )
    return notify.send_lines(
        lines,
        subject="Pilots: figures and evaluations due",
        template="innovation/email/reminder.txt",
    )
