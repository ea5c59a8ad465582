"""Saving a record from the fields a person may edit, for every innovation service."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from careloop.core.services import ServiceError

M = TypeVar("M", bound=models.Model)


def save(record: M, fields: Mapping[str, Any], editable: Collection[str], **derived: Any) -> M:
    """Set `fields` (only names in `editable`) and the `derived` ones the service worked out,
    check the record (its refusals by field) and save it."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"{type(record).__name__}: not editable here: {', '.join(sorted(unknown))}")
    for name, value in {**fields, **derived}.items():
        setattr(record, name, value)
    try:
        record.full_clean()
    except ValidationError as error:
        raise ServiceError.from_validation(error) from None
    record.save()
    return record
