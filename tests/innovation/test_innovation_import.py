"""Importing a pilot's figures from a file, through the core import machinery."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.core.imports import engine, get_importer
from careloop.core.models import AuditEntry, ImportJob
from careloop.innovation.importers import parse_period
from careloop.innovation.models import Pilot, Reading
from tests.innovation.factories import MeasureFactory, PilotFactory, ReadingFactory

pytestmark = pytest.mark.django_db

IMPORTER = get_importer("pilot-figures")


@pytest.fixture
def pilot():
    pilot = PilotFactory(title="Night support", design=Pilot.Design.BOTH, comparison_group="South")
    MeasureFactory(pilot=pilot, name="Falls")
    MeasureFactory(pilot=pilot, name="Readmissions", kind="rate", denominator_label="discharges")
    return pilot


def run(content: str, pilot, user=None, name="figures.csv"):
    job = engine.create_job(
        importer=IMPORTER,
        upload=SimpleUploadedFile(name, content.encode()),
        source="NHS discharge return",
        user=user,
    )
    job.options = {"pilot": pilot.pk}
    job.save()
    engine.run(job)
    job.refresh_from_db()
    return job


GOOD = (
    "Measure,Month,Group,Figure,Out of,Note\n"
    "Falls,2026-01,pilot,7,,\n"
    "Falls,Feb 2026,,6,,\n"
    "Readmissions,March 2026,Comparison,11,58,\n"
    "readmissions,01/03/2026,pilot,6,61,Two readmissions were planned\n"
)


def test_periods_in_the_usual_forms():
    assert parse_period("2026-03") == dt.date(2026, 3, 1)
    assert parse_period("Mar 2026") == dt.date(2026, 3, 1)
    assert parse_period("march 2026") == dt.date(2026, 3, 1)
    assert parse_period("15/03/2026") == dt.date(2026, 3, 15)
    assert parse_period(dt.datetime(2026, 3, 4, 0, 0)) == dt.date(2026, 3, 4)


def test_figures_are_imported_matched_by_their_usual_column_names(pilot, users):
    job = run(GOOD, pilot, users["practitioner"])
    assert job.status == "done", job.errors
    assert job.mapping["period"] == "Month" and job.mapping["value"] == "Figure"
    assert Reading.objects.count() == 4
    note = Reading.objects.get(measure__name="Readmissions", group="pilot")
    assert (note.value, note.denominator, note.period_start) == (
        Decimal("6"),
        Decimal("61"),
        dt.date(2026, 3, 1),
    )
    assert note.note == "Two readmissions were planned" and note.entered_by == users["practitioner"]


def test_importing_the_same_file_again_adds_nothing_and_a_correction_replaces(pilot, users):
    run(GOOD, pilot, users["manager"])
    again = run(GOOD, pilot, users["manager"])
    assert (again.status, again.skipped_count, again.created_count) == ("done", 4, 0)
    corrected = run("Measure,Period,Figure\nFalls,2026-01,9\n", pilot, users["manager"])
    assert corrected.status == "done"
    reading = Reading.objects.get(measure__name="Falls", period_start=dt.date(2026, 1, 1))
    assert reading.value == 9 and Reading.objects.count() == 4
    change = AuditEntry.objects.for_object(reading).filter(action="update").get()
    assert change.changes["value"] == ["7.0000", "9.0000"]


def test_every_bad_row_is_reported_and_nothing_is_written(pilot, users):
    ReadingFactory(
        measure=pilot.measures.get(name="Falls"), period_start=dt.date(2025, 12, 1), value=5
    )
    future = (dt.date.today() + dt.timedelta(days=60)).strftime("%Y-%m")
    job = run(
        "Measure,Period,Group,Figure,Out of\n"
        "Falls,2026-01,pilot,7,\n"  # fine
        "Hugs,2026-01,pilot,7,\n"  # no such measure
        "Falls,2026-13,pilot,7,\n"  # no such month
        "Falls,2026-02,placebo,7,\n"  # no such group
        "Falls,2026-03,pilot,-1,\n"  # negative
        "Readmissions,2026-01,pilot,70,\n"  # no denominator
        f"Falls,{future},pilot,2,\n"  # future
        "Falls,January 2026,pilot,8,\n",  # the same month twice
        pilot,
        users["manager"],
    )
    assert job.status == "invalid" and job.error_count == 7
    found = {(row, column): reason for row, column, reason in job.errors}
    assert "“Hugs” is not a measure of this pilot (Falls, Readmissions)" in found[(3, "Measure")]
    assert "is not a period" in found[(4, "Period")]
    assert "is not one of: Pilot group, Comparison group" in found[(5, "Group")]
    assert found[(6, "Figure")] == "The figure cannot be negative"
    assert found[(7, "Out of")] == "Enter the number of discharges"
    assert found[(8, "Period")] == "The period cannot be in the future"
    assert "another row also has Falls for Jan 2026" in found[(9, "Period")]
    assert Reading.objects.count() == 1  # only the one that was there


def test_no_pilot_chosen_is_one_clear_problem(pilot, users):
    job = engine.create_job(
        importer=IMPORTER,
        upload=SimpleUploadedFile("f.csv", b"Measure,Period,Figure\nFalls,2026-01,7\n"),
        source="Return",
        user=users["manager"],
    )
    engine.run(job)
    job.refresh_from_db()
    assert job.status == "invalid"
    assert job.errors[0][2] == "Choose the pilot these figures are for"


def test_the_import_pages_offer_the_pilot_and_need_the_permission(login, users, pilot):
    client = login(users["practitioner"])
    response = client.post(
        reverse("core:import_new", args=["pilot-figures"]),
        {"source": "Return", "file": SimpleUploadedFile("f.csv", GOOD.encode())},
    )
    job = ImportJob.objects.get()
    page = client.get(response.url).content.decode()
    assert "Which pilot are these figures for?" in page and "Night support" in page
    client.post(
        reverse("core:import_mapping", args=[job.pk]),
        {
            **{f"col_{k}": v for k, v in job.mapping.items()},
            "opt_pilot": pilot.pk,
            "action": "import",
        },
    )
    job.refresh_from_db()
    assert job.status == "done" and Reading.objects.count() == 4
    assert (
        login(users["viewer"]).get(reverse("core:import_new", args=["pilot-figures"])).status_code
        == 403
    )
    assert (
        "Import figures from a file"
        in login(users["manager"]).get(pilot.get_absolute_url()).content.decode()
    )
