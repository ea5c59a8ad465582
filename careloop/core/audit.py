"""The audit trail: who changed what, when, with the old and new values.

Models that inherit `core.models.Audited` are recorded automatically on create, update and
delete (signal handlers connected in CoreConfig.ready). Who did it comes from the audit
context: set per request by AuditContextMiddleware, and by `acting_as()` in tasks and commands.
Bulk writes that bypass signals call `record_bulk_create()` themselves.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from careloop.core.models import AuditEntry

REDACTED = "(changed; not shown)"


@dataclass(frozen=True)
class AuditContext:
    actor_id: int | None
    source: str


_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "careloop_audit",
    default=AuditContext(None, "system"),  # noqa: B039 - frozen, so safe to share
)


def current() -> AuditContext:
    return _context.get()


@contextmanager
def acting_as(user, source: str):
    """Attribute writes inside the block to `user` (None for the system) from `source`."""
    token = _context.set(AuditContext(getattr(user, "pk", user), source))
    try:
        yield
    finally:
        _context.reset(token)


def set_context(user, source: str) -> contextvars.Token:
    return _context.set(AuditContext(getattr(user, "pk", None), source))


def reset_context(token: contextvars.Token) -> None:
    _context.reset(token)


# --- Values ------------------------------------------------------------------------------------
def _plain(value):
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file field
        return value.name or None
    return str(value)


def _fields(model) -> list[models.Field]:
    skip = set(getattr(model, "audit_exclude", ()))
    return [f for f in model._meta.concrete_fields if f.name not in skip and not f.primary_key]


def snapshot(instance) -> dict:
    return {f.attname: _plain(getattr(instance, f.attname)) for f in _fields(type(instance))}


def _label(model, attname: str) -> str:
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return f.name
    return attname


def diff(model, old: dict, new: dict) -> dict:
    """{field name: [old, new]} for fields that changed; redacted fields hide their values."""
    redact = set(getattr(model, "audit_redact", ()))
    changes = {}
    for attname in [*new, *(k for k in old if k not in new)]:
        before, value = old.get(attname), new.get(attname)
        if before != value:
            name = _label(model, attname)
            changes[name] = [REDACTED, REDACTED] if name in redact else [before, value]
    return changes


def _repr(instance) -> str:
    try:
        return str(instance)[:200]
    except Exception:  # noqa: BLE001 - a broken __str__ must not break saving
        return f"{type(instance).__name__} {instance.pk}"


def record(
    action: str,
    instance=None,
    *,
    changes: dict | None = None,
    reason: str = "",
    actor=None,
    object_repr: str | None = None,
):
    """Write one audit entry (for events that are not plain saves: logins, exports, …)."""
    ctx = current()
    actor_id = getattr(actor, "pk", actor) if actor is not None else ctx.actor_id
    return AuditEntry.objects.create(
        actor_id=actor_id,
        source=ctx.source,
        action=action,
        content_type=(
            ContentType.objects.get_for_model(instance, for_concrete_model=False)
            if instance is not None
            else None
        ),
        object_id=str(instance.pk) if instance is not None else "",
        object_repr=object_repr
        if object_repr is not None
        else (_repr(instance) if instance else ""),
        changes=changes or {},
        reason=reason,
    )


def record_bulk_create(objs, *, reason: str = "") -> None:
    """Audit entries for objects written with bulk_create (which sends no signals)."""
    objs = list(objs)
    if not objs:
        return
    ctx = current()
    ct = ContentType.objects.get_for_model(type(objs[0]), for_concrete_model=False)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor_id=ctx.actor_id,
                source=ctx.source,
                action=AuditEntry.Action.CREATE,
                content_type=ct,
                object_id=str(o.pk),
                object_repr=_repr(o),
                changes=diff(type(o), {}, snapshot(o)),
                reason=reason,
            )
            for o in objs
        ],
        batch_size=2000,
    )


# --- Signal handlers ---------------------------------------------------------------------------
def _on_pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None
        return
    row = sender._default_manager.filter(pk=instance.pk).values(
        *[f.attname for f in _fields(sender)]
    )
    old = row.first()
    instance._audit_before = {k: _plain(v) for k, v in old.items()} if old else None


def _on_post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    new = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(AuditEntry.Action.CREATE, instance, changes=diff(sender, {}, new))
        return
    changes = diff(sender, before, new)
    if changes:
        reason = getattr(instance, "_audit_reason", "")  # e.g. why a restriction was lifted
        record(AuditEntry.Action.UPDATE, instance, changes=changes, reason=reason)
        instance._audit_reason = ""


def _on_post_delete(sender, instance, **kwargs):
    record(AuditEntry.Action.DELETE, instance, changes=diff(sender, snapshot(instance), {}))


def _on_m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or instance is None:
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender),
        None,
    )
    if field is None:
        return
    items = sorted(str(m) for m in model._default_manager.filter(pk__in=pk_set or []))
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    record(AuditEntry.Action.UPDATE, instance, changes={field: {verb: items}})


def connect(audited_models) -> None:
    for model in audited_models:
        uid = f"careloop-audit-{model._meta.label}"
        pre_save.connect(_on_pre_save, sender=model, dispatch_uid=uid)
        post_save.connect(_on_post_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_post_delete, sender=model, dispatch_uid=uid)
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"{uid}-{m2m.name}")
