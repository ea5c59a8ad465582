"""Fast bulk writes for importers: COPY on PostgreSQL, bulk_create elsewhere.

Django's bulk_create on PostgreSQL sends each batch as arrays (UNNEST), which psycopg quotes
in Python: about ten times slower than COPY for text-heavy rows. An importer writing tens of
thousands of rows calls

    bulk.insert(Feedback, objs)                 # sets each object's primary key
    bulk.audit_created(objs, reason="Imported from survey.csv")

`audit_created` writes exactly the entries `core.audit.record_bulk_create` writes (the same
actor, source, action and field-by-field changes; a test holds them equal), computing the
changes with the field list worked out once per model rather than once per object.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from careloop.core import audit
from careloop.core.models import AuditEntry


def insert(model, objs: list, *, batch_size: int = 1000) -> list:
    """Insert new objects and set their primary keys. No signals are sent (as bulk_create)."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objs)],
        )
        for obj, (value,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, value)
        fields = list(meta.concrete_fields)
        preps = [_prep(f) for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([prep(obj) for prep in preps])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = "default"
    return objs


_PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _prep(field):
    """A function giving the field's database value for COPY: the attribute itself for
    plain types (psycopg adapts them), else the field's own preparation."""
    attname = field.attname
    if (
        field.get_internal_type() in _PLAIN_TYPES
        and not field.is_relation
        or (field.many_to_one and field.target_field.get_internal_type() in _PLAIN_TYPES)
    ):
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


_PLAIN_VALUES = (str, int, bool, float)  # stored in the audit trail as they are


def _audited_fields(model) -> list[tuple[str, str, bool]]:
    """(attname, name, redacted) of each field the audit trail records, in its order."""
    redact = set(getattr(model, "audit_redact", ()))
    return [(f.attname, f.name, f.name in redact) for f in audit._fields(model)]


def _created_changes(values: dict, fields: list[tuple[str, str, bool]]) -> dict:
    """A new record's changes as the audit trail records them: [None, value] for each field
    that has a value (both redacted for a redacted field)."""
    changes = {}
    for attname, name, hidden in fields:
        value = values[attname]
        if value is None:
            continue
        if type(value) not in _PLAIN_VALUES:
            value = audit._plain(value)
            if value is None:
                continue
        changes[name] = [audit.REDACTED, audit.REDACTED] if hidden else [None, value]
    return changes


def audit_created(objs: list, *, reason: str = "") -> None:
    """Audit entries for newly inserted objects: the same as audit.record_bulk_create."""
    if not objs:
        return
    model = type(objs[0])
    fields = _audited_fields(model)
    ctx = audit.current()
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    entries = []
    for obj in objs:
        changes = _created_changes(obj.__dict__, fields)
        entries.append(
            AuditEntry(
                at=now,
                actor_id=ctx.actor_id,
                source=ctx.source,
                action=AuditEntry.Action.CREATE,
                content_type=ct,
                object_id=str(obj.pk),
                object_repr=audit._repr(obj),
                changes=changes,
                reason=reason,
            )
        )
    insert(AuditEntry, entries, batch_size=2000)


def _defaults(model) -> dict:
    """Each field's value when a row does not give one (its default, else None or "")."""
    now = timezone.now()
    out: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            out[f.attname] = now
        elif f.has_default():
            out[f.attname] = f.get_default()
        elif f.null:
            out[f.attname] = None
        elif f.empty_strings_allowed:
            out[f.attname] = ""
    return out


def create_rows(model, rows: list[dict], *, reason: str = "", describe=None) -> list[int]:
    """Insert rows given as {field attname: value} (defaults fill the rest), audit each as
    created, and return the new primary keys. The fastest path: no model instances on
    PostgreSQL. `describe(row)` must give what str() of the record would (the audit's label).
    """
    if not rows:
        return []
    defaults = _defaults(model)
    if connection.vendor != "postgresql":
        objs = [model(**{**defaults, **row}) for row in rows]
        model._default_manager.bulk_create(objs, batch_size=1000)
        audit.record_bulk_create(objs, reason=reason)
        return [o.pk for o in objs]
    import json

    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        pks = [value for (value,) in cursor.fetchall()]
        columns = ", ".join(quote(c) for c in [meta.pk.column, *(f.column for f in fields)])
        attnames = [f.attname for f in fields]
        full = []
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(pks, rows, strict=True):
                values = {**defaults, **row}
                full.append(values)
                copy.write_row(
                    [pk]
                    + [json.dumps(values[a]) if a in json_fields else values[a] for a in attnames]
                )
        # The audit entries, as audit.record_bulk_create writes them.
        audited = _audited_fields(model)
        ctx = audit.current()
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        now = timezone.now()
        entry_meta = AuditEntry._meta
        entry_columns = [
            "at",
            "actor_id",
            "source",
            "action",
            "content_type_id",
            "object_id",
            "object_repr",
            "changes",
            "reason",
        ]
        by_attname = {f.attname: f.column for f in entry_meta.concrete_fields if f.column}
        column_sql = ", ".join(quote(by_attname[c]) for c in entry_columns)
        describe = describe or (lambda row: str(model(**row)))
        with cursor.cursor.copy(
            f"COPY {quote(entry_meta.db_table)} ({column_sql}) FROM STDIN"
        ) as copy:
            for pk, values in zip(pks, full, strict=True):
                changes = _created_changes(values, audited)
                copy.write_row(
                    [
                        now,
                        ctx.actor_id,
                        ctx.source,
                        AuditEntry.Action.CREATE,
                        ct.pk,
                        str(pk),
                        describe(values)[:200],
                        json.dumps(changes),
                        reason,
                    ]
                )
    return pks
