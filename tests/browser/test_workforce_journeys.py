"""The learning academy in a real browser, with axe-core on every page: a team manager sees
who is overdue for what and acts from the page; a practitioner records supervision (with its
private section), registration and CPD; the principal social worker sets the policy."""

import datetime as dt

import pytest

from careloop.core.access import Designation
from careloop.workforce.models import Completion, Registration, SupervisionSession
from tests.browser.conftest import check_page, sign_in
from tests.factories import UserFactory
from tests.workforce.factories import (
    CompletionFactory,
    CourseFactory,
    SessionFactory,
    StaffProfileFactory,
)

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def fill_date(page, name, day: dt.date):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


@pytest.fixture
def academy(users):
    team = users["manager"].team
    for role in ("manager", "practitioner"):
        StaffProfileFactory(user=users[role])
    colleague = UserFactory(full_name="Robin Vale", team=team, line_manager=users["manager"])
    StaffProfileFactory(user=colleague)
    safeguarding = CourseFactory(title="Safeguarding adults", renewal_months=36)
    mca = CourseFactory(title="Mental Capacity Act", renewal_months=24)
    for months in range(0, 400, 30):  # a history, so the charts have months to show
        CompletionFactory(
            person=colleague, course=mca, completed_on=TODAY - dt.timedelta(days=700 + months)
        )
    CompletionFactory(person=users["manager"], course=safeguarding)
    CompletionFactory(person=users["manager"], course=mca)
    for weeks in range(2, 60, 6):
        SessionFactory(
            supervisee=colleague,
            supervisor=users["manager"],
            held_on=TODAY - dt.timedelta(weeks=weeks),
        )
    return users, safeguarding, mca


def test_a_team_manager_sees_who_is_overdue_and_acts_from_the_page(page, academy):
    users, safeguarding, mca = academy
    sign_in(page, users["manager"])
    page.goto("/workforce/")
    page.wait_for_load_state()
    check_page(page, "workforce dashboard")
    page.get_by_role("link", name="North Locality Team").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "North Locality Team"
    check_page(page, "workforce team matrix")

    page.get_by_role("link", name="Record Safeguarding adults for Practitioner Person").click()
    page.wait_for_load_state()
    check_page(page, "workforce record training")
    fill_date(page, "completed_on", TODAY + dt.timedelta(days=5))
    page.get_by_label("Evidence (optional)").fill("Register 7")
    page.get_by_role("button", name="Record training").click()
    page.wait_for_load_state()
    assert "cannot be in the future" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "workforce record training with errors")
    fill_date(page, "completed_on", TODAY)
    page.get_by_role("button", name="Record training").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "North Locality Team"
    assert Completion.objects.filter(person=users["practitioner"], course=safeguarding).exists()

    page.get_by_role("button", name="Send reminder to Practitioner Person").click()
    page.wait_for_load_state()
    assert "Reminder sent" in page.locator(".govuk-notification-banner").inner_text()
    check_page(page, "workforce team after reminder")
    page.get_by_role("link", name="Only people with training to do").click()
    page.wait_for_load_state()
    check_page(page, "workforce team to do")

    page.get_by_role("link", name="Robin Vale").first.click()
    page.wait_for_load_state()
    check_page(page, "workforce person")

    page.goto("/workforce/courses/")
    check_page(page, "workforce catalogue")
    page.get_by_role("link", name="Add a course").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "workforce course new with errors")
    page.get_by_label("Title").fill("Hoarding and self-neglect")
    page.get_by_label("Classroom").check()
    page.get_by_label("Provider").fill("Social Work Learning Academy")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Hoarding and self-neglect"
    check_page(page, "workforce course")
    page.get_by_role("link", name="Edit course").click()
    page.wait_for_load_state()
    check_page(page, "workforce course edit")


def test_a_practitioner_records_supervision_registration_and_cpd(page, academy):
    users, _, _ = academy
    sign_in(page, users["practitioner"])
    page.goto("/workforce/supervision/")
    check_page(page, "workforce supervision list")
    page.get_by_role("link", name="Record a supervision").click()
    page.wait_for_load_state()
    page.get_by_label("Who was supervised?").select_option(label="Practitioner Person")
    page.get_by_label("Supervisor").select_option(label="Manager Person")
    page.get_by_label("My Time wellbeing conversation").check()
    page.get_by_role("button", name="Record supervision").click()  # no date
    page.wait_for_load_state()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "workforce supervision new with errors")
    fill_date(page, "held_on", TODAY)
    page.get_by_label("Agreed actions").fill("Take the lieu day owed.")
    page.get_by_label("Private section (optional)").fill("Talked about sleep and workload.")
    page.get_by_role("button", name="Record supervision").click()
    page.wait_for_load_state()
    assert page.locator("#id_text").input_value() == "Talked about sleep and workload."
    check_page(page, "workforce supervision")
    session = SupervisionSession.objects.get(supervisee=users["practitioner"])
    assert session.private_note.text == "Talked about sleep and workload."

    page.goto(f"/workforce/people/{users['practitioner'].pk}/")
    check_page(page, "workforce my learning record")
    page.get_by_role("link", name="Add a registration").click()
    page.wait_for_load_state()
    page.get_by_label("Social Work England").check()
    page.get_by_label("Registration number").fill("SW123456")
    fill_date(page, "renewal_on", TODAY + dt.timedelta(days=40))
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert Registration.objects.get(person=users["practitioner"]).status == "due"
    page.get_by_role("link", name="Add a CPD entry").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    check_page(page, "workforce cpd with errors")
    page.get_by_label("What was the learning?").fill("Quality circle on hoarding")
    fill_date(page, "done_on", TODAY)
    page.get_by_label("Your reflection").fill("I now use the clutter image rating.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "I now use the clutter image rating." in page.locator("main").inner_text()
    check_page(page, "workforce record with registration and cpd")


def test_the_principal_social_worker_sets_the_policy_and_reads_private_sections(page, academy):
    users, _, _ = academy
    session = SessionFactory(supervisee=users["practitioner"], supervisor=users["manager"])
    from tests.workforce.factories import private_note

    private_note(session, "Bereavement; agreed a lighter caseload.")
    # the quality lead is also the council's designated principal social worker: the
    # designation, not the role, is what lets them read a private section
    psw = users["quality_lead"]
    psw.designations = [str(Designation.PRINCIPAL_SOCIAL_WORKER)]
    psw.save(update_fields=["designations"])
    sign_in(page, psw)
    page.goto("/workforce/supervision/policy/")
    check_page(page, "workforce supervision policy")
    page.get_by_role("link", name="Change Newly qualified social worker (ASYE)").click()
    page.wait_for_load_state()
    page.get_by_label("At least every (days)").fill("400")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    check_page(page, "workforce policy with errors")
    page.get_by_label("At least every (days)").fill("28")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "28 days" in page.locator("main").inner_text()
    page.goto(session.get_absolute_url())
    assert "Bereavement; agreed a lighter caseload." in page.locator("main").inner_text()
    check_page(page, "workforce supervision read by the principal social worker")
    page.goto("/imports/training/")
    check_page(page, "workforce import training")


def test_practice_audits_quality_circles_pathways_and_peer_feedback(page, academy):
    from careloop.learning.models import Action
    from careloop.workforce.models import AuditStandard, CaseAudit, Enrolment, GroupSession

    users, _, _ = academy
    sign_in(page, users["quality_lead"])
    page.goto("/workforce/audits/")
    check_page(page, "workforce audits empty")
    page.get_by_role("link", name="Set up an audit standard").click()
    page.wait_for_load_state()
    page.get_by_label("Name").fill("Assessment standard")
    page.get_by_label("Questions").fill("Is the person's voice clear?\nWas capacity assessed?")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    standard = AuditStandard.objects.get()
    q1, q2 = standard.questions.all()
    check_page(page, "workforce audit standard")
    page.get_by_role("link", name="Audit a case file").click()
    page.wait_for_load_state()
    page.get_by_label("Practitioner").select_option(label="Practitioner Person")
    page.get_by_label("Case reference").fill("NS-40001")
    fill_date(page, "audited_on", TODAY)
    page.locator(f"input[name=rating_{q1.pk}][value=good]").check()
    page.get_by_role("button", name="Save audit").click()  # one question unrated
    page.wait_for_load_state()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, "workforce audit with errors")
    page.locator(f"input[name=rating_{q2.pk}][value=inadequate]").check()
    page.get_by_label(f"Comment (optional): {q2.text}").fill("Capacity assumed.")
    page.get_by_role("button", name="Save audit").click()
    page.wait_for_load_state()
    audit = CaseAudit.objects.get()
    assert Action.objects.for_source(audit).count() == 1
    check_page(page, "workforce audit")
    page.get_by_label("Your feedback").fill("Discussed at the team meeting.")
    page.get_by_role("button", name="Save feedback").click()
    page.wait_for_load_state()
    audit.refresh_from_db()
    assert audit.manager_feedback == "Discussed at the team meeting."

    page.goto("/workforce/practice/")
    check_page(page, "workforce group sessions")
    page.get_by_role("link", name="Record a group session").click()
    page.wait_for_load_state()
    page.get_by_label("Topic").fill("Working with people who decline support")
    page.get_by_role("button", name="Record session").click()
    page.wait_for_load_state()
    check_page(page, "workforce group session with errors")
    fill_date(page, "held_on", TODAY)
    page.get_by_label("Practice issue discussed").fill("Refusals accepted too readily.")
    page.get_by_role("button", name="Record session").click()
    page.wait_for_load_state()
    check_page(page, "workforce group session")
    page.get_by_role("link", name="Raise an action").click()  # Learn and act's one way
    page.wait_for_load_state()
    check_page(page, "workforce group raise action")
    page.get_by_label("What is the action?").fill("Add refusals guidance to the practice manual")
    page.get_by_label("Who owns it?").select_option(label="Manager Person")
    fill_date(page, "due", TODAY + dt.timedelta(days=28))
    page.get_by_role("button", name="Raise action").click()
    page.wait_for_load_state()
    assert Action.objects.for_source(GroupSession.objects.get()).exists()

    page.goto(f"/workforce/people/{users['practitioner'].pk}/peer-feedback/")
    check_page(page, "workforce peer feedback")

    # A practitioner applies for a pathway; their manager approves it.
    page.context.clear_cookies()
    sign_in(page, users["practitioner"])
    page.goto("/workforce/pathways/")
    check_page(page, "workforce pathways")
    page.get_by_role("link", name="Apply for a pathway").click()
    page.wait_for_load_state()
    page.get_by_label("Best Interests Assessor (BIA)").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    enrolment = Enrolment.objects.get()
    check_page(page, "workforce pathway application")
    page.context.clear_cookies()
    sign_in(page, users["manager"])
    page.goto(enrolment.get_absolute_url())
    page.get_by_role("button", name="Approved").click()
    page.wait_for_load_state()
    enrolment.refresh_from_db()
    assert enrolment.status == "approved"
    page.goto("/workforce/pathways/")
    check_page(page, "workforce pathways by team")
