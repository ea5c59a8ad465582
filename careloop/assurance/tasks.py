"""Background work of the assurance area: gathering every area's evidence."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from careloop.assurance.services import evidence_refresh
from careloop.core import audit
from careloop.core.models import User
from careloop.core.scheduler import Periodic


@task()
def refresh_evidence(requested_by_id: int | None = None) -> int:
    """Gather every area's evidence facts into the library; returns the refresh run's id."""
    user = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    with audit.acting_as(user, "task"):
        return evidence_refresh(user=user).pk


SCHEDULE = [
    Periodic("assurance.refresh_evidence", f"{__name__}.refresh_evidence", at=dt.time(2, 30))
]
