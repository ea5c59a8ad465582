"""Periodic jobs: training reminders to people and their managers, registration alerts."""

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


SCHEDULE = [Periodic("workforce.reminders", f"{__name__}.send_reminders", at=dt.time(7, 30))]
