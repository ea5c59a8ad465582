"""The academy's pages, one module per subject; `urls.py` names them all from here."""

from .pathways import enrolment_move, enrolment_new, enrolment_show, pathway_index
from .people import index, person, remind, team
from .practice import (
    audit_feedback,
    audit_index,
    audit_new,
    audit_show,
    group_index,
    group_new,
    group_show,
    peer_new,
    standard_new,
    standard_show,
)
from .registration import cpd_new, registration_new
from .supervision import (
    policies,
    policy_edit,
    supervision_export,
    supervision_index,
    supervision_new,
    supervision_private,
    supervision_show,
)
from .training import (
    completion_export,
    completion_new,
    course_edit,
    course_new,
    course_show,
    courses,
)

__all__ = [
    "audit_feedback",
    "audit_index",
    "audit_new",
    "audit_show",
    "completion_export",
    "completion_new",
    "course_edit",
    "course_new",
    "course_show",
    "courses",
    "cpd_new",
    "enrolment_move",
    "enrolment_new",
    "enrolment_show",
    "group_index",
    "group_new",
    "group_show",
    "index",
    "pathway_index",
    "peer_new",
    "person",
    "policies",
    "policy_edit",
    "registration_new",
    "remind",
    "standard_new",
    "standard_show",
    "supervision_export",
    "supervision_index",
    "supervision_new",
    "supervision_private",
    "supervision_show",
    "team",
]
