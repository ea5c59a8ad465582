"""Models of the assurance area: the CQC framework as data, the evidence library, the
self-assessment with its review history, and imported published reports of other councils."""

from careloop.assurance.models.assessment import ReviewEvent, SelfAssessment, StatementAssessment
from careloop.assurance.models.evidence import EvidenceItem, RefreshRun
from careloop.assurance.models.framework import (
    EvidenceCategory,
    FrameworkVersion,
    QualityStatement,
    ScoreLevel,
    Theme,
)
from careloop.assurance.models.peers import PeerPage, PeerReport

__all__ = [
    "EvidenceCategory",
    "EvidenceItem",
    "FrameworkVersion",
    "PeerPage",
    "PeerReport",
    "QualityStatement",
    "RefreshRun",
    "ReviewEvent",
    "ScoreLevel",
    "SelfAssessment",
    "StatementAssessment",
    "Theme",
]
