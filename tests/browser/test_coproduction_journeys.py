"""Coproduction in a real browser: who was involved at which stage, feedback windows, what
changed, "You said, we did", and the public pages without sign-in (axe on every page)."""

import datetime as dt

import pytest

from careloop.coproduction.models import FeedbackWindow, Participant, Project, Statement
from careloop.core import workdays
from tests.browser.conftest import check_page, sign_in
from tests.coproduction.factories import (
    GroupFactory,
    InvolvementFactory,
    ParticipantFactory,
    PaymentFactory,
    ProjectFactory,
    StatementFactory,
)

pytestmark = pytest.mark.browser


def fill_date(page, name, day: dt.date):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_public_you_said_we_did_pages_need_no_sign_in(page):
    person = ParticipantFactory(full_name="Margaret Ellison", email="m.ellison@mail.example")
    project = ProjectFactory(title="All Age Carers Strategy")
    InvolvementFactory(project=project, group=None, participant=person)
    statement = StatementFactory(
        title="Help to arrange a carer's break",
        topic="Carers",
        project=project,
        you_said="Carers told us breaks are impossible to arrange at short notice.",
        we_did="We opened a carers' break booking line with the Carers' Hub.",
        easy_read_you_said="Carers said breaks are too hard to book.",
        easy_read_we_did="Now there is one phone number to book a break.",
        still_to_do="We will check with carers after a year.",
    )
    StatementFactory(title="Letters you can understand", topic="Information and advice")
    page.goto("/coproduction/you-said-we-did/")
    assert page.locator("h1").inner_text() == "You said, we did"
    assert "/accounts/login/" not in page.url
    check_page(page, "public you said we did")
    page.get_by_role("link", name="Show the easy read version").click()
    assert "Carers said breaks are too hard to book." in page.locator("main").inner_text()
    check_page(page, "public you said we did easy read")
    page.get_by_role("link", name="Carers", exact=True).click()
    assert "Letters you can understand" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Help to arrange a carer's break").click()
    check_page(page, "public statement easy read")
    page.get_by_role("link", name="Show the standard version").click()
    main = page.locator("main").inner_text()
    assert "breaks are impossible to arrange" in main and "What happens next" in main
    check_page(page, "public statement")
    body = page.content()
    assert "Margaret Ellison" not in body and "m.ellison@mail.example" not in body
    page.goto(f"/coproduction/you-said-we-did/{statement.pk + 100}/")
    check_page(page, "public statement not found", error_page=True)


def test_public_page_on_a_phone(browser, live_server):
    StatementFactory(title="Meetings you can get to", topic="Having your say")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.console_errors = []
    page.goto("/coproduction/you-said-we-did/?format=easy-read")
    check_page(page, "public you said we did mobile")
    context.close()


def test_a_coproduction_lead_shows_who_was_involved_at_which_stage(page, users):
    GroupFactory(name="Northshire Disability Forum", kind="disabled")
    sign_in(page, users["manager"])
    page.goto("/coproduction/")
    check_page(page, "coproduction dashboard empty")
    page.get_by_role("link", name="Start a project").click()
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "coproduction project new with errors")
    page.get_by_label("Title").fill("Living Well Together")
    page.get_by_label("Strategy").check()
    page.get_by_label("Summary").fill("A joint strategy for disabled and neurodivergent people.")
    page.get_by_label("Under way").check()
    fill_date(page, "started_on", dt.date.today() - dt.timedelta(days=120))
    fill_date(page, "drafted_on", dt.date.today() - dt.timedelta(days=60))
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Living Well Together"
    check_page(page, "coproduction project no one involved")
    assert "no one with lived experience has been involved yet" in page.locator("main").inner_text()

    page.get_by_role("link", name="Record who was involved").click()
    page.get_by_label("Group").select_option(label="Northshire Disability Forum")
    page.get_by_label("Deciding").check()
    page.get_by_label("Consulting: asked for views on something already drafted").check()
    fill_date(page, "started_on", dt.date.today() - dt.timedelta(days=30))
    page.get_by_label("What they did").fill("Asked to comment on the draft.")
    check_page(page, "coproduction involvement form")
    page.get_by_role("button", name="Save").click()
    main = page.locator("main").inner_text()
    assert "People were involved late" in main and "after the work was drafted" in main
    check_page(page, "coproduction project flagged late")

    # A feedback window shorter than the policy needs a reason.
    page.get_by_role("link", name="Ask for feedback").click()
    opens = dt.date.today() - dt.timedelta(days=20)
    page.get_by_label("What feedback is asked for").fill("The draft strategy")
    page.get_by_label("Group").select_option(label="Northshire Disability Forum")
    fill_date(page, "opens_on", opens)
    fill_date(page, "closes_on", workdays.add_working_days(opens, 10))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "the policy minimum for lived-experience groups is 20 working days" in summary
    check_page(page, "coproduction short window with errors")
    assert page.get_by_label("What feedback is asked for").input_value() == "The draft strategy"
    page.get_by_label("Why the window is shorter than the policy").fill("Cabinet deadline")
    page.get_by_role("button", name="Save").click()
    assert "shorter than the policy minimum" in page.locator("main").inner_text()
    assert FeedbackWindow.objects.get().is_short

    page.get_by_role("link", name="Record what people said about The draft strategy").click()
    page.get_by_label("What people said").fill("You asked us only once it was written.")
    page.get_by_label("Changed as a result", exact=True).check()
    page.get_by_label("What changed as a result").fill("Groups now get 20 working days.")
    page.get_by_role("button", name="Save").click()
    check_page(page, "coproduction project with feedback")
    page.get_by_role("link", name="Write a “You said, we did” from feedback 1").click()
    check_page(page, "coproduction statement from feedback")
    page.get_by_label("Topic").fill("Having your say")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Living Well Together"
    check_page(page, "coproduction statement draft")
    assert page.get_by_role("button", name="Publish").count() == 0  # a quality lead publishes

    # An action arising from the project is raised on Learn and act's page and shows here.
    page.goto(Project.objects.get().get_absolute_url())
    page.get_by_role("link", name="Raise an action").click()
    check_page(page, "coproduction raise action")
    page.get_by_label("What is the action?").fill("Write the delivery plan with the Forum")
    page.get_by_label("Who owns it?").select_option(value=str(users["manager"].pk))
    fill_date(page, "due", dt.date.today() + dt.timedelta(days=60))
    page.get_by_role("button", name="Raise action").click()
    assert page.locator("h1").inner_text() == "Living Well Together"
    assert "Write the delivery plan with the Forum" in page.locator("main").inner_text()


def test_a_quality_lead_publishes_and_manages_participants(page, users):
    group = GroupFactory(name="Northshire Carers' Forum", contact_email="forum@carers.example")
    person = ParticipantFactory(full_name="Tomasz Nowicki", access_needs=["interpreter"])
    person.groups.add(group)
    PaymentFactory(participant=person)
    ProjectFactory(title="All Age Carers Strategy")
    statement = StatementFactory(
        title="One guide for carers", status=Statement.Status.DRAFT, you_said="Tomasz Nowicki said…"
    )
    sign_in(page, users["quality_lead"])
    page.goto(f"/coproduction/statements/{statement.pk}/")
    check_page(page, "coproduction statement show")
    page.get_by_role("button", name="Publish").click()
    assert "Remove personal details before publishing" in page.locator("main").inner_text()
    check_page(page, "coproduction publish refused")
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("You said", exact=True).fill("Carers asked for one guide.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    assert "Published" in page.locator("main").inner_text()
    page.goto("/coproduction/statements/")
    check_page(page, "coproduction statements")
    page.goto("/coproduction/policy/")
    check_page(page, "coproduction policy")

    page.goto("/coproduction/groups/")
    check_page(page, "coproduction groups")
    page.get_by_role("link", name="Northshire Carers' Forum").click()
    assert "forum@carers.example" in page.locator("main").inner_text()
    check_page(page, "coproduction group")
    page.goto("/coproduction/groups/new/")
    check_page(page, "coproduction group new")

    page.goto("/coproduction/participants/")
    check_page(page, "coproduction participants")
    page.get_by_role("link", name="Tomasz Nowicki").click()
    assert "Spoken language interpreter" in page.locator("main").inner_text()
    check_page(page, "coproduction participant")
    page.get_by_role("link", name="Record a payment or expenses").click()
    check_page(page, "coproduction payment new")
    page.goto(f"/coproduction/participants/{person.pk}/edit/")
    check_page(page, "coproduction participant edit")
    page.goto("/coproduction/participants/new/")
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "coproduction participant new with errors")
    page.goto(f"/coproduction/participants/{person.pk}/consent/erase/")
    check_page(page, "coproduction participant erase")
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase personal details").click()
    assert Participant.objects.get().full_name.startswith("Former participant")
    check_page(page, "coproduction participant erased")


def test_a_practitioner_sees_the_work_but_not_the_people(page, users):
    from careloop import demo
    from careloop.demo.org import DEMO_PASSWORD

    demo.load(log=lambda line: None)
    sign_in(page, users["practitioner"], DEMO_PASSWORD)
    page.goto("/coproduction/")
    check_page(page, "coproduction dashboard demo practitioner")
    assert "Participants" not in page.locator("main").inner_text()
    page.get_by_role(
        "link", name="Living Well Together: a joint strategy for disabled and neurodivergent people"
    ).click()
    main = page.locator("main").inner_text()
    assert "People were involved late" in main and "Rachel Byrne" not in main
    assert "taking part as themselves" in main
    check_page(page, "coproduction living well practitioner")
    page.goto("/coproduction/?late=1")
    check_page(page, "coproduction late projects")
    page.goto("/coproduction/participants/")
    check_page(page, "coproduction participants refused", error_page=True)
