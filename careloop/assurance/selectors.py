"""Reads for the assurance pages, the API, "my work" and the home page's figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse

from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.cqc.rating import RatingOutcome
from careloop.assurance.models import (
    EvidenceItem,
    FrameworkVersion,
    PeerReport,
    RefreshRun,
    SelfAssessment,
    StatementAssessment,
)
from careloop.assurance.models.evidence import months_before
from careloop.assurance.services.framework import framework_ensure
from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can


def current_framework() -> FrameworkVersion:
    return framework_ensure()


def category_names(framework: FrameworkVersion | None = None) -> dict[str, str]:
    framework = framework or current_framework()
    return {c.key: c.name for c in framework.categories.all()}


def latest_assessment() -> SelfAssessment | None:
    """The self-assessment the reports and figures speak for: the latest by date."""
    return SelfAssessment.objects.select_related("framework").first()


# --- Evidence library -----------------------------------------------------------------------------
EVIDENCE_STATES = {
    "unconfirmed": "Suggested, not yet confirmed",
    "confirmed": "Confirmed",
    "not_reported": "No longer reported",
}


def evidence_list(
    user, *, statement: int | None = None, category: str = "", state: str = "", kind: str = "",
    query: str = "",
):  # fmt: skip
    qs = EvidenceItem.objects.visible_to(user).prefetch_related("statements")
    if statement:
        qs = qs.filter(statements__number=statement).distinct()
    if category:
        qs = qs.filter(category=category)
    if state == "unconfirmed":
        qs = qs.needing_confirmation()
    elif state == "confirmed":
        qs = qs.confirmed()
    elif state == "not_reported":
        qs = qs.exclude(stale_since=None)
    if kind in EvidenceItem.Kind.values:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(
            Q(title__icontains=query) | Q(summary__icontains=query) | Q(source__icontains=query)
        )
    return qs


def evidence_counts(user) -> dict[str, int]:
    qs = EvidenceItem.objects.visible_to(user)
    return qs.aggregate(
        total=Count("pk"),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        not_reported=Count("pk", filter=Q(stale_since__isnull=False)),
    )


def last_refresh() -> RefreshRun | None:
    return RefreshRun.objects.first()


# --- Coverage -------------------------------------------------------------------------------------
@dataclass
class CoverageCell:
    category: str
    category_name: str
    used_by_cqc: bool
    current: int = 0
    out_of_date: int = 0
    state: str = ""  # missing | stale | thin | covered

    @property
    def label(self) -> str:
        return {
            "missing": "Missing",
            "stale": "Out of date",
            "thin": "Thin",
            "covered": "Covered",
        }[self.state]


@dataclass
class CoverageRow:
    number: int
    name: str
    cells: list[CoverageCell]
    suggested: int = 0
    gaps: list[str] = field(default_factory=list)


def coverage(assessment: SelfAssessment) -> list[CoverageRow]:
    """For each statement and evidence category: how much confirmed evidence is current, how
    much is out of date (older than the self-assessment's age limit, or no longer reported),
    and whether the category is missing, out of date, thin or covered."""
    framework = assessment.framework
    categories = list(framework.categories.all())
    cutoff = months_before(assessment.as_at, assessment.evidence_max_age_months)
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    current = Q(evidenceitem__stale_since__isnull=True, evidenceitem__date__gte=cutoff)
    tags = (
        EvidenceItem.statements.through.objects.filter(evidenceitem__confirmed_at__isnull=False)
        .values("qualitystatement__number", "evidenceitem__category")
        .annotate(current=Count("pk", filter=current), total=Count("pk"))
    )
    for row in tags:
        key = (row["qualitystatement__number"], row["evidenceitem__category"])
        counts[key][0] += row["current"]
        counts[key][1] += row["total"] - row["current"]
    suggested: dict[int, int] = defaultdict(int)
    waiting = EvidenceItem.objects.needing_confirmation().values_list(
        "suggested_statements", flat=True
    )
    for numbers in waiting:
        for number in numbers:
            suggested[number] += 1
    rows = []
    for statement in framework.statements.all():
        row = CoverageRow(statement.number, statement.name, [], suggested[statement.number])
        for category in categories:
            current, old = counts[(statement.number, category.key)]
            cell = CoverageCell(category.key, category.name, category.used_by_cqc, current, old)
            if current == 0:
                cell.state = "stale" if old else "missing"
            elif current < assessment.min_items_per_category:
                cell.state = "thin"
            else:
                cell.state = "covered"
            row.cells.append(cell)
            if not category.used_by_cqc:
                continue
            if cell.state == "missing":
                row.gaps.append(f"No evidence of {category.name.lower()}")
            elif cell.state == "stale":
                row.gaps.append(f"{category.name}: only out-of-date evidence")
            elif cell.state == "thin":
                row.gaps.append(f"{category.name}: thin ({current} current)")
        rows.append(row)
    return rows


def statement_evidence(user, sa: StatementAssessment):
    """Confirmed evidence for one statement that `user` may see, with whether it is current."""
    assessment = sa.self_assessment
    cutoff = months_before(assessment.as_at, assessment.evidence_max_age_months)
    items = list(
        EvidenceItem.objects.visible_to(user)
        .confirmed()
        .for_statement(sa.statement.number)
        .order_by("category", "-date")
    )
    for item in items:
        item.out_of_date = item.stale_since is not None or item.date < cutoff
    return items


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
    from django.conf import settings

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
