"""The feedback register's models (one module per subject, all importable from here).

Equality monitoring answers live apart from the feedback, in `EqualityMonitoring`, and are
only ever reported in aggregate.
"""

from .equality import EqualityMonitoring
from .notes import Note, ResponsePeriodRevision
from .organisations import Organisation
from .public import PublicSubmission
from .records import Feedback, FeedbackQuerySet, LiveManager
from .references import ReferenceSequence, next_references
from .settings import ClockSettings, LetterTemplate

__all__ = [
    "ClockSettings",
    "EqualityMonitoring",
    "Feedback",
    "FeedbackQuerySet",
    "LetterTemplate",
    "LiveManager",
    "Note",
    "Organisation",
    "PublicSubmission",
    "ReferenceSequence",
    "ResponsePeriodRevision",
    "next_references",
]
