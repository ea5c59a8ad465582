"""Learn and act: the models (one module per subject, all importable from here)."""

from .actions import (
    EVIDENCE,
    Action,
    ActionQuerySet,
    ActionReminder,
    ActionUpdate,
    EvidenceFigure,
    Milestone,
)
from .reviews import PFD_RESPONSE_DAYS, Recommendation, Review

__all__ = [
    "EVIDENCE",
    "PFD_RESPONSE_DAYS",
    "Action",
    "ActionQuerySet",
    "ActionReminder",
    "ActionUpdate",
    "EvidenceFigure",
    "Milestone",
    "Recommendation",
    "Review",
]
