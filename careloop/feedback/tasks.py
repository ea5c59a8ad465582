"""Background jobs of the feedback area."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from careloop.core import notify
from careloop.core.scheduler import Periodic
from careloop.core.workdays import add_working_days, is_working_day
from careloop.feedback import services
from careloop.feedback.models import Feedback

SCHEDULE = [
    Periodic("feedback.reminders", "careloop.feedback.tasks.send_reminders", at=dt.time(7, 0)),
    Periodic(
        "feedback.forget", "careloop.feedback.tasks.forget_public_submissions", at=dt.time(2, 0)
    ),
]


@task()
def send_reminders() -> int:
    """Each morning of a working day, tell owners what is due in the next 2 working days or
    overdue (one email each, with references only: no personal details)."""
    today = dt.date.today()
    if not is_working_day(today):
        return 0
    soon = add_working_days(today, 2)
    items = (
        Feedback.objects.open()
        .filter(owner__isnull=False, owner__is_active=True, next_due_on__lte=soon)
        .select_related("owner")
        .order_by("next_due_on")
    )
    by_owner: dict = {}
    for item in items:
        by_owner.setdefault(item.owner, []).append(item)
    sent = 0
    for owner, owned in by_owner.items():
        sent += notify.send(
            to=[owner],
            subject=f"Feedback due: {len(owned)} item{'s' if len(owned) != 1 else ''}",
            template="feedback/email/reminder.txt",
            context={"items": owned, "today": today},
        )
    return sent


@task()
def forget_public_submissions() -> int:
    return services.forget_old_submissions()
