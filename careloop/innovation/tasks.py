"""Periodic jobs: remind pilot leads to enter each month's figures and to evaluate."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from careloop.core import audit
from careloop.core.scheduler import Periodic

from . import services


@task()
def send_reminders() -> int:
    with audit.acting_as(None, "task"):
        return services.reminders_send()


SCHEDULE = [Periodic("innovation.reminders", f"{__name__}.send_reminders", at=dt.time(7, 15))]
