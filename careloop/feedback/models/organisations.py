"""Organisations feedback comes from or is about: providers, partners, boards."""

from __future__ import annotations

from django.db import models

from careloop.core.models import Audited


class Organisation(Audited):
    """An organisation feedback comes from or is about: a commissioned care provider, a
    voluntary, community, faith or social enterprise (VCFSE) organisation, a Partnership
    Board, a health partner."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", "Commissioned care provider"
        VCFSE = "vcfse", "Voluntary, community, faith or social enterprise organisation"
        BOARD = "board", "Partnership Board"
        HEALTH = "health", "Health partner"
        OTHER = "other", "Other organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    cqc_location_id = models.CharField(
        "CQC location ID", max_length=20, blank=True, help_text="For registered care providers"
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
