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
from .briefs import AnnualReportText, BriefRecipient, LearningBrief
from .impact import ImpactLink, Measure, MeasurePoint
from .lgsco import LgscoCase, LgscoRemedy, LgscoYear
from .meetings import AgendaItem, Meeting, MeetingSeries
from .reviews import PFD_RESPONSE_DAYS, Recommendation, Review

__all__ = [
    "EVIDENCE",
    "PFD_RESPONSE_DAYS",
    "Action",
    "ActionQuerySet",
    "ActionReminder",
    "ActionUpdate",
    "AgendaItem",
    "AnnualReportText",
    "BriefRecipient",
    "EvidenceFigure",
    "ImpactLink",
    "LearningBrief",
    "LgscoCase",
    "LgscoRemedy",
    "LgscoYear",
    "Measure",
    "MeasurePoint",
    "Meeting",
    "MeetingSeries",
    "Milestone",
    "Recommendation",
    "Review",
]
