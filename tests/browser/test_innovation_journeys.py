"""A pilot from proposal to decision, in a real browser with axe-core on every page."""

import datetime as dt

import pytest

from careloop.innovation.models import Evaluation, Pilot, Reading
from tests.browser.conftest import check_page, sign_in
from tests.innovation.factories import ExternalLearningFactory, months_ago

pytestmark = pytest.mark.browser

FIGURES = [11, 12, 10, 13, 11, 12, 12, 11, 5, 6, 4, 5, 6, 5, 4]


def fill_date(page, name, day: dt.date):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_a_project_lead_runs_a_pilot_from_proposal_to_decision(page, users):
    sign_in(page, users["quality_lead"])
    page.goto("/innovation/")
    check_page(page, "innovation pilots empty")
    page.get_by_role("link", name="Propose a pilot").click()
    page.get_by_role("button", name="Propose pilot").click()  # nothing filled in
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    check_page(page, "innovation propose with errors")

    page.get_by_label("Title").fill("Night support after discharge")
    page.get_by_label("The problem").fill("People are readmitted within a month.")
    page.get_by_label("The idea").fill("Night carers for six weeks after discharge.")
    page.get_by_label("Hypothesis").fill("Readmissions fall by a third.")
    page.get_by_label("Cohort").fill("About 60 people a month.")
    page.get_by_label("Before and after (a baseline period before the pilot)").check()
    fill_date(page, "baseline_start", months_ago(16))
    fill_date(page, "start_date", months_ago(8))
    page.get_by_role("button", name="Propose pilot").click()
    assert page.locator("h1").inner_text() == "Night support after discharge"
    check_page(page, "innovation pilot proposed")
    pilot = Pilot.objects.get()

    # An outcome measure, then a month's figure through the form.
    page.get_by_role("link", name="Add an outcome measure").click()
    check_page(page, "innovation measure new")
    page.get_by_label("Name").fill("Readmissions within 30 days")
    page.get_by_label("Count of events a period (e.g. falls)").check()
    page.get_by_label("Lower is better").check()
    page.get_by_label("Month", exact=True).check()
    page.get_by_label("Hoped-for change (optional)").fill("-40")
    page.get_by_role("button", name="Add measure").click()
    assert page.locator("h1").inner_text() == "Readmissions within 30 days"
    check_page(page, "innovation measure no figures")
    measure = pilot.measures.get()
    for i, value in enumerate(FIGURES):  # the earlier months, as if entered over time
        Reading.objects.create(measure=measure, period_start=months_ago(16 - i), value=value)
    page.get_by_role("link", name="Enter figures").click()
    page.get_by_role("button", name="Save figures").click()  # no figure
    assert "Error:" in page.locator("main").inner_text()
    check_page(page, "innovation figures with errors")
    last = months_ago(1)
    page.get_by_label("Month").select_option(str(last.month))
    page.get_by_label("Year").fill(str(last.year))
    page.get_by_label("Pilot group: count").fill("5")
    page.get_by_role("button", name="Save figures").click()
    assert "Figures for" in page.locator(".govuk-notification-banner").inner_text()
    check_page(page, "innovation measure with chart")
    assert page.locator("figure.careloop-chart svg").count() == 1

    # Approve, start, evaluate.
    page.goto(pilot.get_absolute_url())
    page.get_by_role("link", name="Approve the pilot").click()
    check_page(page, "innovation approve")
    page.get_by_role("button", name="Approve").click()
    page.get_by_role("link", name="Start the pilot").click()
    page.get_by_role("button", name="Start").click()
    page.get_by_role("link", name="Begin evaluating").click()
    page.get_by_role("button", name="Begin evaluating").click()
    assert "Evaluating" in page.locator("main").inner_text()
    page.get_by_role("link", name="See the evaluation").click()
    assert "Readmissions within 30 days fell from" in page.locator("main").inner_text()
    check_page(page, "innovation evaluation")

    page.get_by_role("link", name="Record an evaluation").click()
    check_page(page, "innovation evaluation form")
    page.get_by_label("Final evaluation").check()
    page.get_by_label("Scale up").check()
    page.get_by_role("button", name="Record the evaluation").click()  # no reasons
    assert "Give the reasons for the decision" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "innovation evaluation form with errors")
    page.get_by_label("Reasons for the decision").fill("Readmissions halved at no extra cost.")
    page.get_by_role("button", name="Record the evaluation").click()
    assert page.locator("h1").inner_text() == "Final evaluation"
    check_page(page, "innovation evaluation report")
    evaluation = Evaluation.objects.get()
    assert evaluation.decision == "scale"
    pdf = page.request.get(f"/innovation/{pilot.pk}/evaluations/{evaluation.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    page.get_by_role("link", name="Edit the summary").click()
    check_page(page, "innovation evaluation summary edit")

    page.goto(pilot.get_absolute_url())
    assert "Decision: Scale up" in page.locator("main").inner_text()
    check_page(page, "innovation pilot scaled")
    for link, name in [
        ("Add a person’s story", "innovation story new"),
        ("Add a risk", "innovation risk new"),
        ("Raise an action", "innovation raise action"),
        ("Edit the pilot", "innovation pilot edit"),
    ]:
        page.goto(pilot.get_absolute_url())
        page.get_by_role("link", name=link).first.click()
        check_page(page, name)
    page.goto(f"/innovation/{pilot.pk}/measures/{measure.pk}/edit/")
    check_page(page, "innovation measure edit")
    page.goto(f"/innovation/{pilot.pk}/move/?to=stopped")
    check_page(page, "innovation stop")


def test_the_external_learning_register(page, users):
    ExternalLearningFactory(title="LGA peer challenge", learned="Coproduction was uneven.")
    sign_in(page, users["manager"])
    page.goto("/innovation/external/")
    check_page(page, "innovation external learning")
    page.get_by_role("link", name="Add external learning").click()
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "innovation external new with errors")
    page.get_by_label("Title").fill("Skills for Care network")
    page.get_by_label("Regional or national network").check()
    page.get_by_label("With").fill("Skills for Care")
    page.get_by_label("Description").fill("Quarterly network of registered managers.")
    fill_date(page, "started_on", months_ago(3))
    page.get_by_label("Ongoing").check()
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Skills for Care network"
    check_page(page, "innovation external show")


def test_a_viewer_reads_pilots_without_changing_them(page, users):
    from careloop import demo
    from careloop.demo.org import DEMO_PASSWORD

    demo.load(log=lambda line: None)  # the demo's viewer shares the test viewer's address
    sign_in(page, users["viewer"], DEMO_PASSWORD)
    page.goto("/innovation/")
    check_page(page, "innovation pilots demo viewer")
    page.get_by_role("link", name="Support robot prompting people to take medication").click()
    main = page.locator("main").inner_text()
    assert "Too little data" in main and "Propose a pilot" not in main
    check_page(page, "innovation robot viewer")
    page.get_by_role("link", name="See the evaluation").click()
    assert "more months" in page.locator("main").inner_text()
    check_page(page, "innovation robot evaluation")
    page.goto("/innovation/?status=scaled")
    page.get_by_role("link", name="Night-time support at home after hospital discharge").click()
    page.get_by_role("link", name="Final evaluation, data to").click()
    check_page(page, "innovation night support report")
