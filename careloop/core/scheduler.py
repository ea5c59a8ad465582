"""Periodic jobs: reminders, escalations, nightly refreshes.

An app lists its jobs in `tasks.py`:

    SCHEDULE = [Periodic("learning.reminders", "careloop.learning.tasks.send_reminders",
                         every="daily", at=dt.time(7, 0))]

`careloop scheduler` enqueues each job on the task queue when it falls due (the worker runs
it); `careloop scheduler --once` does one pass, for cron. Each run is recorded, so a job runs
once per period however many schedulers are running.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from careloop.core.models import ScheduledRun


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # dotted path of a django-tasks task taking no arguments
    every: str = "daily"  # "daily" or "hourly"
    at: dt.time = dt.time(7, 0)  # for daily jobs, local time

    def due(self, last: dt.datetime | None, now: dt.datetime) -> bool:
        now = timezone.localtime(now)
        if self.every == "hourly":
            start = now.replace(minute=0, second=0, microsecond=0)
        elif self.every == "daily":
            start = now.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
            if now < start:
                return False
        else:
            raise ValueError(f"{self.name}: every must be 'daily' or 'hourly'")
        return last is None or last < start


def all_jobs() -> list[Periodic]:
    jobs: list[Periodic] = []
    for config in apps.get_app_configs():
        if config.name.startswith("careloop.") and find_spec(f"{config.name}.tasks"):
            jobs.extend(getattr(import_module(f"{config.name}.tasks"), "SCHEDULE", []))
    return jobs


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due; returns their names."""
    now = now or timezone.now()
    started = []
    for job in all_jobs():
        with transaction.atomic():
            run = ScheduledRun.objects.select_for_update().filter(name=job.name).first()
            if not job.due(run.last_run_at if run else None, now):
                continue
            ScheduledRun.objects.update_or_create(name=job.name, defaults={"last_run_at": now})
        import_string(job.task).enqueue()
        started.append(job.name)
    return started
