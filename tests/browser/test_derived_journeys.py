"""The pages that show derived figures say when they were built (issue 20), checked in a real
browser with axe-core at desktop width and at 390 px, violations of any impact refused."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from careloop.core.models import DerivedState
from careloop.learning import services as learning
from tests.browser.conftest import WCAG_TAGS, sign_in

pytestmark = pytest.mark.browser
# The shared layout's own findings on every page, not this change's (reported to the
# coordinator): the phase banner outside the landmarks (axe "region", moderate) and, at
# 390 px, the header's inverse links below the target size. Nothing else is let through.
KNOWN = {("region", ".govuk-phase-banner"), ("target-size", ".govuk-link--inverse")}


def violations(axe, page) -> list:
    found = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in found.response["violations"]
        if not all((v["id"], n["target"][0]) in KNOWN for n in v["nodes"])
    ]


def test_figures_built_is_shown_and_accessible(page, users):
    lead = users["quality_lead"]
    built = timezone.now() - dt.timedelta(minutes=5)
    for key in ("themes.signals", "assurance.evidence"):
        DerivedState.objects.create(key=key, built_at=built)
    board = learning.series_save(name="ASC quality assurance board", chair=lead, members=[lead])
    meeting = learning.meeting_schedule(
        series=board, held_on=dt.date.today() + dt.timedelta(days=3)
    )
    local = timezone.localtime(built)
    text = f"Figures built {local.day} {local:%B %Y}, {local:%H:%M}."
    sign_in(page, lead)
    axe = Axe()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in ("/themes/signals/", "/themes/", "/assurance/evidence/"):
            page.goto(url)
            assert text in page.locator("[data-figures-built]").inner_text(), url
            assert not violations(axe, page), (url, width)
        page.goto(meeting.get_absolute_url())
        assert "Agenda built " in page.content()
        assert not violations(axe, page), ("meeting", width)
