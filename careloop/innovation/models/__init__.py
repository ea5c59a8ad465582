"""Pilots of new ways of working, their outcome measures over time, their evaluations, and
the external learning register (research, peer review, sector-led improvement, networks).

One module per noun; callers keep importing from `careloop.innovation.models`.
"""

from .evaluations import Evaluation
from .external import ExternalLearning
from .measures import Direction, Measure, Reading
from .pilots import Pilot, PilotQuerySet
from .stories import Risk, Story

__all__ = [
    "Direction",
    "Evaluation",
    "ExternalLearning",
    "Measure",
    "Pilot",
    "PilotQuerySet",
    "Reading",
    "Risk",
    "Story",
]
