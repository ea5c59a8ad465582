"""Northshire County Council: the fictional council careloop's demo and tests run on.

Everything here is invented; any likeness to a real person is accidental. Loading is
idempotent: running it again updates the same records rather than adding more.
Each area adds a step to STEPS (a dotted path of a function taking `log`).

`careloop.demo` is an installed app (apps.DemoConfig): `careloop demo` lives in its
management/commands/, and `careloop bench` loads this world for the benchmarks that ask for it
(`careloop.core.benchmarking.needs`), so no other app imports this package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.module_loading import import_string

STEPS = [
    "careloop.demo.org.load",
    "careloop.demo.feedback.load",
    "careloop.demo.themes.load",
    "careloop.demo.learning.load",
    "careloop.demo.workforce.load",
    "careloop.demo.innovation.load",
    "careloop.demo.coproduction.load",
    "careloop.demo.performance.load",
    "careloop.demo.assurance.load",  # last: it gathers the evidence the other areas hold
]


def step_name(step: str) -> str:
    """The step's name: `careloop.demo.org.load` is "org"."""
    return step.rsplit(".", 2)[-2]


def load(log: Callable[[str], None] = print, only: Iterable[str] = ()) -> None:
    """Load the demo council: every step, or only the steps named (e.g. ("org", "learning")),
    always in STEPS' order."""
    # imported here: this package is an installed app, imported before the models are ready
    from careloop.core import audit

    wanted = set(only)
    unknown = wanted - {step_name(step) for step in STEPS}
    if unknown:
        raise ValueError(f"No demo step named {', '.join(sorted(unknown))}")
    with audit.acting_as(None, "command"):
        for step in STEPS:
            if wanted and step_name(step) not in wanted:
                continue
            with transaction.atomic():
                import_string(step)(log)
