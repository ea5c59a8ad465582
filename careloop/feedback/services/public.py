"""The public feedback form's rate limit: each submission noted (by its address's keyed
hash), and forgotten after two days by the nightly job."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from careloop.feedback.models import PublicSubmission


def note_submission(key: str) -> None:
    PublicSubmission.objects.create(address_hash=key)


def forget_old_submissions() -> int:
    cutoff = timezone.now() - dt.timedelta(days=2)
    return PublicSubmission.objects.filter(created_at__lt=cutoff).delete()[0]
