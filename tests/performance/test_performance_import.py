"""Importing published figures and neighbour lists: good files, bad input, revisions."""

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from careloop.core.imports import engine, get_importer
from careloop.core.models import AuditEntry
from careloop.performance import selectors
from careloop.performance.models import Council, Figure

pytestmark = pytest.mark.django_db

IMPORTER = get_importer("performance")
SHARED = Path("/work/shared/data/performance")
PUBLISHED_HEAD = (
    "Financial year,Local authority code,Local authority name,Grouping,Entity_Name,Region,"
    "Measure,Code,Value,MEDIAN,MADs_from_median,rank_order\n"
)


def run(content: str, name="figures.csv", source="published"):
    job = engine.create_job(
        importer=IMPORTER, upload=SimpleUploadedFile(name, content.encode()), source=source,
        user=None,
    )  # fmt: skip
    engine.run(job)
    job.refresh_from_db()
    return job


PUBLISHED = PUBLISHED_HEAD + (
    '2022-23,E10000028,Staffordshire,LA_Raw,Counties,West Midlands,"Outcome, Ease",ASC3,64.2,'
    "67.5,-0.97,DESC\n"
    '2022/23,E06000005,Darlington,LA_Raw,Unitary Authorities,North East,"Outcome, Ease",ASC3,'
    "70,67.5,1,DESC\n"
    '202122,E10000028,Staffordshire,LA_Raw,Counties,West Midlands,"Outcome, Ease",ASC3,[c],'
    ",,DESC\n"
)


def test_the_published_shape_imports_with_year_spellings_and_suppressed_values():
    job = run(PUBLISHED)
    assert job.status == "done", job.errors
    staffs = Council.objects.get(code="E10000028")
    assert (staffs.name, staffs.kind, staffs.region) == (
        "Staffordshire",
        "Counties",
        "West Midlands",
    )
    periods = dict(Figure.objects.filter(council=staffs).values_list("period", "value"))
    assert periods == {"2022-23": 64.2, "2021-22": None}
    assert Figure.objects.get(council=staffs, period="2021-22").suppressed == "[c]"
    assert Figure.objects.get(council__code="E06000005").period == "2022-23"


def test_reimport_changes_nothing_and_a_revision_replaces_with_an_audit_entry():
    run(PUBLISHED)
    again = run(PUBLISHED)
    assert (again.status, again.created_count, again.skipped_count) == ("done", 0, 3)
    revised = run(PUBLISHED.replace("ASC3,64.2,", "ASC3,65.0,"))
    assert (revised.created_count, revised.skipped_count) == (1, 2)
    figure = Figure.objects.get(council__code="E10000028", period="2022-23")
    assert figure.value == 65.0 and Figure.objects.count() == 3
    entry = AuditEntry.objects.filter(action="update", object_id=str(figure.pk)).get()
    assert "64.2" in json.dumps(entry.changes) and "65.0" in json.dumps(entry.changes)


LONG_HEAD = "council_code,council_name,period,measure_code,value,numerator,denominator\n"


def test_the_long_format_with_numerator_and_denominator():
    job = run(LONG_HEAD + "E06000001,Hartlepool,2022-23,asc5,80.5,161,200\n")
    assert job.status == "done", job.errors
    figure = Figure.objects.get()
    assert (figure.value, figure.numerator, figure.denominator) == (80.5, 161.0, 200.0)


def test_every_bad_row_is_reported_and_nothing_is_written():
    bad = LONG_HEAD + (
        "E06000001,Hartlepool,2022-23,ASC9,1,,\n"  # 2 unknown measure
        "E06000001,Hartlepool,2022-23,ASC3,lots,,\n"  # 3 not a number
        "E07000026,Allerdale,2022-23,ASC3,50,,\n"  # 4 a district: no adult social care
        "W06000001,Anglesey,2022-23,ASC3,50,,\n"  # 5 not English
        "E06000001,Hartlepool,2022-24,ASC3,50,,\n"  # 6 not a financial year
        "E06000002,Middlesbrough,2022-23,ASC3,50,,\n"  # 7 then a disagreeing duplicate
        "E06000002,Middlesbrough,2022/23,ASC3,51,,\n"  # 8
        "E06000003,,2022-23,ASC3,50,,\n"  # 9 unknown council without a name
        "E06000004,Stockton,2022-23,ASC3,50,x,\n"  # 10 bad numerator
        "E06000005,Darlington,2022-23,ASC3,50,,\n"  # 11 an identical duplicate
        "E06000005,Darlington,2022-23,ASC3,50,,\n"  # 12
        "E06000006,Halton,2022-23,ASC3,50,,\n"  # 13 a good row
    )
    job = run(bad)
    assert job.status == "invalid"
    got = {(row, column): reason for row, column, reason in job.errors}
    assert "not a measure careloop knows" in got[(2, "measure_code")]
    assert "register it" in got[(2, "measure_code")]
    assert got[(3, "value")] == "“lots” is not a number"
    assert "not an English council" in got[(4, "council_code")]
    assert "not an English council" in got[(5, "council_code")]
    assert got[(6, "period")] == "“2022-24” is not a financial year"
    assert "disagrees" in got[(8, "value")] and "50 and 51" in got[(8, "value")]
    assert "empty" in got[(9, "council_name")]
    assert got[(10, "numerator")] == "“x” is not a number"
    assert "appears twice" in got[(12, "Row reference")]
    assert len(job.errors) == 9
    assert not Figure.objects.exists() and not Council.objects.exists()


def test_a_file_with_a_renamed_column_is_refused_whole():
    job = run("authority,period,measure_code,value\nE06000001,2022-23,ASC3,1\n")
    assert job.status == "failed" and "Council code" in job.message


def test_neighbours_import_sets_lists_skips_districts_and_refuses_bad_lists():
    run(LONG_HEAD + "E06000001,A,2022-23,ASC3,1,,\nE06000002,B,2022-23,ASC3,2,,\n")
    good = {"E06000001": ["E06000001", "E06000002"], "E07000026": ["E07000026"]}
    path = _write(good)
    out = io.StringIO()
    call_command("performance", "neighbours", path, stdout=out)
    assert "Set 1 neighbour lists" in out.getvalue() and "1 skipped" in out.getvalue()
    assert Council.objects.get(code="E06000001").neighbours == ["E06000001", "E06000002"]
    bad = {
        "E06000001": ["E06000001", "E06000099"],  # names an unknown council
        "E06000002": ["E06000001"],  # does not include itself
        "E06000077": ["E06000077"],  # a council careloop does not know
    }
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("performance", "neighbours", _write(bad), stdout=out)
    text = out.getvalue()
    assert "entry 1, E06000001: its list names councils careloop does not know: E06000099" in text
    assert "entry 2, E06000002: its list does not include the council itself" in text
    assert "entry 3, E06000077" in text
    assert Council.objects.get(code="E06000002").neighbours == []  # nothing written


def test_neighbours_of_odd_length_are_refused():
    run(LONG_HEAD + "E06000001,A,2022-23,ASC3,1,,\n")
    with pytest.raises(CommandError):
        call_command(
            "performance", "neighbours", _write({"E06000001": ["E06000001"] * 25}),
            stdout=io.StringIO(),
        )  # fmt: skip


def _write(data) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(data, handle)
    return handle.name


def test_compare_prints_the_issue_json():
    run(LONG_HEAD + "E06000001,A,2021-22,ASC3,50,,\nE06000001,A,2022-23,ASC3,60,,\n"
        "E06000002,B,2022-23,ASC3,70,,\nE06000003,C,2022-23,ASC3,80,,\n")  # fmt: skip
    Council.objects.filter(code="E06000001").update(neighbours=["E06000001", "E06000002"])
    out = io.StringIO()
    call_command("performance", "compare", "E06000001", "ASC3", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "council_code": "E06000001",
        "measure_code": "ASC3",
        "year": "2022-23",
        "value": 60.0,
        "england_median": 70.0,
        "group_size": 2,
        "group_median": 65.0,
        "group_rank": 2,
        "england_quartile": 3,
        "mads_from_median": -1.0,
        "previous_value": 50.0,
        "change": 10.0,
    }
    out = io.StringIO()
    call_command("performance", "compare", "e06000001", "ASC3", "--year", "2021/22", "--json",
                 stdout=out)  # fmt: skip
    assert json.loads(out.getvalue())["group_size"] == 1
    with pytest.raises(CommandError, match="No council"):
        call_command("performance", "compare", "E06000999", "ASC3", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a financial year"):
        call_command(
            "performance", "compare", "E06000001", "ASC3", "--year", "22", stdout=io.StringIO()
        )


def test_the_shared_file_imports_and_agrees_with_the_published_medians():
    """On the real file when it is here; otherwise on the built-in sample."""
    source = SHARED / "ascof-oflog-2015-2023.csv"
    path = source if source.exists() else selectors.SAMPLE_CSV
    call_command("performance", "import", str(path), stdout=io.StringIO())
    with path.open(encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Value"]]
    assert Figure.objects.filter(value__isnull=False).count() == len(rows)
    for row in rows[:: max(1, len(rows) // 200)]:
        council = Council.objects.get(code=row["Local authority code"])
        measure = selectors.measures().get(code=row["Code"])
        got = selectors.standing(council, measure, year=row["Financial year"])
        assert got.england_median == pytest.approx(float(row["MEDIAN"]), abs=1e-6), row
        if row["MADs_from_median"] and got.mads_from_median is not None:
            assert got.mads_from_median == pytest.approx(float(row["MADs_from_median"]), abs=1e-4)


def test_a_flushed_database_still_knows_the_shipped_measures(transactional_db):
    from django.core.management import call_command

    from careloop.performance.models import Measure

    call_command("flush", interactive=False, verbosity=0)
    assert set(Measure.objects.filter(shipped=True).values_list("code", flat=True)) == {
        f"ASC{n}" for n in range(1, 8)
    }
