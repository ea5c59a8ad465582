"""Assurance in a real browser: evidence to an approved self-assessment to a CQC-format PDF,
importing a published report, comparison, the framework; axe-core on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from careloop.assurance import services
from careloop.assurance.models import EvidenceItem, SelfAssessment
from tests.assurance import conftest as assurance_fixtures
from tests.assurance.fake_evidence import fact
from tests.browser.conftest import check_page, sign_in

pytestmark = pytest.mark.browser

# The area's own fixtures (tests/assurance/conftest.py), shared with these journeys.
fake_area = assurance_fixtures.fake_area
framework = assurance_fixtures.framework
seed_path = assurance_fixtures.seed_path
seed_text = assurance_fixtures.seed_text


@pytest.fixture
def evidence(fake_area, users):
    """Figures from an area, as careloop gathers them; one statement's worth confirmed."""
    fake_area.FACTS[:] = [
        fact("feedback:complaints", title="Complaints in the last year"),
        fact(
            "learning:charging",
            title="Complaints about charging after training",
            summary="complaints about charging fell after financial assessment training",
            figures={
                "kind": "change",
                "measure": "Monthly complaints about charging",
                "before": 8,
                "after": 3,
                "after_what": "financial assessment training",
                "significant": True,
            },
            statements=(9,),
            category="outcomes",
        ),  # fmt: skip
        fact(
            "workforce:supervision",
            title="Supervision in the last quarter",
            summary="Staff told us supervision was regular.",
            figures={},
            statements=(9, 8),
            category="staff_leaders",
        ),
    ]
    services.evidence_refresh()
    return fake_area


def test_quality_lead_from_evidence_to_an_approved_self_assessment_and_pdf(page, users, evidence):
    lead = users["quality_lead"]
    sign_in(page, lead)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assurance").click()
    assert page.locator("h1").inner_text() == "Assurance"
    check_page(page, "assurance overview empty")

    # The evidence library: upload a document, first with mistakes.
    page.get_by_role("link", name="Open the evidence library").click()
    check_page(page, "evidence library")
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Title").fill("Carers strategy 2024 to 2027")
    page.get_by_role("button", name="Add to the library").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    for message in ("Enter the date it speaks for", "Enter who produced it", "Choose the file"):
        assert message in summary.inner_text()
    assert page.get_by_label("Title").input_value() == "Carers strategy 2024 to 2027"
    check_page(page, "evidence upload with errors")
    page.get_by_label("What it shows").fill(
        "The carers strategy was coproduced with the Carers Partnership Board."
    )
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill(str(dt.date.today().year))
    page.get_by_label("Source").fill("Northshire Carers Partnership Board")
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "carers.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
    )
    page.get_by_role("button", name="Add to the library").click()
    assert page.locator("h1").inner_text() == "Carers strategy 2024 to 2027"
    assert "careloop suggests" in page.content()
    check_page(page, "evidence item to confirm")
    page.get_by_label("5. Partnerships and communities").check()
    page.get_by_label("Processes").check()
    page.get_by_role("button", name="Confirm").click()
    assert "Quality statements and category confirmed" in page.content()
    check_page(page, "evidence item confirmed")
    page.get_by_role("link", name="Edit the details").click()
    check_page(page, "evidence edit")
    page.get_by_role("link", name="Cancel").click()

    # Accept careloop's suggestions for the area figures, from the library.
    page.goto("/assurance/evidence/?state=unconfirmed")
    for checkbox in page.locator("input[name=items]").all():
        checkbox.check()
    page.get_by_role("button", name="Accept careloop's suggestions").click()
    assert "Suggestions accepted for 3 items" in page.content()
    page.get_by_role("link", name="Add a web link").click()
    check_page(page, "evidence add link")

    # Start the self-assessment: every statement drafted from the evidence.
    page.goto("/assurance/self-assessments/")
    check_page(page, "self-assessments empty")
    page.get_by_role("link", name="Start a self-assessment").click()
    page.get_by_label("Title").fill(f"Self-assessment {dt.date.today().year}")
    today = dt.date.today()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_label("Year", exact=True).fill(str(today.year))
    check_page(page, "self-assessment new")
    page.get_by_role("button", name="Start the self-assessment").click()
    assert "Overall rating not computable" in page.content()
    check_page(page, "self-assessment overview")
    assessment = SelfAssessment.objects.get()

    page.get_by_role("link", name="Evidence coverage").click()
    assert "What is missing" in page.content()
    check_page(page, "evidence coverage")
    page.go_back()

    # One statement by hand: score, draft preview, evidence behind a sentence, review.
    page.get_by_role("link", name="Learning, improvement and innovation").click()
    body = page.content()
    assert "Monthly complaints about charging fell from 8 to 3" in body
    check_page(page, "statement learning drafted")
    page.get_by_role("link", name="Edit", exact=False).first.click()
    page.get_by_label("3 - Evidence shows a good standard").check()
    page.get_by_label("Why this score").fill(
        "Complaints fell after training; staff have supervision."
    )
    findings = page.get_by_label("Key findings")
    findings.fill(findings.input_value() + "\n\nLeaders told us they read every complaint.")
    check_page(page, "statement edit")
    page.get_by_role("button", name="Save").click()
    assert "None linked" in page.content()
    page.get_by_role("link", name=re.compile("Change the evidence for sentence")).last.click()
    check_page(page, "sentence evidence")
    page.get_by_label(re.compile("Complaints in the last year")).check()
    page.get_by_role("button", name="Save").click()
    assert "Evidence for the sentence saved" in page.content()
    page.get_by_role("link", name="Draft the key findings from the evidence").click()
    assert "This replaces the key findings" in page.content()
    check_page(page, "statement draft preview")
    page.get_by_role("link", name="Cancel").click()

    assert page.get_by_role("button", name="Return for changes").count() == 0
    page.get_by_role("button", name="Send for review").click()
    assert "sent for review" in page.content()
    page.get_by_role("button", name="Return for changes").click()  # no comment: refused
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "statement return without comment")
    # The person who sent it for review cannot approve it; a second person does.
    page.get_by_role("button", name="Approve").click()
    summary = page.locator(".govuk-error-summary")
    assert "someone else must approve it" in summary.inner_text()
    check_page(page, "statement approval by its submitter refused")
    statement_url = assessment.statements.get(statement__number=9).get_absolute_url()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["admin"])
    page.goto(statement_url)
    page.get_by_label("Comment").fill("Looks right")
    page.get_by_role("button", name="Approve").click()
    assert "approved" in page.locator(".govuk-notification-banner").inner_text()
    check_page(page, "statement approved")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, lead)

    # The other eight, approved by the services (the page flow is the same).
    for sa in assessment.statements.exclude(statement__number=9):
        sa.score = 3 if sa.statement.number != 6 else 2
        sa.key_findings = sa.key_findings or "Staff told us this worked well."
        sa.save()
        services.statement_submit(statement_assessment=sa, user=users["manager"])
        services.statement_approve(statement_assessment=sa, user=lead)
    page.goto(assessment.get_absolute_url())
    assert "72%" in page.content()
    page.get_by_label("Comment").fill("Agreed at the directorate management team")
    page.get_by_role("button", name="Sign off the self-assessment").click()
    assert "Self-assessment signed off" in page.content()
    check_page(page, "self-assessment signed off")

    # The report in CQC's format, on screen and as a PDF.
    page.get_by_role("link", name="Read the report in CQC's format").click()
    assert "Overall rating for Northshire County Council: 72%" in page.content()
    assert "Draft:" not in page.content()
    check_page(page, "report summary")
    page.get_by_role("link", name="Learning, improvement and innovation").first.click()
    assert "Key findings for this quality statement" in page.content()
    assert page.locator(".assurance-score").inner_text() == "Score: 3"
    check_page(page, "report statement")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    path = download.value.path()
    assert Path(path).read_bytes()[:4] == b"%PDF"
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto("/assurance/")
    check_page(page, "assurance overview")


def test_import_a_published_report_and_compare(page, users, seed_text, framework):
    services.assessment_create(
        title="Self-assessment", as_at=dt.date.today(), user=users["quality_lead"], draft=False
    )
    sign_in(page, users["quality_lead"])
    page.goto("/assurance/other-councils/")
    check_page(page, "peers empty")
    page.get_by_role("link", name="Import a page").click()
    page.get_by_role("button", name="Read the page").click()
    assert (
        "Paste the page or upload the saved page"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_page(page, "peer import with errors")
    page.get_by_label("Paste the page").fill("Minutes of the team meeting.")
    page.get_by_role("button", name="Read the page").click()
    assert "not a CQC local authority assessment page" in page.content()
    page.get_by_label("Paste the page").fill(seed_text)
    page.get_by_role("button", name="Read the page").click()
    assert "Nothing is saved yet" in page.content()
    check_page(page, "peer preview")
    page.get_by_role("button", name="Save the page").click()
    assert (
        "Staffordshire County Council: Learning, improvement and innovation imported"
        in page.content()
    )
    check_page(page, "peer page")
    page.get_by_role("link", name="Staffordshire County Council").last.click()
    check_page(page, "peer report")
    page.goto("/assurance/other-councils/compare/")
    assert "Not computable" in page.content()
    check_page(page, "peer comparison")
    page.goto("/assurance/other-councils/")
    check_page(page, "peers")


def test_administrator_edits_and_versions_the_framework(page, users, framework):
    sign_in(page, users["admin"])
    page.goto("/assurance/framework/")
    assert "Version cqc-la-" in page.content()
    check_page(page, "framework")
    page.get_by_role("link", name="Edit Safeguarding").click()
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "framework statement with errors")
    page.get_by_label("Name", exact=True).fill("Safeguarding")
    page.get_by_label("Other names").fill("Keeping people safe")
    page.get_by_role("button", name="Save").click()
    assert "Keeping people safe" in page.content()
    page.get_by_role("link", name="Edit score 3").click()
    check_page(page, "framework score")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Copy to a new version").click()
    check_page(page, "framework copy")
    page.get_by_label("Name of the new version").fill("cqc-la-local-1")
    page.get_by_role("button", name="Make the copy").click()
    page.get_by_role("button", name="Make this the current version").click()
    assert "cqc-la-local-1 is now the current framework" in page.content()


def test_a_viewer_reads_without_changing(page, users, evidence):
    services.evidence_accept_suggestions(items=EvidenceItem.objects.all(), user=users["admin"])
    assessment = services.assessment_create(
        title="Self-assessment", as_at=dt.date.today(), user=users["quality_lead"]
    )
    sign_in(page, users["viewer"])
    for path, name in [
        ("/assurance/", "viewer overview"),
        ("/assurance/evidence/", "viewer library"),
        (f"/assurance/evidence/{EvidenceItem.objects.first().pk}/", "viewer evidence item"),
        (assessment.get_absolute_url(), "viewer self-assessment"),
        (f"/assurance/self-assessments/{assessment.pk}/statements/9/", "viewer statement"),
        (f"/assurance/self-assessments/{assessment.pk}/report/", "viewer report"),
    ]:
        page.goto(path)
        check_page(page, name)
        assert page.get_by_role("button", name="Confirm").count() == 0
        assert page.get_by_role("link", name=re.compile("^Edit")).count() == 0
    page.goto(f"/assurance/self-assessments/{assessment.pk}/statements/9/edit/")
    assert "You do not have permission" in page.locator("h1").inner_text()
