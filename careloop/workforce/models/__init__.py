"""The learning academy: the models (one module per subject, all importable from here)."""

from .people import CareerStage, CpdEntry, Registration, StaffProfile, add_months
from .supervision import SupervisionPolicy, SupervisionPrivateNote, SupervisionSession
from .training import Completion, Course, TrainingReminder

__all__ = [
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
