"""Learn and act in a real browser, with axe-core on every page."""

import datetime as dt

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
