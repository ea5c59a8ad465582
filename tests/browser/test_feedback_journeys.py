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


def test_a_member_of_the_public_gives_feedback(page, users):
    page.goto("/feedback/tell-us/")
    assert page.locator("h1").inner_text() == "Give feedback about adult social care"
    check_page(page, "feedback public form")
    page.get_by_role("button", name="Send feedback").click()  # nothing filled in
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "feedback public form with errors")
    page.get_by_label("Make a complaint").check()
    page.get_by_label("Tell us what happened").fill("The carers missed two visits this week.")
    page.get_by_label("Your name").fill("Karen Marsh")
    page.get_by_label("Email address").fill("karen@example.org")
    page.wait_for_timeout(3100)  # a person takes longer than the spam check's 3 seconds
    page.get_by_role("button", name="Send feedback").click()
    reference = page.locator("#reference").inner_text()
    assert reference.startswith("FB-")
    check_page(page, "feedback public sent")
    page.get_by_role("link", name="Answer the equality questions").click()
    check_page(page, "feedback public equality")
    page.get_by_label("45 to 64").check()
    page.get_by_role("button", name="Send answers").click()
    assert "Thank you for your answers" in page.locator("h1").inner_text()
    check_page(page, "feedback public thanks")
    item = Feedback.objects.get(reference=reference)
    assert item.channel == "web" and item.equality.age_band == "45-64"


def test_letters_settings_and_the_rest_of_a_record(page, users, tmp_path):
    from careloop.feedback.models import LetterTemplate

    lead = users["quality_lead"]
    item = make_feedback(
        kind="corporate",
        summary="Day centre transport",
        from_name="Dev Patel",
        from_address="2 Mill Lane\nNorthtown",
        received_on=dt.date(2024, 3, 1),
        event_on=dt.date(2023, 1, 1),
    )
    sign_in(page, lead)
    page.goto(f"/feedback/{item.pk}/")
    page.get_by_role("link", name="Write a letter").click()
    check_page(page, "feedback letter choose")
    page.get_by_label("Acknowledgement of a complaint").check()
    page.get_by_role("button", name="Continue").click()
    assert "Dear Dev Patel" in page.get_by_label("The letter").input_value()
    check_page(page, "feedback letter check")
    page.get_by_role("button", name="Save as PDF on the record").click()
    assert "Letter saved on the record" in page.content()
    assert page.locator("#letters ~ ul a").first.inner_text().startswith("Acknowledgement")

    page.get_by_role("link", name="Add a document or link").click()
    check_page(page, "feedback document new")
    page.get_by_label("Or give a web link").fill("https://www.northshire.example/policy")
    page.get_by_label("Title").fill("Transport policy")
    page.get_by_role("button", name="Add").click()
    assert "Transport policy" in page.content()

    page.get_by_role("link", name="Record answers").click()
    check_page(page, "feedback equality staff")
    page.get_by_role("button", name="Save answers").click()

    page.get_by_role("link", name="Record response").click()
    fill_date(page, "on", dt.date(2024, 3, 10))
    page.get_by_label("Not upheld").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Move to stage 2").click()
    check_page(page, "feedback escalate")
    fill_date(page, "on", dt.date(2024, 3, 20))
    page.get_by_role("button", name="Start stage 2").click()
    assert "Stage 2" in page.locator("main").inner_text()

    for name, heading in [("Close", "Close"), ("Record that it was withdrawn", "Record that")]:
        page.get_by_role("link", name=name).click()
        assert page.locator("h1").inner_text().startswith(heading)
        check_page(page, f"feedback {name.lower()}")
        page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Delete").click()
    check_page(page, "feedback delete")
    page.get_by_role("button", name="Delete").click()
    page.locator(".govuk-error-summary").wait_for()  # a reason is needed
    page.get_by_label("Why are you deleting it?").fill("Recorded twice")
    page.get_by_role("button", name="Delete").click()
    assert "deleted" in page.content()

    late = make_feedback(
        kind="complaint", event_on=dt.date(2024, 1, 2), received_on=dt.date(2025, 3, 3)
    )
    page.goto(f"/feedback/{late.pk}/")
    assert "more than 12 months after the event" in page.content()
    page.get_by_role("link", name="Decide on late complaint").click()
    check_page(page, "feedback late decision")
    page.get_by_label("Accepted: good reason").check()
    page.get_by_role("textbox", name="Reason").fill("In hospital for most of the year")
    page.get_by_role("button", name="Save decision").click()
    assert "Accepted" in page.locator("main").inner_text()
    page.get_by_role("link", name="Close").click()
    page.get_by_role("button", name="Close").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Record the response before closing" in summary.inner_text()
    page.goto(f"/feedback/{late.pk}/withdraw/")
    page.get_by_label("Reason").fill("Mrs Ellery asked us to stop")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Reopen").click()
    check_page(page, "feedback reopen")
    page.get_by_label("Reason").fill("She changed her mind")
    page.get_by_role("button", name="Reopen").click()
    assert "Being looked into" in page.locator("main").inner_text()

    page.goto("/feedback/settings/")
    check_page(page, "feedback settings")
    page.get_by_role("link", name="Change the clock settings").click()
    check_page(page, "feedback clock settings")
    page.goto("/feedback/settings/")
    page.get_by_role("link", name=LetterTemplate.objects.first().name).click()
    check_page(page, "feedback letter template")
    page.get_by_label("Body").fill("Dear {{ person_name }} {{ bank_details }}")
    page.get_by_role("button", name="Save").click()
    assert "Unknown placeholder: bank_details" in page.locator(".govuk-error-summary").inner_text()
    page.goto("/feedback/settings/letters/new/")
    check_page(page, "feedback letter template new")
    page.goto("/feedback/settings/organisations/new/")
    check_page(page, "feedback organisation new")
    page.get_by_label("Name").fill("Sunnyside Care")
    page.get_by_label("Kind").select_option("provider")
    page.get_by_role("button", name="Save").click()
    assert "Sunnyside Care" in page.content()
    page.get_by_role("link", name="Sunnyside Care").click()
    check_page(page, "feedback organisation edit")
    page.goto("/imports/feedback/")
    check_page(page, "feedback import index again")
