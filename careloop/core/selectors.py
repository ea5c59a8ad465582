"""Reads for the core's pages and API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from careloop.core.audit import REDACTED
from careloop.core.models import AuditEntry, Directorate, User


@dataclass
class HistoryRow:
    field: str
    before: str
    after: str


# --- Filters every list uses ------------------------------------------------------------------
def chosen(qs, **values):
    """The rows whose field holds the value given for it, for each value that is one of the
    field's choices (anything else, "" included, filters nothing)."""
    for name, value in values.items():
        if value in {choice for choice, _ in qs.model._meta.get_field(name).flatchoices}:
            qs = qs.filter(**{name: value})
    return qs


def search(qs, query: str, *fields: str):
    """The rows with `query` in any of `fields` (any case); every row for an empty query."""
    if not query:
        return qs
    match = Q()
    for name in fields:
        match |= Q(**{f"{name}__icontains": query})
    return qs.filter(match)


def _display(field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if value == REDACTED:
        return "(not shown)"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(removed, #{value})"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _rows(entry: AuditEntry) -> list[HistoryRow]:
    model = entry.content_type.model_class() if entry.content_type else None
    fields = {f.name: f for f in model._meta.get_fields()} if model else {}
    rows = []
    for name, change in (entry.changes or {}).items():
        field = fields.get(name)
        label = str(getattr(field, "verbose_name", name)).capitalize()
        if isinstance(change, dict):  # many-to-many: {"added": [...]} etc.
            verb, items = next(iter(change.items()))
            rows.append(HistoryRow(label, verb, ", ".join(items) or "(none)"))
        else:
            before, after = change
            rows.append(HistoryRow(label, _display(field, before), _display(field, after)))
    return rows


def history_for(obj, limit: int = 200) -> list[AuditEntry]:
    """The audit trail of one record, newest first, each with display `rows`."""
    entries = list(AuditEntry.objects.for_object(obj).select_related("actor")[:limit])
    for entry in entries:
        entry.rows = _rows(entry)
    return entries


def audit_log(*, action: str = "", actor_id: int | None = None):
    qs = AuditEntry.objects.select_related("actor", "content_type")
    if action:
        qs = qs.filter(action=action)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    return qs


def organisation():
    """Directorates with their service areas and teams, for the organisation page."""
    return Directorate.objects.prefetch_related("services__teams__manager").annotate(
        service_count=Count("services", distinct=True)
    )


def users(*, query: str = "", role: str = "", active: bool | None = None):
    qs = User.objects.select_related("team", "line_manager")
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if role:
        qs = qs.filter(role=role)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("full_name")
