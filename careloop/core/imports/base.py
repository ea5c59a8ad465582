"""How an area declares an importer, and the registry of importers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404


@dataclass(frozen=True)
class ImportField:
    """A field the importer fills from one column of the file."""

    name: str
    label: str
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)  # other usual column headers

    def matches(self, header: str) -> bool:
        wanted = {normalise(n) for n in (self.name, self.label, *self.aliases)}
        return normalise(header) in wanted


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(header or "").lower())


class Importer:
    """Subclass and register one per kind of file an area accepts.

    `key` names the field that identifies a row across imports (with the source, e.g. a
    survey platform's response id): a row whose key was already imported is skipped."""

    name: str = ""
    label: str = ""
    permission: str = ""
    fields: list[ImportField] = []
    key: str = "external_ref"
    back_url_name: str = ""  # the area's page, for breadcrumbs
    help: str = ""
    batch_size: int = 2000
    # The models `write` fills ("feedback.Feedback"): bulk writes send no save signals, so the
    # engine tells the derived figures built from them (core/derived.py) once per import.
    writes: tuple[str, ...] = ()

    # --- per job ------------------------------------------------------------------------------
    def option_fields(self) -> dict:
        """Extra choices for the whole file (Django form fields by name), e.g. a default kind."""
        return {}

    def context(self, job) -> Any:
        """Look-ups prepared once per run (teams by name, settings …), passed to each call."""
        return None

    def clean_row(self, values: dict[str, Any], context) -> tuple[dict, list[tuple[str, str]]]:
        """Check and convert one row's values (field name -> cell value; empty cells are "").
        Return the cleaned row and its problems as [(field name, reason)]."""
        raise NotImplementedError

    def existing(self, keys: list[str], job, context) -> set[str]:
        """Which of these keys were already imported from this job's source."""
        raise NotImplementedError

    def write(self, rows: list[dict], job, context) -> int:
        """Write a batch of cleaned rows (bulk), auditing them; return how many were written.
        Runs inside one transaction for the whole file."""
        raise NotImplementedError

    # --- helpers ------------------------------------------------------------------------------
    def field(self, name: str) -> ImportField:
        return next(f for f in self.fields if f.name == name)

    @property
    def required(self) -> list[ImportField]:
        return [f for f in self.fields if f.required]


_REGISTRY: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    if not importer.name or not importer.permission:
        raise ImproperlyConfigured("An importer needs a name and a permission")
    if importer.key not in {f.name for f in importer.fields}:
        raise ImproperlyConfigured(f"{importer.name}: the key {importer.key!r} is not a field")
    _REGISTRY[importer.name] = importer
    return importer


def get_importer(name: str) -> Importer:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise Http404(f"No importer {name!r}") from None


def importers() -> dict[str, Importer]:
    return dict(_REGISTRY)
