"""The feedback settings: the complaint clock, letter templates and organisations."""

from __future__ import annotations

from django.db import transaction

from careloop.feedback.models import ClockSettings


@transaction.atomic
def clock_settings_save(*, form) -> ClockSettings:
    """Save the clock settings (one row); new complaints use them from now on."""
    return form.save()


@transaction.atomic
def record_save(*, form):
    """Save a validated settings form (letter templates, organisations)."""
    return form.save()
