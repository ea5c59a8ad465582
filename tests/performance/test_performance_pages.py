"""The performance pages and API, with the pages' rules."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from careloop.core.models import ImportJob
from careloop.learning import services as learning_services
from careloop.learning.series import get_provider
from careloop.performance import evidence, services
from careloop.performance.models import Council, Measure
from careloop.themes.models import Theme
from careloop.themes.services import framework_install_default
from tests.performance.factories import code, council, figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    home = council(code(1), "Northshire", is_home=True, neighbours=[code(1), code(2), code(3)])
    for year, values in (
        ("2019-20", {code(1): 60.0, code(2): 62.0, code(3): 64.0, code(4): 70.0}),
        ("2021-22", {code(1): 55.0, code(2): 63.0, code(3): 65.0, code(4): 71.0}),
        ("2022-23", {code(1): 58.0, code(2): 64.0, code(3): 66.0, code(4): 72.0}),
    ):
        figures("ASC3", year, values)
    return home


def test_overview_shows_findings_bottom_quarter_and_the_table(client, users, world):
    client.force_login(users["viewer"])
    page = client.get("/performance/").content.decode()
    assert "Where Northshire stands" in page
    assert "In 2022-23, Northshire&#x27;s ease of finding information" in page
    assert "3rd of 3 similar councils" in page
    assert "In England's bottom quarter" in page and 'href="/performance/measures/ASC3/"' in page
    assert "Import published figures" not in page  # a viewer may not import


def test_measure_page_has_both_charts_and_their_tables(client, users, world):
    client.force_login(users["practitioner"])
    page = client.get("/performance/measures/ASC3/").content.decode()
    assert page.count('role="img"') == 2
    assert "Figures by year" in page and "Every council in 2022-23" in page
    assert "this council" in page and "similar council" in page
    assert client.get("/performance/measures/NOPE/").status_code == 404


def test_a_lead_registers_a_local_measure_and_bad_input_writes_nothing(client, users):
    client.force_login(users["quality_lead"])
    data = {
        "code": "loc1",
        "name": "Complaints answered in time",
        "unit": "percent",
        "polarity": "higher",
        "source": "local",
        "frequency": "monthly",
        "decimals": 1,
    }
    assert client.post("/performance/measures/new/", data).status_code == 302
    assert Measure.objects.get(code="LOC1").frequency == "monthly"
    response = client.post("/performance/measures/new/", {**data, "code": "LOC2", "unit": "?"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Measure.objects.filter(code="LOC2").exists()


def test_a_lead_chooses_the_council_and_comparator(client, users, world):
    other = council(code(9), "Elsewhere", region="North")
    client.force_login(users["quality_lead"])
    response = client.post("/performance/council/", {"council": other.pk, "comparator": "region"})
    assert response.status_code == 302
    assert list(Council.objects.filter(is_home=True)) == [other]
    assert Council.objects.get(pk=other.pk).comparator == "region"


def test_api_standing_and_import(users, world):
    api = APIClient()
    api.force_authenticate(users["viewer"])
    got = api.get("/api/v1/performance/standing/", {"council": code(1), "measure": "asc3"})
    assert got.status_code == 200
    assert got.json()["group_rank"] == 3 and got.json()["previous_value"] == 55.0
    assert (
        api.get("/api/v1/performance/standing/", {"council": "E0", "measure": "ASC3"}).status_code
        == 404
    )
    upload = SimpleUploadedFile("f.csv", b"council_code,council_name,period,measure_code,value\n")
    assert api.post("/api/v1/performance/import/", {"file": upload}).status_code == 403
    api.force_authenticate(users["quality_lead"])
    upload = SimpleUploadedFile(
        "f.csv",
        b"council_code,council_name,period,measure_code,value\nE06000001,A,2022-23,ASC3,5\n",
    )
    response = api.post("/api/v1/performance/import/", {"file": upload})
    assert response.status_code == 202, response.json()
    assert ImportJob.objects.get(pk=response.json()["job"]).importer == "performance"
    bad = SimpleUploadedFile("f.csv", b"who,when\nx,y\n")
    response = api.post("/api/v1/performance/import/", {"file": bad})
    assert response.status_code == 400 and "no column for" in str(response.json())


def test_a_measure_links_to_themes_and_actions_shown_on_the_overview(client, users, world):
    framework_install_default()
    theme = Theme.objects.get(name="Information and advice")
    client.force_login(users["quality_lead"])
    response = client.post("/performance/measures/ASC3/themes/", {"themes": [theme.pk]})
    assert response.status_code == 302
    info = Measure.objects.get(code="ASC3")
    assert list(info.themes.all()) == [theme]
    action = learning_services.action_create(
        title="Easy-read letters", owner=users["manager"], due=dt.date.today(), source=info,
        created_by=users["quality_lead"],
    )  # fmt: skip
    page = client.get("/performance/").content.decode()
    assert "the theme “Information and advice”" in page and action.title in page
    page = client.get("/performance/measures/ASC3/").content.decode()
    assert "Information and advice" in page and action.title in page
    assert "Raise an action" in page


def test_evidence_facts_are_outcomes_with_the_finding(world):
    facts = evidence.facts()
    assert [f.key for f in facts] == ["performance:ASC3:2022-23"]
    assert facts[0].category == "outcomes" and "3rd of 3 similar councils" in facts[0].summary
    assert facts[0].figures["group_rank"] == 3


def test_a_local_measure_takes_monthly_figures_and_shows_an_xmr_chart(client, users, world):
    local = Measure.objects.create(
        code="LOC1", name="Complaints answered in time", unit="percent", polarity="higher",
        source="local", frequency="monthly", target=90,
    )  # fmt: skip
    client.force_login(users["quality_lead"])
    url = "/performance/measures/LOC1/figures/new/"
    for month, value in [(m, 80 + (m % 3)) for m in range(1, 13)] + [(12, 99)]:
        response = client.post(url, {"period": f"2025-{month:02d}", "value": value})
        assert response.status_code == 302
    held = dict(local.figures.values_list("period", "value"))
    assert len(held) == 12 and held["2025-12"] == 99  # revised, not added
    response = client.post(url, {"period": "2025-13", "value": 5})
    assert (
        response.status_code == 200 and "Enter the period like 2026-03" in response.content.decode()
    )
    assert local.figures.count() == 12
    page = client.get("/performance/measures/LOC1/").content.decode()
    assert "spc-point" in page and "Show the figures as a table" in page
    assert client.get("/performance/measures/ASC3/figures/new/").status_code == 404


def test_a_local_indicator_signal_goes_on_the_qa_agenda_and_is_an_impact_series(world, users):
    local = Measure.objects.create(
        code="LOC2", name="Actions overdue", unit="percent", polarity="lower",
        source="local", frequency="monthly",
    )  # fmt: skip
    for month in range(1, 13):
        figures_value = 10.0 + (month % 2) * 0.5 if month < 12 else 30.0  # a jump at the end
        record_figure(local, f"2025-{month:02d}", figures_value)
    board = learning_services.series_save(
        name="QA board", chair=users["quality_lead"], members=[users["quality_lead"]]
    )
    meeting = learning_services.meeting_schedule(series=board, held_on=dt.date.today())
    mine = [i for i in meeting.items.all() if "Performance signal: LOC2" in i.title]
    assert len(mine) == 1 and "Concern in 2025-12: 30" in mine[0].detail
    provider = get_provider("performance.local")
    assert ("LOC2", "LOC2: Actions overdue") in provider.choices()
    got = provider.fn(dt.date(2025, 11, 1), dt.date(2025, 12, 1), "LOC2")
    assert got == [(dt.date(2025, 11, 1), 10.5), (dt.date(2025, 12, 1), 30.0)]


def record_figure(measure, period, value):
    services.local_figure_record(user=None, measure=measure, period=period, value=value)
