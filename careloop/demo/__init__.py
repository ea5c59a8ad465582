"""Northshire County Council: the fictional council careloop's demo and tests run on.

Everything here is invented; any likeness to a real person is accidental. Loading is
idempotent: running it again updates the same records rather than adding more.
Each area adds a step to STEPS (a dotted path of a function taking `log`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.module_loading import import_string

from careloop.core import audit

STEPS = [
    "careloop.demo.org.load",
    "careloop.demo.feedback.load",
    "careloop.demo.themes.load",
    "careloop.demo.learning.load",
    "careloop.demo.workforce.load",
    "careloop.demo.innovation.load",
    "careloop.demo.coproduction.load",
    "careloop.demo.assurance.load",  # last: it gathers the evidence the other areas hold
]


def load(log: Callable[[str], None] = print) -> None:
    with audit.acting_as(None, "command"):
        for step in STEPS:
            with transaction.atomic():
                import_string(step)(log)
