"""The assurance area on the home page: work waiting for a person, and headline figures."""

from __future__ import annotations

from django.urls import reverse

from careloop.assurance.models import EvidenceItem, StatementAssessment
from careloop.assurance.selectors.evidence import evidence_counts
from careloop.assurance.selectors.framework import latest_assessment
from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can


# --- Home page ------------------------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    if can(user, "assurance.approve"):
        waiting = StatementAssessment.objects.filter(
            status=StatementAssessment.Status.IN_REVIEW
        ).select_related("statement", "self_assessment")
        items += [
            WorkItem(
                title=f"Review: {sa.statement.name}",
                url=sa.get_absolute_url(),
                area="Assurance",
                kind=str(sa.self_assessment),
                status="In review",
            )
            for sa in waiting
        ]
    if can(user, "assurance.manage"):
        unconfirmed = EvidenceItem.objects.visible_to(user).needing_confirmation().count()
        if unconfirmed:
            items.append(
                WorkItem(
                    title=f"Confirm the suggested tags of {unconfirmed} evidence "
                    f"item{'s' if unconfirmed != 1 else ''}",
                    url=reverse("assurance:evidence_index") + "?state=unconfirmed",
                    area="Assurance",
                    kind="Evidence library",
                )
            )
    return items


def headlines(user) -> list[Figure]:
    assessment = latest_assessment()
    figures = []
    if assessment is not None:
        outcome = assessment.rating()
        approved = assessment.statements.filter(status=StatementAssessment.Status.APPROVED)
        figures += [
            Figure(
                "Proposed overall rating",
                f"{outcome.rating.percentage}% {outcome.rating.rating}"
                if outcome.rating
                else "Not computable",
                assessment.get_absolute_url(),
                hint=str(assessment),
            ),
            Figure("Quality statements approved", f"{approved.count()} of 9", hint=str(assessment)),
        ]
    counts = evidence_counts(user)
    figures.append(
        Figure(
            "Evidence items",
            counts["total"],
            reverse("assurance:evidence_index"),
            hint=f"{counts['unconfirmed']} awaiting confirmation",
        )
    )
    return figures
