"""Feedback references (FB-2026-00042), given out in blocks under a row lock."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F


class ReferenceSequence(models.Model):
    """The last reference number given out per year; blocks are taken under a row lock so
    that simultaneous intake and imports never give the same number twice."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def next_references(year: int, count: int = 1) -> list[str]:
    """`count` new references for feedback received in `year`: FB-2026-00042 …"""
    with transaction.atomic():
        ReferenceSequence.objects.get_or_create(year=year)
        seq = ReferenceSequence.objects.select_for_update().get(year=year)
        first = seq.last + 1
        ReferenceSequence.objects.filter(pk=seq.pk).update(last=F("last") + count)
    return [f"FB-{year}-{n:05d}" for n in range(first, first + count)]
