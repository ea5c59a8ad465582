"""Use cases that write, one module per noun: pilots and their life cycle, measures and
figures, stories and risks, evaluations and decisions, external learning, reminders.
Callers write `from careloop.innovation import services; services.pilot_create(...)`.

Keyword-only; every write is audited. Each refuses with `careloop.core.services.ServiceError`,
naming the field (or fields) it is about. The `*_FIELDS` constants are what a record's form
and API may set, declared once here.
"""

from .evaluations import EVALUATION_FIELDS, evaluation_record, evaluation_update_summary
from .external import EXTERNAL_FIELDS, external_save
from .measures import (
    MEASURE_FIELDS,
    READING_FIELDS,
    check_reading,
    measure_create,
    measure_delete,
    measure_update,
    period_record,
    reading_delete,
    reading_record,
)
from .pilots import MOVES, PILOT_FIELDS, moves_for, pilot_create, pilot_move, pilot_update
from .reminders import reminders_send
from .stories import NO_CONSENT, RISK_FIELDS, STORY_FIELDS, risk_save, story_save

__all__ = [
    "EVALUATION_FIELDS",
    "EXTERNAL_FIELDS",
    "MEASURE_FIELDS",
    "MOVES",
    "NO_CONSENT",
    "PILOT_FIELDS",
    "READING_FIELDS",
    "RISK_FIELDS",
    "STORY_FIELDS",
    "check_reading",
    "evaluation_record",
    "evaluation_update_summary",
    "external_save",
    "measure_create",
    "measure_delete",
    "measure_update",
    "moves_for",
    "period_record",
    "pilot_create",
    "pilot_move",
    "pilot_update",
    "reading_delete",
    "reading_record",
    "reminders_send",
    "risk_save",
    "story_save",
]
