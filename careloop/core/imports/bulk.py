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

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from careloop.core import audit


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


def audit_created(objs: list, *, reason: str = "") -> None:
    """Audit entries for newly inserted objects: the same as audit.record_bulk_create."""
    from careloop.core.models import AuditEntry

    if not objs:
        return
    model = type(objs[0])
    redact = set(getattr(model, "audit_redact", ()))
    fields = [
        (f.attname, f.name, f.name in redact)
        for f in audit._fields(model)  # the fields the audit trail records, in its order
    ]
    ctx = audit.current()
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    entries = []
    hidden_value = [audit.REDACTED, audit.REDACTED]
    plain_types = (str, int, bool, float)
    for obj in objs:
        values = obj.__dict__
        changes = {}
        for attname, name, hidden in fields:
            value = values[attname]
            if value is None:
                continue
            if type(value) not in plain_types:
                value = audit._plain(value)
                if value is None:
                    continue
            changes[name] = list(hidden_value) if hidden else [None, value]
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
