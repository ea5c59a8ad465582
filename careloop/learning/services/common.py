"""What the services of Learn and act share."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from careloop.core.services import ServiceError


def set_fields(
    record, fields: Mapping[str, object], allowed: Collection[str], *, refusal="Unknown fields"
) -> None:
    """Set the given fields on the record (text trimmed), refusing any not in `allowed` (the
    record's editable fields, declared once in its services module)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ServiceError(f"{refusal}: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
