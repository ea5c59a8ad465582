"""The Ombudsman's yearly figures imported from the annual review letter's spreadsheet."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.core import audit
from careloop.core.imports import engine, get_importer
from careloop.core.imports.parsing import CellError
from careloop.core.models import AuditEntry
from careloop.learning import services
from careloop.learning.importers import parse_rate, parse_year
from careloop.learning.models import LgscoYear

pytestmark = pytest.mark.django_db
IMPORTER = get_importer("lgsco-years")

LETTER = (
    "Year,Complaints and enquiries received,Decisions made,Detailed investigations,Upheld,"
    "Compliance rate,Satisfactory remedy provided by the council,Average of similar authorities\n"
    "2023-24,29,27,16,11,100%,2,78.0%\n"
    "2024/25,36,34,22,19,0.95,3,80.8\n"
)


def run(content: str, user=None, name="letter.csv"):
    job = engine.create_job(
        importer=IMPORTER,
        upload=SimpleUploadedFile(name, content.encode()),
        source="LGSCO annual review letter",
        user=user,
    )
    with audit.acting_as(user, "task"):  # as the import task runs it
        engine.run(job)
    job.refresh_from_db()
    return job


def test_years_and_rates_in_the_usual_forms():
    assert [parse_year(v) for v in ("2024-25", "2024/25", "2024-2025", "2024", 2024)] == [2024] * 5
    for bad in ("2024-26", "24-25", "next year", "1999"):
        with pytest.raises(CellError, match="is not a year"):
            parse_year(bad)
    assert parse_rate("80.8%") == Decimal("80.8") and parse_rate("80.8") == Decimal("80.8")
    assert parse_rate("0.808") == Decimal("80.8") and parse_rate("") is None
    assert parse_rate("1") == Decimal("1.0")  # 1 per cent, not 100
    with pytest.raises(CellError, match="from 0 to 100"):
        parse_rate("120")


def test_the_letter_is_imported_and_marked_imported(users):
    lead = users["quality_lead"]
    job = run(LETTER, lead)
    assert job.status == "done", job.errors
    assert job.mapping["similar_upheld_rate"] == "Average of similar authorities"
    latest = LgscoYear.objects.get(year_start=2024)
    assert (latest.complaints_made, latest.decided, latest.detailed_investigations) == (36, 34, 22)
    assert (latest.upheld, latest.remedied_by_council) == (19, 3)
    assert (latest.compliance_rate, latest.similar_upheld_rate) == (
        Decimal("95.0"),
        Decimal("80.8"),
    )
    assert latest.upheld_rate == Decimal("86.4")
    assert latest.source == "imported" and latest.notes == "Imported from letter.csv"
    assert AuditEntry.objects.for_object(latest).filter(actor=lead).exists()

    again = run(LETTER, lead)
    assert (again.status, again.skipped_count, again.created_count) == ("done", 2, 0)
    corrected = run("Year,Complaints made,Decided,Investigated,Upheld\n2024-25,37,34,22,19\n", lead)
    assert corrected.status == "done" and corrected.created_count == 1
    latest.refresh_from_db()
    assert latest.complaints_made == 37 and latest.compliance_rate is None

    # typed in over an import: no longer labelled imported
    services.lgsco_year_save(
        year_start=2024, complaints_made=37, decided=34, detailed_investigations=22, upheld=19
    )
    assert LgscoYear.objects.get(year_start=2024).source == "entered"


def test_every_bad_row_is_reported_and_nothing_is_written(users):
    content = (
        "Year,Complaints made,Decided,Detailed investigations,Upheld,Compliance rate\n"
        "2022-23,20,18,10,4,100\n"
        "2023-24,twenty,18,10,4,100\n"
        "2024-25,20,18,10,12,100\n"
        "2024-25,20,18,10,4,130\n"
        "2022-23,21,18,10,4,100\n"
    )
    job = run(content, users["quality_lead"])
    assert job.status == "invalid"
    problems = [tuple(e) for e in job.errors]
    assert (3, "Complaints made", "“twenty” is not a whole number") in problems
    assert (4, "(row)", "Upheld cannot be more than the detailed investigations") in problems
    assert (5, "Compliance rate", "130 is not a percentage from 0 to 100") in problems
    assert (6, "Year", "another row also has the figures for 2022-23") in problems
    assert not LgscoYear.objects.exists()


def test_the_figures_page_offers_the_import_to_those_who_may(login, users):
    url = reverse("learning:lgsco_figures")
    target = reverse("core:import_index", args=["lgsco-years"])
    assert target in login(users["quality_lead"]).get(url).content.decode()
    assert target not in login(users["manager"]).get(url).content.decode()
