"""Feedback in a real browser: a complaint from receipt to response and Ombudsman referral,
the register's filters, bad input, and the figures page, each page checked with axe-core."""

import datetime as dt

import pytest

from careloop.feedback.models import Feedback
from tests.browser.conftest import check_page, sign_in
from tests.feedback.factories import make_feedback

pytestmark = pytest.mark.browser


def fill_date(page, prefix, day: dt.date):
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def test_complaint_from_receipt_to_ombudsman(page, users, team):
    officer = users["quality_lead"]
    make_feedback(
        kind="compliment", summary="Thank you to the North team", team=team, service=team.service
    )
    sign_in(page, officer)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Feedback").click()
    assert page.locator("h1").inner_text() == "Feedback"
    check_page(page, "feedback list")

    page.get_by_role("link", name="Record feedback").click()
    check_page(page, "feedback new")
    page.get_by_label("Summary").fill("Care plan not reviewed")
    page.get_by_role("button", name="Save").click()  # no text, no kind
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.get_by_label("Summary").input_value() == "Care plan not reviewed"  # kept
    check_page(page, "feedback new with errors")

    today = dt.date.today()
    page.get_by_label("Kind").select_option("complaint")
    page.get_by_label("Channel").select_option("phone")
    page.get_by_label("What they said").fill("My dad's care plan has not been reviewed in 2 years.")
    page.locator("#id_from_name").fill("Mary Pike")
    page.get_by_label("Team").select_option(label=team.name)
    page.get_by_role("button", name="Save").click()
    assert "Feedback recorded: reference FB-" in page.content()
    check_page(page, "feedback record new complaint")
    item = Feedback.objects.get(summary="Care plan not reviewed")
    assert item.acknowledgement_due_on > today

    page.get_by_role("link", name="Assign").click()
    check_page(page, "feedback assign")
    page.get_by_label("Who should own this?").select_option(label=users["manager"].full_name)
    page.get_by_role("button", name="Save").click()
    assert "assigned to" in page.content()

    page.get_by_label("Add a note").fill("Rang Mrs Pike to discuss the complaint.")
    page.get_by_role("button", name="Add note").click()
    assert "Rang Mrs Pike" in page.locator("#timeline ~ ol").inner_text()

    page.get_by_role("link", name="Record acknowledgement").click()
    check_page(page, "feedback acknowledge")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").is_visible()
    fill_date(page, "on", today)
    page.get_by_role("button", name="Save").click()
    assert "Acknowledged" in page.locator("main .govuk-tag").first.inner_text()

    page.get_by_role("link", name="Change response period").click()
    check_page(page, "feedback revise response period")
    from careloop.core.workdays import add_working_days

    fill_date(page, "new_due_on", add_working_days(today, 30))
    page.get_by_label("Why is it changing?").fill("Agreed with Mrs Pike: records being retrieved")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Edit").click()
    check_page(page, "feedback edit")
    page.get_by_label("Person it is about").fill("Albert Pike")
    page.get_by_role("button", name="Save changes").click()
    assert "Albert Pike" in page.content()

    page.get_by_role("link", name="Record response").click()
    check_page(page, "feedback respond")
    fill_date(page, "on", today)
    page.get_by_label("Partly upheld").check()
    page.get_by_label("Actions promised").fill("Review completed; team reminded of annual reviews.")
    page.get_by_role("button", name="Save").click()
    check_page(page, "feedback record responded")

    page.get_by_role("link", name="Record Ombudsman referral").click()
    check_page(page, "feedback refer")
    fill_date(page, "on", today)
    page.get_by_label("Ombudsman reference").fill("25 001 234")
    page.get_by_role("button", name="Save and open the Ombudsman enquiry").click()
    assert "Ombudsman (LGSCO) enquiry" in page.locator(".govuk-caption-l").inner_text()
    check_page(page, "feedback ombudsman enquiry")
    page.get_by_role("link", name=item.reference).click()
    assert "Referred" in page.content()

    page.goto("/feedback/?kind=complaint&open=open")
    check_page(page, "feedback list filtered")
    page.goto("/feedback/figures/")
    check_page(page, "feedback figures")


def test_viewer_sees_figures_only(page, users):
    make_feedback(summary="Private matter")
    sign_in(page, users["viewer"])
    page.goto("/feedback/")
    assert page.url.endswith("/feedback/figures/")
    assert "Private matter" not in page.content()
    check_page(page, "feedback figures viewer")


def test_quality_lead_imports_a_survey_export(page, users, tmp_path):
    bad = tmp_path / "survey.csv"
    bad.write_text("Response ID,Date submitted,Your comments\nR1,31/02/2026,Hmm\nR2,01/03/2026,\n")
    good = tmp_path / "survey-fixed.csv"
    good.write_text(
        "Response ID,Date submitted,Your comments,Satisfaction\n"
        "R1,27/02/2026,My social worker was brilliant,5\n"
        "R2,01/03/2026,Waited too long for equipment,2\n"
    )
    sign_in(page, users["quality_lead"])
    page.goto("/feedback/")
    page.get_by_role("link", name="Import from a file").click()
    check_page(page, "feedback import index")
    page.get_by_role("link", name="Upload a file").click()
    page.get_by_label("Where is the file from?").fill("SmartSurvey ASC")
    page.get_by_label("Upload a file").set_input_files(str(tmp_path / "survey.csv"))
    page.locator("#id_file").set_input_files(
        {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF"}
    )
    page.get_by_role("button", name="Upload and continue").click()
    assert (
        "The file must be a CSV or an Excel (.xlsx) file"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_page(page, "feedback import upload refused")

    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator("h1").inner_text() == "Match the columns"
    check_page(page, "feedback import columns")
    page.get_by_role("button", name="Check and import").click()
    assert "Nothing was imported" in page.content()
    problems = page.locator("#problems").inner_text()
    assert "31/02/2026" in problems and "is empty" in problems
    check_page(page, "feedback import problems")
    assert Feedback.objects.count() == 0

    page.goto("/imports/feedback/new/")
    page.get_by_label("Where is the file from?").fill("SmartSurvey ASC")
    page.locator("#id_file").set_input_files(str(good))
    page.get_by_role("button", name="Upload and continue").click()
    page.get_by_label("Kind, where the file does not say").select_option("survey")
    page.get_by_role("button", name="Check and import").click()
    assert "Imported 2 rows" in page.locator(".govuk-panel").inner_text()
    check_page(page, "feedback import done")
    page.goto("/feedback/?kind=survey&q=equipment")
    assert page.locator("tbody tr").count() == 1
