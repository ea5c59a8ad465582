"""Derived figures that follow their sources: one registry, one way to say "this changed".

An area declares the figures it stores that are built from other records on its `Area`
(`derived=(Derived("themes.signals", ..., sources=("themes.SeriesSettings",),
after=("themes.counts",)),)`). When a source changes, the figures are marked stale and, once
the transaction commits, one background rebuild is queued (`rebuild_task`) for them and
everything built from them (`after`), in order. A burst of changes queues one rebuild:
while one waits in the queue, later changes only mark the figures stale again, and a build
clears the mark only if no change came after it started.

Single saves and deletes of a source model are noticed by `post_save`/`post_delete`; bulk
paths send no signals, so imports (`core.imports.engine`), bulk reclassification and other
bulk writes call `changed(...)` themselves. Pages say when their figures were last built
with `{% figures_built "themes.signals" %}` (core_tags), from `built_at()`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from careloop.core import audit
from careloop.core.areas import Derived, all_areas
from careloop.core.models import DerivedState

log = logging.getLogger("careloop.derived")
_pending = threading.local()


# --- The registry --------------------------------------------------------------------------------
def registry() -> dict[str, Derived]:
    """Every area's derived figures, each after those it reads (`after`)."""
    found = {d.key: d for area in all_areas() for d in area.derived}
    ordered: dict[str, Derived] = {}

    def visit(key: str, path: tuple[str, ...] = ()) -> None:
        if key in ordered or key not in found:
            return
        if key in path:
            raise ValueError(f"derived figures built from each other: {' > '.join(path)}")
        for before in found[key].after:
            visit(before, (*path, key))
        ordered[key] = found[key]

    for key in sorted(found):
        visit(key)
    return ordered


def affected(labels: Iterable[str]) -> list[str]:
    """The keys of figures built from these models, and of every figure built from those."""
    wanted = {label.lower() for label in labels}
    out: list[str] = []
    for key, d in registry().items():  # in build order, so `after` is already decided
        if wanted & {s.lower() for s in d.sources} or set(d.after) & set(out):
            out.append(key)
    return out


# --- Changes -------------------------------------------------------------------------------------
def changed(*labels: str) -> None:
    """The records of these models changed: rebuild what is built from them once the
    transaction commits (at once outside one)."""
    building = getattr(_pending, "building", None)
    keys = [k for k in affected(labels) if k != building]  # a build never queues itself
    if not keys:
        return
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    pending.update(keys)
    transaction.on_commit(_flush)  # each time: a rolled-back transaction drops its callback


def _flush() -> None:
    keys, _pending.keys = getattr(_pending, "keys", None) or set(), None
    if keys:
        queue(keys)


def queue(keys: Iterable[str]) -> bool:
    """Mark these figures stale and queue one rebuild, unless one is already waiting."""
    keys = sorted(set(keys))
    now = timezone.now()
    for key in keys:
        DerivedState.objects.get_or_create(key=key)
    states = DerivedState.objects.filter(key__in=keys)
    states.filter(stale_since__isnull=True).update(stale_since=now)
    if not states.filter(queued_at__isnull=True).exists():
        return False  # a rebuild of all of them is waiting and will see these changes
    states.update(queued_at=now)
    try:
        rebuild_task.enqueue(keys=keys)
    except Exception:  # the nightly rebuild repairs them; the page shows they are stale
        log.exception("could not queue a rebuild of %s", ", ".join(keys))
        states.update(queued_at=None)
        return False
    return True


def _model_saved(sender, raw=False, **kwargs) -> None:
    if not raw:
        changed(sender._meta.label)


def connect() -> None:
    """Notice single saves and deletes of every model some derived figures are built from."""
    for label in {s for d in registry().values() for s in d.sources}:
        model = apps.get_model(label)
        uid = f"derived-{label}"
        post_save.connect(_model_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_model_saved, sender=model, dispatch_uid=f"{uid}-delete")


# --- Building ------------------------------------------------------------------------------------
def rebuild(keys: Iterable[str] | None = None) -> dict[str, str]:
    """Build these figures (all, without keys) and everything built from them, in order;
    returns what each build reported. A failing build is recorded and stays stale."""
    every = registry()
    wanted = set(every) if keys is None else set(keys)
    wanted |= set(affected_keys(wanted, every))
    done: dict[str, str] = {}
    for key, d in every.items():
        if key not in wanted:
            continue
        started = timezone.now()
        DerivedState.objects.get_or_create(key=key)
        DerivedState.objects.filter(key=key).update(queued_at=None)
        _pending.building = key
        try:  # each build keeps its own transactions (a classification commits by batch)
            message = str(import_string(d.build)() or "")[:300]
        except Exception as error:  # noqa: BLE001 - recorded; the other figures still build
            log.exception("building %s failed", key)
            DerivedState.objects.filter(key=key).update(error=type(error).__name__[:300])
            continue
        finally:
            _pending.building = None
        record(key, message, started)
        done[key] = message
    return done


def record(key: str, message: str = "", started: dt.datetime | None = None) -> None:
    """Record a build of `key` done outside `rebuild` (an area's own full rebuild)."""
    DerivedState.objects.get_or_create(key=key)
    state = DerivedState.objects.filter(key=key)
    state.update(built_at=timezone.now(), message=message[:300], error="")
    started = started or timezone.now()
    state.filter(Q(stale_since__isnull=True) | Q(stale_since__lte=started)).update(stale_since=None)


def downstream(keys: Iterable[str]) -> list[str]:
    """The keys of figures built from these (not these themselves)."""
    keys = set(keys)
    return [k for k in affected_keys(keys, registry()) if k not in keys]


def affected_keys(keys: set[str], every: dict[str, Derived]) -> list[str]:
    out = list(keys)
    for key, d in every.items():
        if set(d.after) & set(out) and key not in out:
            out.append(key)
    return out


@task()
def rebuild_task(keys: list[str] | None = None) -> dict[str, str]:
    """Background: rebuild derived figures after their sources changed (and nightly)."""
    with audit.acting_as(None, "task"):
        return rebuild(keys)


# --- What pages show -----------------------------------------------------------------------------
def built_at(*keys: str) -> tuple[dt.datetime | None, bool]:
    """When these figures were last all built (the oldest of their builds; None if one never
    was) and whether a source has changed since."""
    states = {s.key: s for s in DerivedState.objects.filter(key__in=keys)}
    times = [states[k].built_at if k in states else None for k in keys]
    stale = any(s.stale_since is not None for s in states.values())
    if not times or any(t is None for t in times):
        return None, stale
    return min(t for t in times if t is not None), stale
