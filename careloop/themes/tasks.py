"""Background work: classifying feedback, reclassifying and retraining with progress, rebuilding
counts and signals, and emailing new signals to the people who subscribed."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from careloop.core import audit
from careloop.core.scheduler import Periodic
from careloop.themes.models import ClassificationRun

log = logging.getLogger("careloop.themes")


@task()
def sync_feedback(feedback_ids: list[int]) -> int:
    """Classify new feedback and keep the counts of changed feedback in step."""
    from careloop.themes.services.classify import feedback_classify, feedback_sync

    with audit.acting_as(None, "task"):
        new = feedback_sync(feedback_ids=feedback_ids)
        return feedback_classify(feedback_ids=new) if new else 0


@task()
def classify_pending() -> int:
    """Hourly: classify any feedback that has not been classified (e.g. bulk imports)."""
    from careloop.themes.services.classify import feedback_classify, unclassified

    with audit.acting_as(None, "task"):
        ids = unclassified()
        if not ids:
            return 0
        run = ClassificationRun.objects.create(
            kind=ClassificationRun.Kind.CLASSIFY,
            scope="Feedback not yet classified",
            total=len(ids),
            status=ClassificationRun.Status.RUNNING,
            started_at=timezone.now(),
        )
        done = feedback_classify(feedback_ids=ids, run=run)
        ClassificationRun.objects.filter(pk=run.pk).update(
            status=ClassificationRun.Status.DONE, done=done, finished_at=timezone.now()
        )
        return done


@task()
def reclassify(run_id: int, scope: str) -> int:
    from careloop.themes.services.classify import reclassify_run

    run = ClassificationRun.objects.get(pk=run_id)
    with audit.acting_as(run.requested_by, "task"):
        return reclassify_run(run=run, scope=scope).done


@task()
def train(run_id: int, note: str = "") -> int:
    from careloop.themes.services.training import train_run

    run = ClassificationRun.objects.get(pk=run_id)
    with audit.acting_as(run.requested_by, "task"):
        return train_run(run=run, note=note).number


@task()
def rebuild() -> int:
    """Nightly: recount everything from the rows, then work out the signals again."""
    from careloop.themes import aggregates
    from careloop.themes.trends import signals_refresh

    with audit.acting_as(None, "task"):
        run = ClassificationRun.objects.create(
            kind=ClassificationRun.Kind.REBUILD,
            status=ClassificationRun.Status.RUNNING,
            started_at=timezone.now(),
            scope="Every count and signal",
        )
        counts = aggregates.rebuild()
        signals = signals_refresh()
        ClassificationRun.objects.filter(pk=run.pk).update(
            status=ClassificationRun.Status.DONE,
            finished_at=timezone.now(),
            message=f"{counts} counts and {signals} signals worked out.",
        )
        return counts


@task()
def send_alerts() -> int:
    """Daily: email subscribers about signals they have not been told about."""
    from careloop.themes.alerts import send_new_signal_alerts

    with audit.acting_as(None, "task"):
        return send_new_signal_alerts()


SCHEDULE = [
    Periodic("themes.classify_pending", "careloop.themes.tasks.classify_pending", every="hourly"),
    Periodic("themes.rebuild", "careloop.themes.tasks.rebuild", every="daily", at=dt.time(2, 30)),
    Periodic(
        "themes.alerts", "careloop.themes.tasks.send_alerts", every="daily", at=dt.time(7, 30)
    ),
]
