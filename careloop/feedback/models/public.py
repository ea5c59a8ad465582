"""The public feedback form's rate limit records."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PublicSubmission(models.Model):
    """When the public form was used from an address (a keyed hash, never the address
    itself), for its rate limit. Old rows are removed by the nightly job."""

    address_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Public submission at {self.created_at:%Y-%m-%d %H:%M}"
