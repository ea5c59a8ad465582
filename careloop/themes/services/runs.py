"""Background runs over many items (reclassifying, training), queued with their progress.

A run's task is looked up by its dotted name when the transaction commits: the tasks call
these services, so the services never import the tasks (imports go one way).
"""

from __future__ import annotations

from typing import Any

from careloop.core import jobs
from careloop.core.services import ServiceError
from careloop.themes.models import ClassificationRun, ModelVersion

BUSY_KINDS = (ClassificationRun.Kind.RECLASSIFY, ClassificationRun.Kind.TRAIN)
UNFINISHED = (ClassificationRun.Status.QUEUED, ClassificationRun.Status.RUNNING)


def check_idle() -> None:
    """Refuse to start a reclassification or training while one is waiting or running (a run
    whose worker died is first retried or failed: see core.jobs)."""
    busy = ClassificationRun.objects.filter(kind__in=BUSY_KINDS, status__in=UNFINISHED)
    for run in busy:
        jobs.check(run)
    if busy.exists():
        raise ServiceError("A reclassification or training is already running: wait for it to end")


def run_queue(
    *,
    kind: str,
    scope: str,
    requested_by,
    task: str,
    arguments: dict[str, Any],
    model_version: ModelVersion | None = None,
) -> ClassificationRun:
    """Record a run and, once the transaction commits, queue `task` (a dotted name) for it
    with `run_id` and `arguments`."""
    run = ClassificationRun.objects.create(
        kind=kind, scope=scope, model_version=model_version, requested_by=requested_by
    )
    jobs.enqueue(run, task, {"run_id": run.pk, **arguments})
    return run


def run_retry(*, run: ClassificationRun) -> ClassificationRun:
    """Queue a failed reclassification or training again, when nothing else is running."""
    check_idle()
    return jobs.retry(run)
