"""Learn and act in a real browser, with axe-core on every page."""

import datetime as dt
import re

import pytest

from careloop.learning.models import Action, Review
from tests.browser.conftest import check_page, sign_in
from tests.learning import factories as f

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def fill_date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_review_to_signed_off_action(page, users):
    lead, manager = users["quality_lead"], users["manager"]
    sign_in(page, lead)
    page.goto("/learning/")
    check_page(page, "learning dashboard")
    page.get_by_role("link", name="Learning reviews").first.click()
    check_page(page, "learning reviews empty")
    page.get_by_role("link", name="Record a review").click()
    check_page(page, "learning review new")
    page.get_by_label("Title").fill("Review of charging complaints and Ombudsman decisions")
    page.get_by_label("Complaint investigation or complaints review").check()
    page.get_by_role("button", name="Save").click()  # no start date
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning review new with errors")
    fill_date(page, "Date started or received", TODAY - dt.timedelta(days=200))
    page.get_by_label("Findings").fill("People were not told they would be charged.")
    page.get_by_role("button", name="Save").click()
    review = Review.objects.get()
    assert page.url.endswith(review.get_absolute_url())
    check_page(page, "learning review show")

    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Recommendation").fill(
        "Train front-door staff to explain financial assessments"
    )
    check_page(page, "learning recommendation new")
    page.get_by_role("button", name="Add recommendation").click()
    page.get_by_role("link", name="Add an action").click()
    check_page(page, "learning action new")
    page.get_by_label("What is the action?").fill("Financial assessment training")
    page.get_by_label("Owner").select_option(str(manager.pk))
    fill_date(page, "Start date", TODAY)
    fill_date(page, "Due date", TODAY - dt.timedelta(days=1))
    page.get_by_role("button", name="Save action").click()
    summary = page.locator(".govuk-error-summary")
    assert "The due date must be the same as or after the start date" in summary.inner_text()
    assert page.get_by_label("What is the action?").input_value() == "Financial assessment training"
    check_page(page, "learning action new with errors")
    fill_date(page, "Due date", TODAY + dt.timedelta(days=40))
    page.get_by_role("button", name="Save action").click()
    action = Action.objects.get()
    assert page.url.endswith(action.get_absolute_url())
    check_page(page, "learning action show")

    # the owner records progress, adds evidence and marks it done
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager)
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Record progress").click()
    page.get_by_label("On track").check()
    page.get_by_label("Progress update").fill("Trainers booked for three sessions")
    check_page(page, "learning action progress")
    page.get_by_role("button", name="Record progress").click()
    page.get_by_role("link", name="Mark as done").click()
    page.get_by_label("What was done?").fill("Delivered")
    page.get_by_role("button", name="Mark as done").click()
    assert "Add evidence of what was done" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning action done refused")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("Figure: what it counts").fill("Staff trained")
    page.get_by_label("Figure: value").fill("142")
    page.get_by_label("Figure: out of").fill("160")
    check_page(page, "learning action evidence")
    page.get_by_role("button", name="Add evidence").click()
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Book trainers")
    fill_date(page, "Due date", TODAY)
    check_page(page, "learning milestone new")
    page.get_by_role("button", name="Add milestone").click()
    page.get_by_role("button", name="Mark met").click()
    page.get_by_role("link", name="Mark as done").click()
    page.get_by_label("What was done?").fill("Three sessions delivered to all locality teams")
    page.get_by_role("button", name="Mark as done").click()
    assert "142 of 160 (89%)" in page.content()
    check_page(page, "learning action done")

    # the owner cannot sign off; the quality lead can
    page.goto(f"/learning/actions/{action.pk}/sign-off/")
    page.get_by_role("button", name="Sign off and close").click()
    assert "someone else must sign off" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning sign off refused")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, lead)
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Sign off closure").click()
    check_page(page, "learning sign off")
    page.get_by_role("button", name="Sign off and close").click()
    assert "Closed: signed off by" in page.content()
    check_page(page, "learning action closed")
    page.get_by_role("link", name="Reopen").click()
    check_page(page, "learning action reopen")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Edit details").click()
    check_page(page, "learning action edit")
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Edit", exact=False).first.click()
    check_page(page, "learning review edit")
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Add a document").click()
    check_page(page, "learning review document")
    page.goto(f"/learning/recommendations/{review.recommendations.get().pk}/edit/")
    check_page(page, "learning recommendation edit")


def test_action_register_filters(page, users):
    lead = users["quality_lead"]
    f.action(
        users["manager"],
        title="Late thing",
        start=TODAY - dt.timedelta(days=30),
        due=TODAY - dt.timedelta(days=2),
    )
    f.action(users["practitioner"], title="Fine thing")
    sign_in(page, users["viewer"])
    page.goto("/learning/actions/")
    check_page(page, "learning actions")
    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Filter").click()
    assert "Late thing" in page.content() and "Fine thing" not in page.content()
    check_page(page, "learning actions overdue")
    assert page.get_by_role("link", name="Add an action").count() == 0
    f.review(lead, title="SAR Adult Q", kind=Review.Kind.SAR)
    page.goto("/learning/reviews/")
    assert "SAR Adult Q" not in page.content()
    check_page(page, "learning reviews viewer")


def test_measuring_impact(page, users, tmp_path):
    lead = users["quality_lead"]
    action = f.action(users["manager"], title="Financial assessment training")
    sign_in(page, lead)
    page.goto("/learning/measures/")
    check_page(page, "learning measures empty")
    page.get_by_role("link", name="Add a measure").click()
    check_page(page, "learning measure new")
    page.get_by_label("Name").fill("Charging complaints")
    page.get_by_label("A count of events each month").check()
    page.get_by_label("Lower is better").check()
    page.get_by_role("button", name="Create the measure").click()
    check_page(page, "learning measure show empty")
    page.get_by_role("link", name="Import figures from a CSV file").click()
    bad = tmp_path / "bad.csv"
    bad.write_text("month,value\n2025-01,8\nJanuary,9\n2025-03,-1\n")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    assert "Nothing was imported" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_role("table", name="Problems in the file").is_visible()
    check_page(page, "learning measure import errors")
    good = tmp_path / "good.csv"
    months = [f"{y}-{mo:02d}" for y in (2024, 2025) for mo in range(1, 13)]
    rows = "\n".join(f"{mo},{8 if i < 12 else 3}" for i, mo in enumerate(months))
    good.write_text("month,value\n" + rows + "\n")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    assert "24 months imported" in page.content()
    check_page(page, "learning measure show")
    page.get_by_role("link", name="Edit", exact=False).first.click()
    check_page(page, "learning measure edit")

    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Measure its impact").click()
    check_page(page, "learning impact new")
    page.get_by_label("Measure").select_option(label="Charging complaints")
    fill_date(page, "Date the change took effect", dt.date(2025, 1, 1))
    fill_date(page, "Compare with the months from", dt.date(2025, 3, 1))
    page.get_by_role("button", name="Save").click()
    assert (
        "The before period must start before" in page.locator(".govuk-error-summary").inner_text()
    )
    check_page(page, "learning impact new with errors")
    fill_date(page, "Compare with the months from", dt.date(2024, 1, 1))
    page.get_by_role("button", name="Save").click()
    assert "fell from 8.0 a month to 3.0 a month" in page.content()
    assert page.locator("svg[role=img]").count() == 1
    check_page(page, "learning impact show")
    page.get_by_role("link", name="Change the dates").click()
    check_page(page, "learning impact edit")
    page.goto(action.get_absolute_url())
    assert "Improved" in page.locator("#impact ~ .govuk-summary-card").first.inner_text()
    check_page(page, "learning action with impact")


def test_the_ombudsman_tracker(page, users):
    lead = users["quality_lead"]
    sign_in(page, lead)
    page.goto("/learning/ombudsman/")
    check_page(page, "learning ombudsman empty")
    page.get_by_role("link", name="Record an Ombudsman case").click()
    check_page(page, "learning ombudsman new")
    page.get_by_label("Ombudsman reference").fill("25 004 321")
    page.get_by_label("Subject").select_option("charging")
    page.get_by_label("What it is about").fill("Charged without a financial assessment")
    fill_date(page, "Date received", TODAY - dt.timedelta(days=100))
    page.get_by_label(re.compile(r"^Decision")).select_option("upheld_injustice")
    page.get_by_role("button", name="Save").click()
    assert "Enter the date of the decision" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning ombudsman new with errors")
    fill_date(page, "Date of the decision", TODAY - dt.timedelta(days=5))
    page.get_by_role("button", name="Save").click()
    assert "Decided (current stage)" in page.content()
    check_page(page, "learning ombudsman show")
    page.get_by_role("link", name="Add a remedy").click()
    page.get_by_label("Financial payment").check()
    page.get_by_label("Description").fill("Payment for distress")
    page.get_by_role("button", name="Add remedy").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the compliance deadline" in summary and "Enter the amount" in summary
    check_page(page, "learning remedy new with errors")
    page.get_by_label("Amount").fill("250")
    fill_date(page, "Compliance deadline", TODAY + dt.timedelta(days=20))
    page.get_by_role("button", name="Add remedy").click()
    page.get_by_role("link", name="Record compliance").click()
    check_page(page, "learning remedy comply")
    fill_date(page, "Date the council complied", TODAY)
    page.get_by_label("What was done").fill("Paid by BACS")
    page.get_by_role("button", name="Record compliance").click()
    assert "On time" in page.content()
    page.get_by_role("link", name="Make it an action").click()
    check_page(page, "learning remedy action")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Record as a learning review").click()
    assert "Ombudsman decision 25 004 321" in page.locator("h1").inner_text()
    page.goto("/learning/ombudsman/")
    check_page(page, "learning ombudsman list")
    page.get_by_role("link", name="25 004 321").click()
    page.get_by_role("link", name="Edit", exact=False).first.click()
    check_page(page, "learning ombudsman edit")

    page.goto("/learning/ombudsman/figures/")
    page.get_by_role("link", name="Add a year's figures").click()
    check_page(page, "learning ombudsman year new")
    page.get_by_label("Year starting 1 April").fill("2024")
    page.get_by_label("Complaints and enquiries received").fill("36")
    page.get_by_label("Decisions made").fill("30")
    page.get_by_label("Detailed investigations").fill("22")
    page.get_by_label("Upheld", exact=True).fill("25")
    page.get_by_role("button", name="Save").click()
    assert "Upheld cannot be more" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Upheld", exact=True).fill("19")
    page.get_by_label("Upheld rate of similar councils").fill("80.8")
    page.get_by_role("button", name="Save").click()
    assert "86.4%" in page.content() and "5.6 points higher" in page.content()
    check_page(page, "learning ombudsman figures")
    page.get_by_role("link", name="Change 2024-25").click()
    check_page(page, "learning ombudsman year edit")


def test_running_a_qa_meeting(page, users):
    lead, manager = users["quality_lead"], users["manager"]
    late = f.action(
        manager,
        title="Medication checks on discharge",
        start=TODAY - dt.timedelta(days=40),
        due=TODAY - dt.timedelta(days=3),
    )
    sign_in(page, lead)
    page.goto("/learning/meetings/")
    check_page(page, "learning meetings empty")
    page.get_by_role("link", name="Set up a recurring meeting").click()
    check_page(page, "learning series new")
    page.get_by_label("Name").fill("Adult social care QA board")
    page.get_by_label("Monthly").check()
    page.get_by_label(lead.full_name).check()
    page.get_by_label(manager.full_name).check()
    page.get_by_role("button", name="Save").click()
    check_page(page, "learning series show")
    page.get_by_role("link", name="Edit").click()
    check_page(page, "learning series edit")
    page.go_back()
    page.get_by_role("link", name="Schedule a meeting").click()
    fill_date(page, "Date", TODAY)
    check_page(page, "learning meeting new")
    page.get_by_role("button", name="Schedule").click()
    assert "Overdue actions (1)" in page.content() and late.title in page.content()
    check_page(page, "learning meeting show")
    item = page.locator(".govuk-summary-card", has_text=late.title)
    item.get_by_role("link", name="Record update or decision").click()  # htmx: inline form
    page.get_by_label("Update given").wait_for()
    assert "/learning/meetings/" in page.url and "/record/" not in page.url
    page.get_by_role("button", name="Record").click()
    item.locator(".govuk-error-summary").wait_for()
    assert "Enter the update given or the decision made" in item.inner_text()
    page.get_by_label("Update given").fill("Checklist agreed with the hospital")
    page.get_by_label("Decision").fill("Complete by the end of the month")
    check_page(page, "learning meeting recording")
    page.get_by_role("button", name="Record").click()
    page.get_by_text("Checklist agreed with the hospital").wait_for()
    page.reload()
    check_page(page, "learning meeting held")
    page.locator(".govuk-summary-card", has_text=late.title).get_by_role(
        "link", name="New action"
    ).click()
    check_page(page, "learning item action")
    page.get_by_label("Owner").select_option(str(manager.pk))
    fill_date(page, "Due date", TODAY + dt.timedelta(days=14))
    page.get_by_role("button", name="Create action").click()
    page.get_by_role("link", name="Add other business").click()
    page.get_by_label("Item").fill("Winter pressures")
    check_page(page, "learning item add")
    page.get_by_role("button", name="Add item").click()
    page.get_by_role("link", name="General notes").click()
    page.get_by_label("General notes").fill("A good meeting")
    check_page(page, "learning meeting notes")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Approve the minutes").click()
    assert "Record who attended before approving" in page.content()
    page.get_by_role("link", name="Record who attended").click()
    page.get_by_role("group", name="Attended").get_by_label(lead.full_name).check()
    page.get_by_role("group", name="Apologies").get_by_label(manager.full_name).check()
    check_page(page, "learning meeting attendance")
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_role("button", name="Approve the minutes").click()
    assert "Minutes approved" in page.content()
    check_page(page, "learning meeting approved")
    minutes = page.request.get(page.get_by_role("link", name="Minutes (PDF)").get_attribute("href"))
    assert minutes.headers["content-type"] == "application/pdf"
    page.get_by_role("button", name="Schedule the next meeting").click()
    assert "Next meeting scheduled" in page.content()
    page.goto(late.get_absolute_url())
    assert "Checklist agreed with the hospital" in page.content()  # the board's update reached it


def test_learning_briefs_are_sent_and_read(page, users, team):
    lead = users["quality_lead"]
    sign_in(page, lead)
    page.goto("/learning/briefs/")
    check_page(page, "learning briefs empty")
    page.get_by_role("link", name="Write a learning brief").click()
    page.get_by_label("Title").fill("7-minute briefing: self-neglect")
    page.get_by_role("button", name="Save").click()
    assert "This field is required" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning brief new with errors")
    page.get_by_label("What we learned").fill("Be curious; use the protocol")
    page.get_by_label(team.name).check()
    page.get_by_role("button", name="Save").click()
    check_page(page, "learning brief draft")
    page.get_by_role("link", name="Edit", exact=False).first.click()
    check_page(page, "learning brief edit")
    page.go_back()
    page.get_by_role("link", name="Send the brief").click()
    check_page(page, "learning brief send")
    page.get_by_role("button", name="Send brief").click()
    assert "Sent to 5 people" in page.content()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, users["practitioner"])
    page.goto("/learning/briefs/")
    assert "To read" in page.content()
    check_page(page, "learning briefs practitioner")
    page.get_by_role("link", name="7-minute briefing: self-neglect").click()
    check_page(page, "learning brief to read")
    page.get_by_role("button", name="I have read this").click()
    assert "You confirmed you read this" in page.content()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, lead)
    page.goto("/learning/briefs/")
    page.get_by_role("link", name="7-minute briefing: self-neglect").click()
    assert "1 of 5 have confirmed they read it" in page.content()
    check_page(page, "learning brief read counts")


def test_northshire_demo_pages(page, users):
    from careloop import demo
    from careloop.core.models import User
    from careloop.demo.learning import TRAINING_TITLE
    from careloop.learning.models import LgscoCase, Meeting

    demo.load(log=lambda line: None)
    lead = User.objects.get(email="quality.lead@northshire.example")
    sign_in(page, lead, password="northshire-demo")
    page.goto("/learning/")
    check_page(page, "demo learning dashboard")
    page.goto("/learning/reviews/")
    check_page(page, "demo reviews")
    page.get_by_role("link", name="SAR Adult H: self-neglect and hoarding").click()
    check_page(page, "demo sar")
    page.goto("/learning/actions/?status=open")
    check_page(page, "demo actions")
    page.goto(Action.objects.get(title=TRAINING_TITLE).get_absolute_url())
    check_page(page, "demo training action")
    page.get_by_role("link", name="See the chart").click()
    assert "fell from" in page.content()
    check_page(page, "demo charging impact")
    page.goto("/learning/ombudsman/")
    check_page(page, "demo ombudsman")
    case = LgscoCase.objects.exclude(decision="").filter(remedies__isnull=False).first()
    page.goto(case.get_absolute_url())
    check_page(page, "demo ombudsman case")
    page.goto("/learning/ombudsman/figures/")
    check_page(page, "demo ombudsman figures")
    page.goto("/learning/meetings/")
    check_page(page, "demo meetings")
    page.goto(Meeting.objects.filter(status="planned").get().get_absolute_url())
    check_page(page, "demo next meeting")
    page.goto(
        Meeting.objects.filter(status="approved").order_by("-held_on").first().get_absolute_url()
    )
    check_page(page, "demo past meeting")
    page.goto("/learning/measures/")
    check_page(page, "demo measures")
    page.goto("/learning/briefs/")
    check_page(page, "demo briefs")
    page.goto("/learning/complaints-report/")
    assert "Improvements made" in page.content()
    check_page(page, "demo annual report")
    page.get_by_role("link", name="Write the introduction").click()
    check_page(page, "demo annual report edit")
    page.goto("/")
    check_page(page, "demo home quality lead")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, User.objects.get(email="viewer@northshire.example"), password="northshire-demo")
    page.goto("/learning/reviews/")
    assert "SAR Adult H" not in page.content()
    page.goto("/learning/complaints-report/")
    check_page(page, "demo annual report viewer")


def test_themes_reach_learn_and_act(page, users):
    """A theme signal goes on the QA agenda and raises an action; a review is linked to the
    feedback it arose from; the annual report names the complaints' subjects from themes."""
    from careloop.feedback.models import Feedback
    from careloop.learning import services
    from careloop.learning.selectors.report import year_start_for
    from careloop.themes import trends
    from careloop.themes.models import FeedbackTheme, Signal, Theme
    from tests.learning.test_learning_themes import STEP, put

    lead = users["quality_lead"]
    delays = Theme.objects.get(name="Delays and waiting times")
    put(delays.pk, STEP)
    trends.signals_refresh()
    signal = Signal.objects.get(with_restricted=False, theme=delays, month=put_last())
    year_start = year_start_for(TODAY) - 1
    complaint = Feedback.objects.create(
        reference="FB-2026-0777",
        kind="complaint",
        channel="email",
        received_on=dt.date(year_start, 6, 1),
        text="Waited months for an assessment",
    )
    FeedbackTheme.objects.update_or_create(  # confirmed (the classifier may have suggested it)
        feedback=complaint,
        theme=delays,
        defaults={
            "status": "confirmed",
            "source": "person",
            "month": dt.date(year_start, 6, 1),
            "kind": "complaint",
        },
    )
    review = f.review(lead, title="Review of waiting-time complaints")
    board = services.series_save(name="ASC quality assurance board", chair=lead, members=[lead])

    sign_in(page, lead)
    page.goto(f"/learning/meetings/series/{board.pk}/new/")
    fill_date(page, "Date", TODAY + dt.timedelta(days=2))
    page.get_by_role("button", name="Schedule").click()
    assert "Theme signal: Feedback about “Delays and waiting times”" in page.content()
    check_page(page, "learning meeting with theme signal")

    page.goto("/themes/signals/")
    check_page(page, "themes signals with actions")
    page.get_by_role(
        "link", name=re.compile("Raise an action about Feedback about “Delays")
    ).click()
    check_page(page, "learning action from signal")
    assert f"The action arises from “{signal}”" in page.content()
    page.get_by_label("What is the action?").fill("Find out why waits rose")
    page.get_by_label("Who owns it?").select_option(str(lead.pk))
    fill_date(page, "Due date", TODAY - dt.timedelta(days=1))
    page.get_by_role("button", name="Raise action").click()
    assert (
        "The due date must be the same as or after the start date"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_page(page, "learning action from signal with errors")
    fill_date(page, "Due date", TODAY + dt.timedelta(days=30))
    page.get_by_role("button", name="Raise action").click()
    action = Action.objects.get(title="Find out why waits rose")
    # the lead sees the signals that count restricted feedback: the twin of `signal`
    assert action.origin == "theme" and action.source.key == signal.key
    assert action.source.month == signal.month
    assert signal.label in page.content() and "Find out why waits rose" in page.content()

    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Link feedback it arose from").click()
    check_page(page, "learning review feedback")
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter all or part of a feedback reference" in summary
    check_page(page, "learning review feedback with errors")
    page.get_by_label("Feedback reference").fill("0777")
    page.get_by_role("button", name="Search").click()
    check_page(page, "learning review feedback found")
    page.get_by_role("button", name="Link FB-2026-0777").click()
    assert page.url.endswith(review.get_absolute_url() + "#arises-from")
    assert "FB-2026-0777" in page.locator("#arises-from + ul").inner_text()
    check_page(page, "learning review with feedback")

    page.goto(f"/learning/complaints-report/{year_start}/")
    assert "Complaints by subject (theme)" in page.content()
    check_page(page, "learning report with subjects")


def put_last():
    from careloop.learning.series import last_complete_month

    return last_complete_month()


def test_ombudsman_referral_and_letter_import(page, users, tmp_path):
    """A referred complaint goes into the tracker from its own page, filled from the referral;
    the annual review letter's figures are imported, with row errors first."""
    from careloop.feedback import services as feedback_services
    from careloop.learning.models import LgscoCase, LgscoYear
    from tests.feedback.factories import make_feedback

    lead = users["quality_lead"]
    complaint = make_feedback(user=lead, received_on=TODAY - dt.timedelta(days=90))
    feedback_services.complaint_respond(
        feedback=complaint, user=lead, on=TODAY - dt.timedelta(days=40), outcome="not_upheld"
    )
    feedback_services.complaint_refer_to_lgsco(
        feedback=complaint,
        user=lead,
        on=TODAY - dt.timedelta(days=10),
        lgsco_reference="26 004 321",
    )
    sign_in(page, lead)
    page.goto(complaint.get_absolute_url())
    check_page(page, "feedback referred complaint")
    page.get_by_role("link", name="Add to the Ombudsman tracker").click()
    check_page(page, "learning ombudsman new from referral")
    assert page.get_by_label("Ombudsman reference").input_value() == "26 004 321"
    page.get_by_role("button", name="Save").click()  # no subject chosen yet
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "learning ombudsman new from referral with errors")
    page.get_by_label("Subject").select_option("charging")
    page.get_by_role("button", name="Save").click()
    case = LgscoCase.objects.get(complaint=complaint)
    assert page.url.endswith(case.get_absolute_url())
    page.goto(complaint.get_absolute_url())
    assert "Ombudsman tracker: 26 004 321" in page.content()

    bad = tmp_path / "letter.csv"
    bad.write_text(
        "Year,Complaints made,Decided,Detailed investigations,Upheld\n2024-25,36,34,22,23\n"
    )
    good = tmp_path / "letter-fixed.csv"
    good.write_text(
        "Year,Complaints made,Decided,Detailed investigations,Upheld,Compliance rate,"
        "Average of similar authorities\n2024-25,36,34,22,19,100%,80.8%\n"
    )
    page.goto("/learning/ombudsman/figures/")
    page.get_by_role("link", name="Import figures from the annual review letter").click()
    check_page(page, "learning ombudsman import index")
    page.get_by_role("link", name="Upload a file").click()
    page.get_by_label("Where is the file from?").fill("LGSCO annual review letter")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and continue").click()
    check_page(page, "learning ombudsman import columns")
    page.get_by_role("button", name="Check and import").click()
    assert "Upheld cannot be more than the detailed investigations" in page.content()
    check_page(page, "learning ombudsman import problems")
    assert not LgscoYear.objects.exists()
    page.goto("/imports/lgsco-years/new/")
    page.get_by_label("Where is the file from?").fill("LGSCO annual review letter")
    page.locator("#id_file").set_input_files(str(good))
    page.get_by_role("button", name="Upload and continue").click()
    page.get_by_role("button", name="Check and import").click()
    assert "Imported 1 row" in page.locator(".govuk-panel").inner_text()
    check_page(page, "learning ombudsman import done")
    page.goto("/learning/ombudsman/figures/")
    assert "Imported" in page.locator("tbody").inner_text()
    assert LgscoYear.objects.get().source == "imported"
