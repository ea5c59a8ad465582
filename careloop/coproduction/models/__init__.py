"""Coproduction: work made with people with lived experience, who was involved at which
stage and how deeply, feedback windows, what people said and what changed, and the
published "You said, we did" statements."""

from .feedback import Contribution, FeedbackPolicy, FeedbackWindow
from .participants import Group, Participant, Payment
from .projects import (
    EARLY_STAGES,
    RUNG_HINTS,
    Involvement,
    Project,
    ProjectQuerySet,
    Rung,
    Stage,
    long_date,
)
from .statements import Statement, StatementQuerySet

__all__ = [
    "EARLY_STAGES",
    "RUNG_HINTS",
    "Contribution",
    "FeedbackPolicy",
    "FeedbackWindow",
    "Group",
    "Involvement",
    "Participant",
    "Payment",
    "Project",
    "ProjectQuerySet",
    "Rung",
    "Stage",
    "Statement",
    "StatementQuerySet",
    "long_date",
]
