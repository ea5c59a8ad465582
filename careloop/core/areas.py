"""Areas of the product (Hear, Understand, Learn, …) and what they add to shared pages.

Each domain app declares one `Area` on its AppConfig as `careloop_area`. The core uses them to
build the service navigation (only areas that exist, and only those the user may open), the
home page's "my work" list and its headline figures. An app therefore plugs in without the
core knowing about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string

from careloop.core.permissions import can


@dataclass(frozen=True)
class WorkItem:
    """Something assigned to a person, shown in "my work"."""

    title: str
    url: str
    area: str
    kind: str = ""
    due: dt.date | None = None
    status: str = ""


@dataclass(frozen=True)
class Figure:
    """A headline figure: a number with a label, optionally a link to what is behind it."""

    label: str
    value: str | int
    url: str = ""
    hint: str = ""


@dataclass(frozen=True)
class EvidenceFact:
    """A piece of evidence an area holds, for the CQC evidence library (the assurance area).

    `key` is stable across refreshes (e.g. "feedback:complaints:2025-26") so the library
    updates the same item when the figures change. `statements` are suggested CQC quality
    statement numbers (1-9) and `category` a suggested evidence category; a person confirms
    both.
    """

    key: str
    title: str
    summary: str
    date: dt.date
    source: str
    url: str = ""
    statements: tuple[int, ...] = ()
    category: str = ""  # people | staff_leaders | partners | processes | outcomes
    figures: dict | None = None


@dataclass(frozen=True)
class Derived:
    """Figures an area stores that are built from other records (core/derived.py).

    `build` is the dotted path of f() -> str (what was built, for the record); `sources` the
    models ("app_label.Model") whose changes make the figures stale; `after` the keys of other
    areas' derived figures this one reads, which are rebuilt first.
    """

    key: str
    label: str
    build: str
    sources: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    permission: str
    order: int
    my_work: str = ""  # dotted path of f(user) -> Iterable[WorkItem]
    headlines: str = ""  # dotted path of f(user) -> Iterable[Figure]
    evidence: str = ""  # dotted path of f() -> Iterable[EvidenceFact]
    derived: tuple[Derived, ...] = ()  # stored figures rebuilt when their sources change
    description: str = ""

    @classmethod
    def standard(cls, app: str, label: str, order: int, description: str, **names: Any) -> Area:
        """The area of a domain app that keeps the usual names: its index page `<app>:index`,
        the permission `<app>.view`, `my_work` and `headlines` in its selectors and `facts` in
        its evidence module. `names` overrides any of them (`evidence=""`: it has none)."""
        base = f"careloop.{app}"
        return cls(
            **{
                "url_name": f"{app}:index",
                "permission": f"{app}.view",
                "my_work": f"{base}.selectors.my_work",
                "headlines": f"{base}.selectors.headlines",
                "evidence": f"{base}.evidence.facts",
                **names,
            },
            label=label,
            order=order,
            description=description,
        )


def all_areas() -> list[Area]:
    found = [a for cfg in apps.get_app_configs() if (a := getattr(cfg, "careloop_area", None))]
    return sorted(found, key=lambda a: a.order)


def navigation(user, current_path: str) -> list[dict]:
    items = []
    for area in all_areas():
        if not can(user, area.permission):
            continue
        href = reverse(area.url_name)
        active = current_path == href or (href != "/" and current_path.startswith(href))
        items.append({"text": area.label, "href": href, "active": active})
    return items


def my_work(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    for area in all_areas():
        if area.my_work and can(user, area.permission):
            items.extend(import_string(area.my_work)(user))
    far = dt.date.max
    return sorted(items, key=lambda i: (i.due or far, i.title))


def headlines(user) -> list[tuple[Area, list[Figure]]]:
    out: list[tuple[Area, list[Figure]]] = []
    for area in all_areas():
        if area.headlines and can(user, area.permission):
            figures: Iterable[Figure] = import_string(area.headlines)(user)
            if figures := list(figures):
                out.append((area, figures))
    return out


def evidence_facts() -> list[EvidenceFact]:
    """Every area's evidence, for the assurance area to gather."""
    facts: list[EvidenceFact] = []
    for area in all_areas():
        if area.evidence:
            facts.extend(import_string(area.evidence)())
    return facts
