"""The public feedback form's rate limit: each submission noted (by its address's keyed
hash), and forgotten after two days by the nightly job."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from careloop.core.services import ServiceError
from careloop.feedback import selectors
from careloop.feedback.models import PublicSubmission
from careloop.feedback.services.records import feedback_create

OVER_LIMIT = (
    "A lot of feedback has been sent from this connection recently. Wait an hour and send it "
    "again, or phone the council. What you wrote is still below."
)


def public_feedback_create(*, data: dict, key: str):
    """Feedback from the public form, counted against its address's limit.

    The check and the count are one step: the address is locked (PostgreSQL: an advisory
    lock on its hash; SQLite: the write lock every transaction takes first), the limit read,
    and the feedback and its count written before the lock is let go. Otherwise 30 posts sent
    at once all read "under the limit" before any is counted (the probe got 10 through 5)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
        if selectors.over_limit(key):
            raise ServiceError(OVER_LIMIT)
        feedback = feedback_create(data=data, user=None)
        note_submission(key)
    return feedback


def note_submission(key: str) -> None:
    PublicSubmission.objects.create(address_hash=key)


def forget_old_submissions() -> int:
    cutoff = timezone.now() - dt.timedelta(days=2)
    return PublicSubmission.objects.filter(created_at__lt=cutoff).delete()[0]
