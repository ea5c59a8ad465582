"""Themes in a real browser: the dashboard, the comments behind a count, reviewing a record's
themes, charts with settings and a rebase, signals and alerts, the framework and its CSV
import, and the classifier with a training run; every page checked with axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from careloop.themes import aggregates, trends
from careloop.themes.models import FeedbackTheme, Theme
from careloop.themes.series import add_months, last_complete_month
from careloop.themes.services import classify
from tests.browser.conftest import check_page, sign_in
from tests.feedback.factories import make_feedback

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fast_classifier(settings, tmp_path):
    settings.CARELOOP_THEMES_ENGINE = "careloop.themes.classification.KeywordEngine"
    settings.MODELS_DIR = tmp_path / "models"
    classify._loaded.clear()


@pytest.fixture
def history(db, team):
    """Fourteen months of feedback: charging complaints double in the last four."""
    last = last_complete_month()
    for back in range(14):
        month = add_months(last, -back)
        charging = 6 if back < 4 else 2
        for i in range(charging):
            make_feedback(
                text=f"I was sent a bill and nobody explained the charges ({i})",
                received_on=month + dt.timedelta(days=i),
                team=team,
                service=team.service,
            )
        make_feedback(
            kind="compliment",
            text="Thank you, the carers were wonderful and kind",
            received_on=month + dt.timedelta(days=10),
        )
    aggregates.rebuild()
    trends.signals_refresh()
    return team


def test_quality_lead_reads_themes_and_reviews_a_record(page, users, history):
    sign_in(page, users["quality_lead"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Themes").click()
    expect(page.locator("h1")).to_have_text("Themes")
    check_page(page, "themes dashboard")

    page.get_by_label("Kind").select_option("complaint")
    page.get_by_label("Period").select_option("6")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**kind=complaint**")
    check_page(page, "themes dashboard filtered")

    one_filter = page.locator("table").first.inner_text()
    team = history
    page.goto(f"/themes/?months=6&kind=complaint&service={team.service_id}")
    check_page(page, "themes dashboard two filters")
    assert page.locator("table").first.inner_text() == one_filter  # every complaint is there
    page.goto(f"/themes/?months=6&kind=complaint&service={team.service_id}&team={team.pk}")
    check_page(page, "themes dashboard three filters")
    assert page.locator("table").first.inner_text() == one_filter

    page.goto("/themes/?months=5&kind=spaceship")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "themes dashboard bad filters")

    page.goto("/themes/")
    charging = Theme.objects.get(name="Charging and financial assessment")
    month = last_complete_month()
    page.locator(f"a[href*='theme={charging.pk}&month={month:%Y-%m}']").first.click()
    expect(page.locator("h1")).to_contain_text("Comments about “Charging and financial assessment”")
    check_page(page, "themes comments of a cell")

    page.get_by_label("Search the comments").fill("carers")
    page.get_by_role("button", name="Search").click()
    check_page(page, "themes comment search")

    page.goto(f"/themes/comments/?theme={charging.pk}&month={month:%Y-%m}")
    page.locator(".themes-comment a").first.click()
    expect(page.locator("h1")).to_contain_text("Themes of FB-")
    check_page(page, "themes record")

    page.get_by_label("Communication and being kept informed").check()
    page.get_by_label("4: Negative").check()
    page.get_by_role("button", name="Save review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    expect(page.get_by_text("Reviewed by")).to_be_visible()
    check_page(page, "themes record reviewed")

    page.get_by_label("Wrongly themed").check()
    page.get_by_role("button", name="Flag").click()
    expect(page.locator("body")).to_contain_text("flagged as wrongly themed")
    check_page(page, "themes record flagged")
    assert FeedbackTheme.objects.filter(status="confirmed", source="person").exists()


def test_charts_signals_and_alerts(page, users, history):
    charging = Theme.objects.get(name="Charging and financial assessment")
    sign_in(page, users["quality_lead"])
    page.goto("/themes/signals/")
    check_page(page, "themes signals")
    assert "Charging and financial assessment" in page.locator("main").inner_text()
    page.get_by_role(
        "link", name="Feedback about “Charging and financial assessment”"
    ).first.click()
    expect(page.locator("svg.careloop-spc-chart")).to_be_visible()
    check_page(page, "themes chart")

    page.get_by_label("Kind").select_option("complaint")
    page.get_by_label("Per 100 feedback items").check()
    page.get_by_role("button", name="Show chart").click()
    page.wait_for_url("**/rate")
    assert "series=theme:" in page.url
    check_page(page, "themes chart rate")

    page.goto(f"/themes/chart/?series=theme:{charging.pk}")
    page.get_by_role("link", name="Change chart settings").click()
    check_page(page, "themes chart settings")
    page.get_by_label("trend: points in a row rising or falling").fill("40")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "themes chart settings with errors")
    page.get_by_label("trend: points in a row rising or falling").fill("6")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("body")).to_contain_text("6 points in a row rising or falling")

    page.goto(f"/themes/chart/settings/?series=theme:{charging.pk}")
    page.get_by_role("link", name="Start a new baseline").click()
    page.get_by_role("button", name="Start new baseline").click()  # no reason
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "themes rebase with errors")
    page.get_by_label("Why did the process change?").fill("New charging policy took effect")
    page.get_by_role("button", name="Start new baseline").click()
    expect(page.locator("main")).to_contain_text("New charging policy took effect")

    page.goto("/themes/signals/alerts/")
    check_page(page, "themes alerts")
    page.get_by_label("Which theme?").select_option(label="Charging and financial assessment")
    page.get_by_label("Only tell me about concerns").check()
    page.get_by_role("button", name="Add alert").click()
    expect(page.locator("body")).to_contain_text("You will be emailed")
    check_page(page, "themes alerts added")


def test_framework_and_classifier(page, users, history, tmp_path):
    sign_in(page, users["quality_lead"])
    page.goto("/themes/framework/")
    check_page(page, "themes framework")
    page.get_by_role("link", name="Add a theme").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "themes theme new with errors")
    page.get_by_label("Name").fill("Benefits advice")
    page.get_by_label("Category").select_option(label="Money and payments")
    page.get_by_label("Description").fill("Help to claim the benefits people are entitled to.")
    page.get_by_label("Example phrases").fill("Nobody told me about Attendance Allowance")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Benefits advice")
    check_page(page, "themes theme")
    page.get_by_role("link", name="Retire").click()
    check_page(page, "themes theme retire")
    page.get_by_label("Why is this theme being retired?").fill("Covered by information and advice")
    page.get_by_role("button", name="Retire theme").click()
    expect(page.locator("h1")).to_contain_text("Retired")

    page.goto("/themes/framework/import/")
    check_page(page, "themes framework import")
    bad = tmp_path / "bad.csv"
    bad.write_text("category,theme,description\nMoney,,No name\n")
    page.get_by_label("Upload a CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("body")).to_contain_text("Row 2, column “theme”")
    check_page(page, "themes framework import errors")
    good = tmp_path / "good.csv"
    good.write_text(
        "category,theme,description,examples\n"
        "Money and payments,Debt and arrears,Care debts and how they are recovered,"
        "They sent the bailiffs|I can't pay the arrears\n"
    )
    page.get_by_label("Upload a CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("body")).to_contain_text("Added theme “Debt and arrears”")
    check_page(page, "themes framework import check")
    page.get_by_role("button", name="Import these changes").click()
    expect(page.locator("body")).to_contain_text("Framework imported")

    page.goto("/themes/framework/versions/")
    check_page(page, "themes framework versions")
    page.get_by_role("link", name="Version 1", exact=True).click()
    check_page(page, "themes framework version")

    page.goto("/themes/classifier/")
    expect(page.locator("body")).to_contain_text("framework has changed")
    check_page(page, "themes classifier")
    page.get_by_role("button", name="Train a new version").click()
    expect(page.locator("progress")).to_be_visible()
    check_page(page, "themes training run")
    page.get_by_role("link", name="See Classifier version").click()
    check_page(page, "themes classifier version")
    page.goto("/themes/classifier/")
    page.get_by_label("Feedback no one has reviewed").check()
    page.get_by_role("button", name="Reclassify with the version in use").click()
    expect(page.locator("#run-progress")).to_contain_text("feedback items classified")


def test_a_viewer_sees_counts_but_not_comments(page, users, history):
    sign_in(page, users["viewer"])
    page.goto("/themes/")
    check_page(page, "themes dashboard viewer")
    assert page.locator(".themes-grid a[href*='/themes/comments/']").count() == 0
    page.goto("/themes/comments/")
    expect(page.locator("h1")).to_contain_text("You do not have permission")
    check_page(page, "themes comments viewer refused", error_page=True)


def test_quality_lead_finds_an_emerging_topic_and_promotes_it_to_a_theme(page, users, db):
    """Comments no theme names (a booking app that locks people out) become a topic, which
    the quality lead reads and promotes to a theme."""
    from tests.themes.test_themes_emerging import APP

    today = dt.date.today()
    for i in range(40):
        text = (
            "Nobody explained the charges on my care bill"
            if i % 2
            else "The social worker was rude to my mother"
        )
        make_feedback(text=f"{text} ({i})", received_on=today - dt.timedelta(days=5 + i))
    for i, text in enumerate(APP):
        make_feedback(text=text, received_on=today - dt.timedelta(days=i), from_email=f"p{i}@x.org")
    sign_in(page, users["quality_lead"])
    page.goto("/themes/")
    page.get_by_role("link", name="Emerging topics: what no theme names yet").click()
    expect(page.locator("h1")).to_have_text("Emerging topics")
    check_page(page, "emerging topics, none yet")
    page.get_by_role("link", name="Look for topics").click()
    check_page(page, "look for emerging topics")
    page.get_by_role("button", name="Look for topics").click()
    expect(page.locator("main")).to_contain_text("found")
    check_page(page, "emerging topics found")
    page.locator("tbody th a").first.click()
    expect(page.locator("h1")).to_contain_text("·")
    expect(page.locator("main")).to_contain_text("booking app")
    check_page(page, "an emerging topic")
    page.get_by_role("link", name="Promote to a new theme").click()
    check_page(page, "promote a topic to a theme")
    page.get_by_label("Name").fill("Online booking")
    page.get_by_label("Category").select_option(index=1)
    page.get_by_role("button", name="Add the theme").click()
    expect(page.locator("h1")).to_have_text("Online booking")
    assert Theme.objects.filter(name="Online booking").exists()
    page.goto("/themes/signals/")
    check_page(page, "signals with emerging topics")
