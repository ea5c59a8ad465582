"""The self-assessment in CQC's published format: an overall summary page and one page per
quality statement, as plain text (`careloop cqc report`), HTML, PDF and Word (.docx).

The text of each page is what CQC prints, in CQC's order, so `cqc.report_parser` reads a
page careloop wrote exactly as it reads one CQC published.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings

from careloop.assurance.cqc.rating import RatingOutcome
from careloop.assurance.models import SelfAssessment
from careloop.core.documents import render_pdf


@dataclass
class StatementPage:
    number: int
    theme: str
    name: str
    score: int | None
    score_wording: str
    what_people_expect: list[str]
    commitment: str
    paragraphs: list[str]
    status: str
    url_slug: str

    @property
    def score_line(self) -> str:
        return f"{self.score} - {self.score_wording}" if self.score else ""


@dataclass
class Report:
    council: str
    title: str
    assessment: SelfAssessment
    outcome: RatingOutcome
    summary_paragraphs: list[str]
    pages: list[StatementPage] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.council}: local authority assessment"

    @property
    def signed_off(self) -> bool:
        return self.assessment.is_signed_off

    @property
    def overall_line(self) -> str:
        if self.outcome.rating is None:
            return f"Overall rating for {self.council}: not computable"
        return f"Overall rating for {self.council}: {self.outcome.rating.percentage}%"

    @property
    def themes(self) -> list[tuple[str, list[StatementPage]]]:
        grouped: dict[str, list[StatementPage]] = {}
        for page in self.pages:
            grouped.setdefault(page.theme, []).append(page)
        return list(grouped.items())

    def page(self, number: int) -> StatementPage | None:
        return next((p for p in self.pages if p.number == number), None)


def _paragraphs(text: str) -> list[str]:
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(b.split()) for b in blocks if b.strip()]


def build_report(assessment: SelfAssessment) -> Report:
    wordings = {level.score: level.wording for level in assessment.framework.score_levels.all()}
    report = Report(
        council=settings.COUNCIL_NAME or "",
        title=assessment.title,
        assessment=assessment,
        outcome=assessment.rating(),
        summary_paragraphs=_paragraphs(assessment.summary),
    )
    for sa in assessment.statements.select_related("statement__theme"):
        statement = sa.statement
        report.pages.append(
            StatementPage(
                number=statement.number,
                theme=statement.theme.name,
                name=statement.name,
                score=sa.score,
                score_wording=wordings.get(sa.score, "") if sa.score else "",
                what_people_expect=list(statement.what_people_expect),
                commitment=statement.commitment,
                paragraphs=sa.paragraphs(),
                status=sa.get_status_display(),
                url_slug=statement.slug,
            )
        )
    return report


# --- Plain text -----------------------------------------------------------------------------------
def summary_text(report: Report) -> str:
    lines = [report.heading, "Local authority rating and score"]
    if report.outcome.rating is not None:
        lines.append(report.outcome.rating.rating)
    lines.append(report.overall_line)
    if report.outcome.rating is None:
        lines.append(report.outcome.reason or "")
    lines.append("Quality statement scores")
    for page in report.pages:
        lines.append(page.name)
        lines += [f"Score: {page.score}", page.score_line] if page.score else ["Not scored yet"]
    if report.summary_paragraphs:
        lines += ["Summary of people's experiences", *report.summary_paragraphs]
    return "\n".join(lines)


def statement_text(report: Report, page: StatementPage) -> str:
    lines = [report.heading, page.name]
    if page.score:
        lines += [f"Score: {page.score}", page.score_line]
    if page.what_people_expect:
        lines += ["What people expect", *page.what_people_expect]
    lines += ["The local authority commitment", page.commitment]
    lines += ["Key findings for this quality statement", *page.paragraphs]
    return "\n".join(lines)


def report_pages_text(report: Report) -> list[str]:
    return [summary_text(report), *(statement_text(report, p) for p in report.pages)]


PAGE_SEPARATOR = "\n\n" + "-" * 72 + "\n\n"


def report_text(report: Report) -> str:
    status = "" if report.signed_off else "DRAFT: this self-assessment is not signed off.\n\n"
    return status + PAGE_SEPARATOR.join(report_pages_text(report)) + "\n"


# --- PDF (WeasyPrint) -----------------------------------------------------------------------------
def report_pdf(report: Report) -> bytes:
    return render_pdf("assurance/documents/report.html", {"report": report, "title": report.title})


# --- Word (.docx) ---------------------------------------------------------------------------------
def report_docx(report: Report) -> bytes:
    """A Word document councils can edit: the same pages, with Word's heading styles."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = f"{report.heading}: {report.title}"
    document.core_properties.author = report.council
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)

    def page_break():
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    if not report.signed_off:
        note = document.add_paragraph()
        note.add_run("Draft: this self-assessment is not signed off.").bold = True
    document.add_heading(report.heading, level=1)
    document.add_heading("Local authority rating and score", level=2)
    if report.outcome.rating is not None:
        document.add_paragraph().add_run(report.outcome.rating.rating).bold = True
    document.add_paragraph(report.overall_line)
    if report.outcome.rating is None:
        document.add_paragraph(report.outcome.reason or "")
    document.add_heading("Quality statement scores", level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Quality statement", "Score", "Wording"), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for page in report.pages:
        cells = table.add_row().cells
        cells[0].text = page.name
        cells[1].text = str(page.score) if page.score else "Not scored yet"
        cells[2].text = page.score_wording
    if report.summary_paragraphs:
        document.add_heading("Summary of people's experiences", level=2)
        for paragraph in report.summary_paragraphs:
            document.add_paragraph(paragraph)
    for page in report.pages:
        page_break()
        document.add_heading(report.heading, level=1)
        document.add_heading(page.name, level=2)
        if page.score:
            document.add_paragraph().add_run(f"Score: {page.score}").bold = True
            document.add_paragraph(page.score_line)
        if page.what_people_expect:
            document.add_heading("What people expect", level=3)
            for line in page.what_people_expect:
                document.add_paragraph(line, style="List Bullet")
        document.add_heading("The local authority commitment", level=3)
        document.add_paragraph(page.commitment)
        document.add_heading("Key findings for this quality statement", level=3)
        for paragraph in page.paragraphs:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
