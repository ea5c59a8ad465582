"""Use cases that write, one module per subject; callers write
`from careloop.workforce import services; services.completion_record(...)`.

Each refuses with `careloop.core.services.ServiceError`, naming the field it is about. The
`*_FIELDS` constants are what a record's form and API may set, declared once here.
"""

from .pathways import enrolment_apply, enrolment_move
from .practice import (
    FOLLOW_UP_DAYS,
    audit_feedback,
    audit_record,
    group_session_record,
    peer_feedback_add,
    standard_save,
)
from .registration import REGISTRATION_FIELDS, cpd_add, registration_save
from .reminders import registration_alerts_send, reminder_send, reminders_send
from .supervision import (
    SUPERVISION_FIELDS,
    may_record_supervision,
    policy_save,
    supervision_private_save,
    supervision_record,
)
from .training import (
    COMPLETION_FIELDS,
    COURSE_FIELDS,
    FIGURE_LABEL,
    action_evidence_update,
    check_completion,
    completion_record,
    course_save,
    may_record_for,
)

__all__ = [
    "COMPLETION_FIELDS",
    "COURSE_FIELDS",
    "FIGURE_LABEL",
    "FOLLOW_UP_DAYS",
    "REGISTRATION_FIELDS",
    "SUPERVISION_FIELDS",
    "action_evidence_update",
    "audit_feedback",
    "audit_record",
    "check_completion",
    "completion_record",
    "course_save",
    "cpd_add",
    "enrolment_apply",
    "enrolment_move",
    "group_session_record",
    "may_record_for",
    "may_record_supervision",
    "peer_feedback_add",
    "policy_save",
    "registration_alerts_send",
    "registration_save",
    "reminder_send",
    "reminders_send",
    "standard_save",
    "supervision_private_save",
    "supervision_record",
]
