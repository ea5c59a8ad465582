"""The learning academy: the models (one module per subject, all importable from here)."""

from .people import CareerStage, CpdEntry, Registration, StaffProfile, add_months
from .practice import (
    RATING_COLOURS,
    AuditAnswer,
    AuditQuestion,
    AuditStandard,
    CaseAudit,
    Enrolment,
    GroupSession,
    Pathway,
    PeerFeedback,
    Rating,
)
from .supervision import SupervisionPolicy, SupervisionPrivateNote, SupervisionSession
from .training import Completion, Course, TrainingReminder

__all__ = [
    "RATING_COLOURS",
    "AuditAnswer",
    "AuditQuestion",
    "AuditStandard",
    "CaseAudit",
    "Enrolment",
    "GroupSession",
    "Pathway",
    "PeerFeedback",
    "Rating",
    "CareerStage",
    "Completion",
    "Course",
    "CpdEntry",
    "Registration",
    "StaffProfile",
    "SupervisionPolicy",
    "SupervisionPrivateNote",
    "SupervisionSession",
    "TrainingReminder",
    "add_months",
]
