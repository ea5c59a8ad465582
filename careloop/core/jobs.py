"""Leases for background jobs, so a worker that dies leaves no job stuck as running.

A job is a row of a `Leased` model (`ImportJob`, themes' `ClassificationRun`, …). It is queued
with `enqueue()`, which records how (task and arguments) so it can be queued again. The task
runs its work inside `with jobs.leased(job):`, which counts the attempt and, from a heartbeat
thread, renews the job's lease every `LEASE_SECONDS / 3` while the work runs. The lease is let go
when the work ends, whatever the outcome.

A job still running after its lease ran out lost its worker (killed, out of memory, machine
restarted). `recover()` finds such jobs and queues them again, up to `MAX_ATTEMPTS` attempts, or
marks them failed with the reason; it runs when `careloop worker` starts, every lease period
while it runs, and `check()` runs it for one job when a person opens its page. `retry()` is the
"Try again" button on a failed job's page. Retrying is safe because a job writes either in one
transaction (imports) or in idempotent parts (reclassifying replaces suggestions; a version whose
training died is marked failed by the model's `abandoned()`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from careloop.core.models import Leased
from careloop.core.services import ServiceError

log = logging.getLogger("careloop.jobs")
J = TypeVar("J", bound=Leased)
MAX_ATTEMPTS = 3


def lease_seconds() -> float:
    return float(settings.CARELOOP_JOB_LEASE_SECONDS)


def leased_models() -> list[type[Leased]]:
    return [m for m in apps.get_models() if issubclass(m, Leased)]


def enqueue(job: Leased, task: str, kwargs: dict[str, Any], *, at_commit: bool = True) -> None:
    """Record how `job` is queued (task dotted name and arguments) and queue it: once the
    transaction commits, or at once (`at_commit=False`, for a job saved outside one). A fresh
    start, with no attempts yet."""
    type(job)._default_manager.filter(pk=job.pk).update(
        task_name=task, task_kwargs=kwargs, attempts=0
    )
    job.task_name, job.task_kwargs, job.attempts = task, kwargs, 0
    if at_commit:
        transaction.on_commit(lambda: import_string(task).enqueue(**kwargs))
    else:
        import_string(task).enqueue(**kwargs)


def _renew(model: type[Leased], pk: int) -> None:
    until = timezone.now() + dt.timedelta(seconds=lease_seconds())
    model._default_manager.filter(pk=pk, lease_until__isnull=False).update(lease_until=until)


def _heartbeat(model: type[Leased], pk: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(lease_seconds() / 3):
            try:
                _renew(model, pk)
            except OperationalError:  # the database is busy (e.g. a long write): next beat
                log.warning("could not renew the lease of %s %s", model.__name__, pk)
    finally:
        connection.close()  # this thread's own connection


@contextmanager
def leased(job: J) -> Iterator[J]:
    """Run a job's work holding its lease: the attempt is counted, the lease renewed by a
    heartbeat thread, and let go at the end."""
    model = type(job)
    until = timezone.now() + dt.timedelta(seconds=lease_seconds())
    model._default_manager.filter(pk=job.pk).update(lease_until=until, attempts=job.attempts + 1)
    job.lease_until, job.attempts = until, job.attempts + 1
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(model, job.pk, stop), daemon=True)
    beat.start()
    try:
        yield job
    finally:
        stop.set()
        beat.join()
        model._default_manager.filter(pk=job.pk).update(lease_until=None)
        job.lease_until = None


def _expired(model: type[Leased], now: dt.datetime):
    leased = {"status__in": model.LEASED_STATUSES}  # each subclass's own status field
    return model._default_manager.filter(**leased, lease_until__lt=now)


def _recover_one(job: Leased, now: dt.datetime) -> str:
    """Queue again or fail one job whose lease ran out; returns what was done."""
    model = type(job)
    with transaction.atomic():
        job = model._default_manager.select_for_update().get(pk=job.pk)
        if job.status not in model.LEASED_STATUSES or not job.lease_until or job.lease_until >= now:
            return "alive"  # renewed or finished since we looked
        job.abandoned()
        _fail_task_results(job, now)
        if job.attempts < MAX_ATTEMPTS and job.task_name:
            again: dict[str, Any] = {
                "status": model.QUEUED_STATUS,
                "message": f"The worker stopped during attempt {job.attempts}; trying again.",
            }
            model._default_manager.filter(pk=job.pk).update(**again, lease_until=None)
            task, kwargs = job.task_name, job.task_kwargs
            transaction.on_commit(lambda: import_string(task).enqueue(**kwargs))
            outcome = "retried"
        else:
            failed: dict[str, Any] = {
                "status": model.FAILED_STATUS,
                "finished_at": now,
                "message": f"The worker stopped while this was running ({job.attempts} "
                f"attempt{'s' if job.attempts != 1 else ''}). Nothing was left half done: "
                "try again.",
            }
            model._default_manager.filter(pk=job.pk).update(**failed, lease_until=None)
            outcome = "failed"
    log.warning("%s %s lost its worker: %s", model.__name__, job.pk, outcome)
    return outcome


def _fail_task_results(job: Leased, now: dt.datetime) -> None:
    """The task queue's own record of the dead attempt is failed too, not left running."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=job.task_name)
    for result in running:
        if result.args_kwargs.get("kwargs") == job.task_kwargs:
            result.status = TaskResultStatus.FAILED
            result.finished_at = now
            result.save(update_fields=["status", "finished_at"])


def recover(now: dt.datetime | None = None) -> dict[str, int]:
    """Find every job whose worker died (its lease ran out) and retry or fail it."""
    now = now or timezone.now()
    counts = {"retried": 0, "failed": 0}
    for model in leased_models():
        for job in _expired(model, now):
            outcome = _recover_one(job, now)
            if outcome in counts:
                counts[outcome] += 1
    return counts


def check(job: J) -> J:
    """For a job's page: if its worker died, retry or fail it now; returns it fresh."""
    now = timezone.now()
    if job.status in type(job).LEASED_STATUSES and job.lease_until and job.lease_until < now:
        _recover_one(job, now)
        job.refresh_from_db()
    return job


def retry(job: J) -> J:
    """Queue a failed job again (a person pressed "Try again")."""
    model = type(job)
    with transaction.atomic():
        job = model._default_manager.select_for_update().get(pk=job.pk)
        if job.status != model.FAILED_STATUS:
            raise ServiceError("Only a failed job can be tried again")
        if not job.task_name:
            raise ServiceError("This job cannot be tried again: start it afresh")
        model._default_manager.filter(pk=job.pk).update(
            status=model.QUEUED_STATUS, attempts=0, lease_until=None, finished_at=None, message=""
        )
        task, kwargs = job.task_name, job.task_kwargs
        transaction.on_commit(lambda: import_string(task).enqueue(**kwargs))
    job.refresh_from_db()
    return job


def watch(stop: threading.Event) -> None:
    """In `careloop worker`: recover abandoned jobs every lease period until `stop` is set."""
    while not stop.wait(lease_seconds()):
        try:
            close_old_connections()
            recover()
        except Exception:  # never let the watcher take the worker down
            log.exception("job recovery failed")
    connection.close()
