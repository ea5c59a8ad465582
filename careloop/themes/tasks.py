"""Background work: classifying feedback, reclassifying and retraining with progress, rebuilding
counts and signals, and emailing new signals to the people who subscribed.

Each task loads what it is given by id and calls a service inside `audit.acting_as`.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from careloop.core import audit, jobs
from careloop.core.scheduler import Periodic
from careloop.core.services import ServiceError
from careloop.themes.alerts import send_new_signal_alerts
from careloop.themes.models import ClassificationRun
from careloop.themes.services import classify, emerging, training


@task()
def sync_feedback(feedback_ids: list[int]) -> int:
    """Classify new feedback and keep the counts of changed feedback in step."""
    with audit.acting_as(None, "task"):
        new = classify.feedback_sync(feedback_ids=feedback_ids)
        return classify.feedback_classify(feedback_ids=new) if new else 0


@task()
def classify_pending() -> int:
    """Hourly: classify any feedback that has not been classified (e.g. bulk imports)."""
    with audit.acting_as(None, "task"):
        return classify.pending_classify()


@task()
def reclassify(run_id: int, scope: str) -> int:
    run = ClassificationRun.objects.get(pk=run_id)
    with audit.acting_as(run.requested_by, "task"), jobs.leased(run):
        return classify.reclassify_run(run=run, scope=scope).done


@task()
def train(run_id: int, note: str = "") -> int:
    run = ClassificationRun.objects.get(pk=run_id)
    with audit.acting_as(run.requested_by, "task"), jobs.leased(run):
        return training.train_run(run=run, note=note).number


@task()
def rebuild() -> int:
    """Nightly: recount everything from the rows, then work out the signals again."""
    with audit.acting_as(None, "task"):
        return classify.counts_rebuild()


@task()
def send_alerts() -> int:
    """Daily: email subscribers about signals they have not been told about."""
    with audit.acting_as(None, "task"):
        return send_new_signal_alerts()


@task()
def find_emerging() -> int:
    """Nightly: look for emerging topics in the last six months' feedback."""
    with audit.acting_as(None, "task"):
        start, end = emerging.period_default()
        try:
            return len(emerging.emerging_find(start=start, end=end))
        except ServiceError:  # too few comments yet: nothing to look for
            return 0


SCHEDULE = [
    Periodic("themes.classify_pending", "careloop.themes.tasks.classify_pending", every="hourly"),
    Periodic("themes.rebuild", "careloop.themes.tasks.rebuild", every="daily", at=dt.time(2, 30)),
    Periodic(
        "themes.alerts", "careloop.themes.tasks.send_alerts", every="daily", at=dt.time(7, 30)
    ),
    Periodic(
        "themes.emerging", "careloop.themes.tasks.find_emerging", every="daily", at=dt.time(3, 0)
    ),
]
