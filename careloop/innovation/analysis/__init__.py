"""The evaluation of a pilot's measures, using careloop.stats (never reimplementing it).

For each measure: an XmR chart of the pilot group (limits fixed on the baseline period, so
points after the pilot began are judged against what was normal before), the before/after
test, the pilot-against-comparison test, and a sample-size note saying how much longer the
pilot must run to detect the change it hopes for. A verdict per measure and a plain-English
draft summary for the pilot follow from those results; a person edits the summary and makes
the decision.

An engine: plain logic over careloop.stats that selectors, pages, the API, evidence and the
demo call as `analysis.analyse_pilot(...)`; one module for the results and their verdict,
one for evaluating a measure, one for the pilot as a whole and its summary text.
"""

from .measures import analyse_measure, analyse_pilot
from .results import MIN_PERIODS, MeasureAnalysis, Series, Verdict
from .summary import draft_summary, overall, suggestion

__all__ = [
    "MIN_PERIODS",
    "MeasureAnalysis",
    "Series",
    "Verdict",
    "analyse_measure",
    "analyse_pilot",
    "draft_summary",
    "overall",
    "suggestion",
]
