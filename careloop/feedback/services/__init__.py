"""Use cases that write feedback. Views, the API, tasks and commands call these only."""

from careloop.feedback.services.complaints import (
    complaint_acknowledge,
    complaint_decide_late,
    complaint_escalate,
    complaint_refer_to_lgsco,
    complaint_respond,
    complaint_revise_response_period,
)
from careloop.feedback.services.handling import (
    document_add,
    equality_save,
    feedback_assign,
    feedback_close,
    feedback_delete,
    feedback_reopen,
    feedback_withdraw,
    note_add,
)
from careloop.feedback.services.letters import ensure_default_templates, letter_create
from careloop.feedback.services.public import forget_old_submissions, note_submission
from careloop.feedback.services.records import (
    EDITABLE,
    FEEDBACK_FIELDS,
    INTAKE_FIELDS,
    Conflict,
    EditConflict,
    feedback_create,
    feedback_update,
    plain,
    record_problems,
    snapshot,
    snapshot_objects,
    start_clock,
    tell_person_received,
)
from careloop.feedback.services.settings import clock_settings_save, record_save

__all__ = [
    "EDITABLE",
    "FEEDBACK_FIELDS",
    "INTAKE_FIELDS",
    "Conflict",
    "EditConflict",
    "clock_settings_save",
    "complaint_acknowledge",
    "complaint_decide_late",
    "complaint_escalate",
    "complaint_refer_to_lgsco",
    "complaint_respond",
    "complaint_revise_response_period",
    "document_add",
    "ensure_default_templates",
    "equality_save",
    "feedback_assign",
    "feedback_close",
    "feedback_create",
    "feedback_delete",
    "feedback_reopen",
    "feedback_update",
    "feedback_withdraw",
    "forget_old_submissions",
    "letter_create",
    "note_add",
    "note_submission",
    "plain",
    "record_problems",
    "record_save",
    "snapshot",
    "snapshot_objects",
    "start_clock",
    "tell_person_received",
]
