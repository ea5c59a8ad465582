"""Performance in a real browser, with axe-core on every page: a quality lead reads where the
council stands, opens the information measure's charts and registers a local measure."""

import pytest

from careloop.performance.models import Measure
from tests.browser.conftest import check_page, sign_in
from tests.performance.factories import code, council, figures

pytestmark = pytest.mark.browser


def test_a_quality_lead_reads_the_overview_and_a_measure(page, users):
    council(code(1), "Northshire", is_home=True, neighbours=[code(1), code(2), code(3)])
    for year, base in (("2018-19", 60.0), ("2019-20", 58.0), ("2021-22", 55.0), ("2022-23", 63.0)):
        figures("ASC3", year, {code(1): base, code(2): 64.0, code(3): 66.0, code(4): 70.0})
        figures("ASC6", year, {code(1): 900.0, code(2): 800.0, code(3): 1000.0})
    sign_in(page, users["quality_lead"])
    page.goto("/performance/")
    page.wait_for_load_state()
    assert page.get_by_text("Where Northshire stands").first.is_visible()
    check_page(page, "performance overview")
    page.get_by_role("link", name="ASC3 ease of finding information").first.click()
    page.wait_for_url("**/performance/measures/ASC3/")
    assert page.get_by_role("img").count() == 2
    check_page(page, "performance measure")
    page.goto("/performance/measures/new/")
    page.wait_for_load_state()
    page.get_by_label("Code").fill("LOC1")
    page.get_by_label("Name").fill("Complaints answered within their deadline")
    page.get_by_label("Unit").select_option("percent")
    page.get_by_label("Polarity").select_option("higher")
    page.get_by_label("Source").select_option("local")
    page.get_by_label("Frequency").select_option("monthly")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/performance/measures/LOC1/")
    check_page(page, "performance local measure")
    assert Measure.objects.get(code="LOC1").source == "local"
