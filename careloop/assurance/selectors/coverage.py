"""How well the evidence covers each statement of a self-assessment, by category."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from careloop.assurance.models import EvidenceItem, SelfAssessment, StatementAssessment
from careloop.assurance.models.evidence import months_before


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
    is_current = Q(evidenceitem__stale_since__isnull=True, evidenceitem__date__gte=cutoff)
    tags = (
        EvidenceItem.statements.through.objects.filter(evidenceitem__confirmed_at__isnull=False)
        .values("qualitystatement__number", "evidenceitem__category")
        .annotate(current=Count("pk", filter=is_current), total=Count("pk"))
    )
    for tag in tags:
        key = (tag["qualitystatement__number"], tag["evidenceitem__category"])
        counts[key][0] += tag["current"]
        counts[key][1] += tag["total"] - tag["current"]
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


@dataclass
class StatementRow:
    """One statement of a self-assessment on its overview: the score's wording and gaps."""

    sa: StatementAssessment
    coverage: CoverageRow | None
    score_wording: str


def statement_rows(assessment: SelfAssessment) -> list[StatementRow]:
    rows = {row.number: row for row in coverage(assessment)}
    wordings = {lvl.score: lvl.wording for lvl in assessment.framework.score_levels.all()}
    return [
        StatementRow(
            sa,
            rows.get(sa.statement.number),
            wordings.get(sa.score, "") if sa.score is not None else "",
        )
        for sa in assessment.statements.select_related("statement__theme")
    ]


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
