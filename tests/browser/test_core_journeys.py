"""Sign in, visit every top-level page, sign out: in a real browser, with axe-core."""

import pytest

from tests.browser.conftest import WCAG_TAGS, _axe, check_page, sign_in

pytestmark = pytest.mark.browser


def test_public_pages_need_no_sign_in(page):
    for path, heading in [
        ("/accounts/login/", "Sign in to careloop"),
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy notice"),
        ("/accounts/password/reset/", "Reset your password"),
    ]:
        page.goto(path)
        assert heading in page.locator("h1").inner_text()
        check_page(page, f"public {path}")


def test_administrator_journey(page, users):
    page.goto("/administration/")
    assert "/accounts/login/?next=/administration/" in page.url
    sign_in(page, users["admin"])
    assert page.url.endswith("/administration/")  # back to the page asked for
    check_page(page, "administration")
    nav = page.get_by_role("navigation", name="Menu")
    assert nav.get_by_role("link", name="Administration").is_visible()

    page.get_by_role("link", name="Organisation", exact=True).click()
    check_page(page, "organisation")
    page.get_by_role("link", name="Add a team").click()
    page.get_by_role("button", name="Save").click()  # nothing filled in
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "There is a problem" in summary.inner_text()
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    check_page(page, "organisation add team with errors")
    summary.get_by_role("link").first.click()  # error links move focus to the field

    page.goto("/administration/people/")
    check_page(page, "people")
    page.get_by_label("Name or email address").fill("viewer")  # htmx filters as you type
    page.locator("#people-status").get_by_text("1 person found").wait_for()
    assert page.locator("#people-results tbody tr").count() == 1
    assert "q=viewer" in page.url
    check_page(page, "people filtered")
    page.get_by_role("link", name=users["viewer"].full_name).click()
    check_page(page, "person")
    page.get_by_role("link", name="Edit").click()
    check_page(page, "person edit")

    page.goto("/administration/audit/")
    check_page(page, "audit trail")
    page.goto("/")
    check_page(page, "home administrator")
    page.goto("/account/")
    check_page(page, "account")
    page.get_by_role("link", name="Create an API token").click()
    page.get_by_label("What is the token for?").fill("Power BI")
    page.get_by_role("button", name="Create token").click()
    assert page.locator("#token-value").inner_text().startswith("cl_")
    check_page(page, "token created")

    page.get_by_role("button", name="Sign out").click()
    assert "/accounts/login/" in page.url or "signed out" in page.content()
    page.goto("/")
    assert "/accounts/login/" in page.url


@pytest.mark.parametrize("role", ["quality_lead", "manager", "practitioner", "viewer"])
def test_every_role_sees_only_its_areas(page, users, role):
    sign_in(page, users[role])
    assert page.locator("h1").inner_text().startswith("Hello")
    check_page(page, f"home {role}")
    nav = page.get_by_role("navigation", name="Menu")
    links = nav.get_by_role("link").all_inner_texts() if nav.count() else []
    assert "Administration" not in links
    for href in page.locator("nav[aria-label=Menu] a").evaluate_all("els => els.map(e => e.href)"):
        page.goto(href)
        check_page(page, f"{role} {href}")
    page.goto("/administration/people/")
    assert "You do not have permission" in page.locator("h1").inner_text()
    check_page(page, f"403 {role}", error_page=True)
    page.goto("/no-such-page/")
    assert page.locator("h1").inner_text() == "Page not found"
    check_page(page, f"404 {role}", error_page=True)


def test_mobile_menu_and_zoomed_layout(browser, live_server, users):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.console_errors = []
    sign_in(page, users["admin"])
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()  # GOV.UK Frontend's JavaScript ran under the CSP
    toggle.click()
    assert (
        page.get_by_role("navigation", name="Menu")
        .get_by_role("link", name="Administration")
        .is_visible()
    )
    check_page(page, "mobile home")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_an_administrator_gives_a_designation(browser, live_server, users, width):
    """Designations are settings on the person's record: given on its edit page, shown on
    the person's page and in the people list, and written to its history."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)

    def no_violations_at_all(name):
        check_page(page, name)
        found = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert found.response["violations"] == [], [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in found.response["violations"]
        ]

    sign_in(page, users["admin"])
    person = users["manager"]
    page.goto(f"/administration/people/{person.pk}/edit/")
    no_violations_at_all(f"person edit designations {width}")
    page.get_by_label("Complaints manager").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    row = page.locator(".govuk-summary-list__row", has_text="Designations")
    assert "Complaints manager" in row.inner_text()
    no_violations_at_all(f"person with designation {width}")
    page.goto("/administration/people/")
    assert "Complaints manager" in page.locator("#people-results").inner_text()
    no_violations_at_all(f"people with designations {width}")
    person.refresh_from_db()
    assert person.designations == ["complaints_manager"]
    context.close()
