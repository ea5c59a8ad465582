"""The self-assessment in CQC's format: the pages read back exactly through the CQC parser."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from careloop.assurance import services
from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.cqc.report_parser import parse_report
from careloop.assurance.reports import (
    PAGE_SEPARATOR,
    build_report,
    report_docx,
    report_pages_text,
    report_text,
)
from careloop.core.documents import render_html
from careloop.core.models import AuditEntry

SCORES = [3, 2, 3, 3, 4, 2, 3, 3, 3]  # total 26 = 72% Good


@pytest.fixture
def assessment(db, users, framework):
    assessment = services.assessment_create(
        title="Self-assessment 2026", as_at=dt.date(2026, 3, 31), user=users["admin"], draft=False
    )
    for sa, score in zip(assessment.statements.all(), SCORES, strict=True):
        sa.score = score
        sa.key_findings = (
            f"Staff told us {sa.statement.name.lower()} had improved.\n\n"
            "People said they were listened to (Adult Social Care Survey, October 2025)."
        )
        sa.save()
    assessment.summary = "People told us staff were kind.\n\nCarers said waits were long."
    assessment.save()
    return assessment


def test_every_page_reads_back_through_the_cqc_parser(assessment):
    report = build_report(assessment)
    summary, *pages = report_pages_text(report)
    record = parse_report(summary)
    assert record.page_type == "summary" and record.council == "Northshire County Council"
    assert (record.overall_percentage, record.overall_rating) == (72, "Good")
    assert [record.statement_scores[qs.name] for qs in QUALITY_STATEMENTS] == SCORES
    assert record.warnings == []
    for qs, text, score in zip(QUALITY_STATEMENTS, pages, SCORES, strict=True):
        record = parse_report(text)
        assert record.quality_statement == qs.name and record.score == score
        assert record.score_wording == assessment.framework.score_levels.get(score=score).wording
        assert record.commitment == qs.commitment
        assert record.what_people_expect == list(qs.what_people_expect)
        assert (
            record.key_findings
            == assessment.statements.get(statement__number=qs.number).paragraphs()
        )
        assert record.complete and record.warnings == [], (qs.name, record.warnings)


def test_the_text_report_says_draft_until_signed_off(assessment):
    text = report_text(build_report(assessment))
    assert text.startswith("DRAFT: this self-assessment is not signed off.")
    assert text.count(PAGE_SEPARATOR) == 9
    assessment.status = "approved"
    assessment.save()
    assert report_text(build_report(assessment)).startswith(
        "Northshire County Council: local authority assessment"
    )


def test_fewer_than_nine_scores_print_not_computable(assessment):
    sa = assessment.statements.get(statement__number=4)
    sa.score = None
    sa.save()
    summary = report_pages_text(build_report(assessment))[0]
    assert "Overall rating for Northshire County Council: not computable" in summary
    assert "8 of 9 quality statements are scored" in summary
    record = parse_report(summary)
    assert record.overall_percentage is None and len(record.statement_scores) == 8
    page = report_pages_text(build_report(assessment))[4]
    assert parse_report(page).score is None and "Score:" not in page


def test_word_document_has_the_same_pages(assessment):
    document = docx.Document(io.BytesIO(report_docx(build_report(assessment))))
    pages: list[list[str]] = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            pages.append([])
        if pages and paragraph.text.strip():
            pages[-1].append(paragraph.text)
    assert len(pages) == 10
    assert document.paragraphs[0].text == "Draft: this self-assessment is not signed off."
    table = document.tables[0]
    assert [row.cells[1].text for row in table.rows[1:]] == [str(s) for s in SCORES]
    for qs, lines, score in zip(QUALITY_STATEMENTS, pages[1:], SCORES, strict=True):
        record = parse_report("\n".join(lines))
        assert (record.quality_statement, record.score) == (qs.name, score)
        assert record.commitment == qs.commitment and record.complete
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert headings.count("Key findings for this quality statement") == 9
    assert headings.count("What people expect") == 7  # not for statements 8 and 9


def test_pdf_has_the_summary_and_a_page_per_statement(assessment):
    from weasyprint import HTML

    report = build_report(assessment)
    html = render_html("assurance/documents/report.html", {"report": report, "title": "x"})
    assert "Overall rating for Northshire County Council: 72%" in html
    assert html.count("Key findings for this quality statement") == 9
    assert len(HTML(string=html).render().pages) >= 10


def test_report_pages_and_downloads(assessment, users, client):
    client.force_login(users["viewer"])
    summary = client.get(reverse("assurance:report", args=[assessment.pk])).content.decode()
    assert "Northshire County Council: local authority assessment" in summary
    assert "Overall rating for Northshire County Council: 72%" in summary
    assert "Draft:" in summary
    page = client.get(reverse("assurance:report_statement", args=[assessment.pk, 9]))
    body = page.content.decode()
    assert "Score: 3" in body and "3 - Evidence shows a good standard" in body
    assert "What people expect" not in body  # statement 9 has none
    assert "The local authority commitment" in body
    assert "Key findings for this quality statement" in body
    assert (
        client.get(reverse("assurance:report_statement", args=[assessment.pk, 12])).status_code
        == 404
    )
    pdf = client.get(reverse("assurance:report_download", args=[assessment.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert (
        'filename="northshire-county-council-self-assessment-2026.pdf"'
        in pdf["Content-Disposition"]
    )
    word = client.get(reverse("assurance:report_download", args=[assessment.pk, "docx"]))
    assert word.content[:2] == b"PK"
    text = client.get(reverse("assurance:report_download", args=[assessment.pk, "txt"]))
    assert text.content.decode().startswith("DRAFT")
    exports = AuditEntry.objects.filter(action="export").for_object(assessment)
    assert exports.count() == 3 and {e.actor for e in exports} == {users["viewer"]}
