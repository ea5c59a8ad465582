"""Browser journeys: Playwright (Python) driving Debian's Chromium, with axe-core on each page.

Screenshots of every page checked land in var/screenshots/ for people to look at.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, sync_playwright

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's live server runs in
# another thread, so database use from the test itself is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CARELOOP_CHROMIUM", "/usr/bin/chromium")
# A click returns once the navigation it starts has committed, before the new page is parsed;
# newer Chromium builds commit earlier, so a journey's next look could see the old page or
# none. Every click therefore waits until the page it leads to has loaded (at once when the
# click navigates nowhere): journeys then assert on what a person would see.
_click = Locator.click


def _click_and_wait(self, *args, **kwargs):
    _click(self, *args, **kwargs)
    self.page.wait_for_load_state("load")


Locator.click = _click_and_wait  # type: ignore[method-assign]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, user, password: str = PASSWORD):
    """Sign in through the form (staying on it if a page already sent us there)."""
    if "/accounts/login/" not in page.url:
        page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


_axe = Axe()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _violations(page, width: str) -> list[str]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}, {width}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def check_page(page, name: str, *, error_page: bool = False):
    """Screenshot the page, then fail on any axe-core violation, of any impact, at desktop
    width and at 390 px (a phone), and on script errors (a CSP refusal shows up as one). An
    error page (403, 404) is itself a failed load, which the browser reports; nothing else may
    fail."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower())
    page.screenshot(path=SCREENSHOTS / f"{slug}.png", full_page=True)
    viewport = page.viewport_size or DESKTOP
    bad = _violations(page, f"{viewport['width']} px")
    page.set_viewport_size(PHONE)
    try:
        page.screenshot(path=SCREENSHOTS / f"{slug}-390.png", full_page=True)
        bad += _violations(page, "390 px")
    finally:
        page.set_viewport_size(viewport)
    assert not bad, f"{name}: accessibility violations:\n" + "\n".join(bad)
    errors = [
        e
        for e in page.console_errors
        if not (error_page and e.startswith("Failed to load resource: the server responded"))
    ]
    assert not errors, f"{name}: script errors: {errors}"
    page.console_errors.clear()
