"""Other councils' published reports: how many, and their scores beside ours."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.cqc.rating import RatingOutcome
from careloop.assurance.models import PeerReport, SelfAssessment


def peer_count() -> int:
    return PeerReport.objects.count()


# --- Peers ----------------------------------------------------------------------------------------
@dataclass
class Column:
    name: str
    scores: list[int | None]
    outcome: RatingOutcome
    url: str = ""
    own: bool = False
    printed: str = ""


def peer_comparison(assessment: SelfAssessment | None) -> tuple[list[Column], list[dict]]:
    """Columns (our self-assessment, then each imported council) and rows by statement."""
    columns = []
    if assessment is not None:
        columns.append(
            Column(
                f"{settings.COUNCIL_NAME} (self-assessment)",
                assessment.scores(),
                assessment.rating(),
                assessment.get_absolute_url(),
                own=True,
            )
        )
    for report in PeerReport.objects.prefetch_related("pages"):
        printed = (
            f"{report.overall_percentage}% {report.overall_rating}".strip()
            if report.overall_percentage is not None
            else ""
        )
        columns.append(
            Column(
                report.council,
                report.scores(),
                report.rating(),
                report.get_absolute_url(),
                printed=printed,
            )
        )
    rows = []
    for qs in QUALITY_STATEMENTS:
        scores = [c.scores[qs.number - 1] for c in columns]
        known = [s for s in scores if s is not None]
        rows.append(
            {
                "number": qs.number,
                "theme": qs.theme.name,
                "name": qs.name,
                "scores": scores,
                "highest": max(known) if known else None,
                "lowest": min(known) if known else None,
            }
        )
    return columns, rows
