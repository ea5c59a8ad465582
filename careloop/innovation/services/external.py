"""The external learning register."""

from __future__ import annotations

from careloop.core.services import save_fields

from ..models import ExternalLearning

EXTERNAL_FIELDS = (
    "title",
    "kind",
    "organisation",
    "description",
    "started_on",
    "ended_on",
    "status",
    "lead",
    "learned",
    "shared",
    "link",
)


def external_save(*, user, record: ExternalLearning | None = None, **fields) -> ExternalLearning:
    """Add (led by `user` unless a lead is given) or edit a record of learning from outside."""
    if record is None:
        fields.setdefault("lead", user)
        record = ExternalLearning()
    return save_fields(record, fields, EXTERNAL_FIELDS)
