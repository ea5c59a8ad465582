"""Forms, one module per noun: pilots, measures and figures, stories and risks, evaluations,
external learning. Record forms take their fields from the services' `*_FIELDS`."""

from .evaluations import EvaluationForm, NeededWithDecision, SummaryForm
from .external import ExternalLearningForm
from .measures import MONTHS, MeasureForm, ReadingForm
from .pilots import MoveForm, PilotForm
from .stories import RiskForm, StoryForm

__all__ = [
    "MONTHS",
    "EvaluationForm",
    "ExternalLearningForm",
    "MeasureForm",
    "MoveForm",
    "NeededWithDecision",
    "PilotForm",
    "ReadingForm",
    "RiskForm",
    "StoryForm",
    "SummaryForm",
]
