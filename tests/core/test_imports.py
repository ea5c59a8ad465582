"""The shared import machinery, with a small importer of test notes."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from careloop.core import audit
from careloop.core.imports import FileProblem, ImportField, engine, register
from careloop.core.imports.parsing import CellError, parse_date
from careloop.core.imports.reading import read_table
from careloop.core.models import AuditEntry, ImportJob, ImportMapping
from tests.testapp.importers import SlowNoteImporter
from tests.testapp.models import Note


class NoteImporter(SlowNoteImporter):  # its existing() and write()
    name = "test-notes"
    label = "Notes"
    permission = "core.manage_org"
    key = "ref"
    batch_size = 2000
    fields = [
        ImportField("ref", "Reference", required=True, aliases=("id",)),
        ImportField("title", "Title", required=True),
        ImportField("when", "Date", aliases=("date",)),
    ]

    def clean_row(self, values, context):
        problems = []
        try:
            when = parse_date(values["when"]) if "when" in values else None
        except CellError as error:
            when, problems = None, [("when", str(error))]
        if len(str(values["title"])) > 100:
            problems.append(("title", "is longer than 100 characters"))
        return {"ref": str(values["ref"]).strip(), "title": values["title"], "when": when}, problems


IMPORTER = register(NoteImporter())


def upload(content: bytes, name="notes.csv"):
    return SimpleUploadedFile(name, content)


def run(content: bytes, name="notes.csv", source="Test", dry_run=False, user=None):
    job = engine.create_job(
        importer=IMPORTER, upload=upload(content, name), source=source, user=user, dry_run=dry_run
    )
    engine.run(job)
    job.refresh_from_db()
    return job


# --- Reading -------------------------------------------------------------------------------------
def test_other_file_types_are_refused(db):
    with pytest.raises(FileProblem, match="must be a CSV or an Excel"):
        read_table(io.BytesIO(b"x"), "notes.pdf")


def test_files_over_20_mb_are_refused(db):
    with pytest.raises(FileProblem, match="smaller than 20 MB"):
        read_table(io.BytesIO(b"a" * (20 * 1024 * 1024 + 1)), "big.csv")


@pytest.mark.parametrize(
    "data",
    [
        "Reference,Title\n1,caf\u00e9\n".encode("utf-16"),  # NUL bytes
        b"Reference,Title\n1,bad \x81\x8d byte\n",  # not utf-8, not cp1252
    ],
)
def test_unknown_encodings_are_refused_with_advice(db, data):
    with pytest.raises(FileProblem, match="Save it as CSV UTF-8"):
        read_table(io.BytesIO(data), "notes.csv")


def test_utf8_with_bom_and_windows_1252_are_read(db):
    bom = read_table(io.BytesIO("\ufeffReference,Title\n1,Caf\u00e9\n".encode()), "a.csv")
    assert bom.headers == ["Reference", "Title"]
    legacy = read_table(io.BytesIO("Reference;Title\n1;\u00a3 charge\n".encode("cp1252")), "b.csv")
    assert legacy.encoding == "cp1252"
    assert [cells for _, cells in legacy.rows()] == [["1", "\u00a3 charge"]]


def test_xlsx_is_read_with_typed_cells(db):
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Title", "Date"])
    sheet.append([101, "From Excel", dt.datetime(2026, 4, 3)])
    buffer = io.BytesIO()
    book.save(buffer)
    job = run(buffer.getvalue(), name="notes.xlsx")
    assert job.status == "done" and job.created_count == 1
    assert Note.objects.get().body == "Test:101"


def test_a_broken_xlsx_gets_one_clear_message(db):
    with pytest.raises(FileProblem, match="not a valid Excel workbook"):
        read_table(io.BytesIO(b"not a zip"), "notes.xlsx")


def test_missing_required_columns_are_named(db):
    job = run(b"Something,Else\n1,2\n")
    assert job.status == "failed"
    assert job.message == "The file has no column for: Reference, Title"
    assert Note.objects.count() == 0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("27/03/2026", dt.date(2026, 3, 27)),
        ("2026-03-27", dt.date(2026, 3, 27)),
        ("27-3-26", dt.date(2026, 3, 27)),
        ("27 March 2026", dt.date(2026, 3, 27)),
        ("1st Sept 2025", dt.date(2025, 9, 1)),
        ("", None),
    ],
)
def test_dates_in_the_usual_forms(text, expected):
    assert parse_date(text) == expected


def test_us_dates_are_refused_not_guessed():
    with pytest.raises(CellError, match="is not a date"):
        parse_date("03/27/2026")


@pytest.mark.parametrize(
    "text,reason",
    [
        ("01/01/2099", "is in the future: check the date"),
        ("12/06/1926", "is before 1990: check the year"),
    ],
)
def test_implausible_dates_of_past_events_are_refused(text, reason):
    with pytest.raises(CellError, match=reason):
        parse_date(text, past=True)


def test_planned_dates_may_be_ahead_but_not_a_lifetime_ahead():
    ahead = dt.date.today() + dt.timedelta(days=400)
    assert parse_date(ahead.isoformat()) == ahead
    with pytest.raises(CellError, match="more than 30 years ahead"):
        parse_date("01/01/2099")


# --- Checking and writing ------------------------------------------------------------------------
def test_every_bad_row_is_reported_and_nothing_is_written(db):
    content = (
        b"Reference,Title,Date\n"
        b"1,Good,01/02/2026\n"
        b"2,,01/02/2026\n"
        b"3,Bad date,31/02/2026\n"
        b"\n"
        b"1,Duplicate,01/02/2026\n"
    )
    job = run(content)
    assert job.status == "invalid"
    assert job.errors == [
        [3, "Title", "is empty"],
        [4, "Date", "\u201c31/02/2026\u201d is not a date (use 27/03/2026 or 2026-03-27)"],
        [6, "Reference", "appears twice in the file (also row 2)"],
    ]
    assert job.error_count == 3 and Note.objects.count() == 0


def test_an_unclosed_quote_that_swallows_the_next_rows_is_reported(db):
    content = (
        b"Reference,Title,Date\n"
        b'1,"Unclosed title,01/02/2026\n'
        b"2,Second,01/02/2026\n"
        b"3,Third,01/02/2026\n"
    )
    job = run(content)
    assert job.status == "invalid" and job.error_count == 1
    [(row, column, reason)] = job.errors
    assert (row, column) == (2, "Title")
    assert "quote mark" in reason and "not closed" in reason
    assert Note.objects.count() == 0


def test_a_cell_with_lines_of_its_own_still_imports(db):
    content = b'Reference,Title,Date\n1,"First line\nsecond line, with a comma",01/02/2026\n'
    job = run(content)
    assert job.status == "done" and job.created_count == 1
    assert Note.objects.get().title == "First line\nsecond line, with a comma"


def test_reimport_is_idempotent_by_external_reference(db):
    first = run(b"ID,Title\nA1,One\nA2,Two\n")
    again = run(b"ID,Title\nA1,One\nA2,Two\nA3,Three\n")
    assert (first.created_count, again.created_count, again.skipped_count) == (2, 1, 2)
    assert Note.objects.count() == 3
    other_source = run(b"ID,Title\nA1,One\n", source="Another")
    assert other_source.created_count == 1


def test_a_dry_run_writes_nothing(db):
    job = run(b"ID,Title\nA1,One\n", dry_run=True)
    assert job.status == "done" and "1 rows can be imported" in job.message
    assert Note.objects.count() == 0


def test_progress_is_recorded(db):
    rows = "".join(f"{i},Title {i}\n" for i in range(5000))
    job = run(("ID,Title\n" + rows).encode())
    assert (job.total_rows, job.processed_rows, job.created_count) == (5000, 5000, 5000)
    assert job.percent == 100 and not job.file  # the uploaded file is not kept


# --- Pages ---------------------------------------------------------------------------------------
def test_the_pages_upload_match_preview_import_and_poll(login, users):
    client = login(users["admin"])
    response = client.post(
        reverse("core:import_new", args=["test-notes"]),
        {"source": "Board returns", "file": upload(b"Ref No,Heading\nX1,First\nX2,Second\n")},
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("core:import_mapping", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    # Nothing could be matched automatically: both required fields are flagged.
    response = client.post(response.url, {"action": "import"})
    body = response.content.decode()
    assert "Choose the column that holds reference" in body
    assert "The file has no column for: Reference, Title" in body
    response = client.post(
        reverse("core:import_mapping", args=[job.pk]),
        {"col_ref": "Ref No", "col_title": "Heading", "action": "preview"},
    )
    page = client.get(reverse("core:import_mapping", args=[job.pk]))
    assert ["X1", "First"] in page.context["preview_rows"]
    response = client.post(
        reverse("core:import_mapping", args=[job.pk]),
        {"col_ref": "Ref No", "col_title": "Heading", "action": "import"},
    )
    assert response.url == reverse("core:import_show", args=[job.pk])
    partial = client.get(response.url, headers={"HX-Request": "true"})
    assert "Import complete" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    assert Note.objects.count() == 2
    assert ImportMapping.objects.get(source="Board returns").mapping == {
        "ref": "Ref No",
        "title": "Heading",
    }
    # The next file from the same source is matched from the saved mapping.
    client.post(
        reverse("core:import_new", args=["test-notes"]),
        {"source": "Board returns", "file": upload(b"Ref No,Heading\nX3,Third\n")},
    )
    assert ImportJob.objects.first().mapping == {"ref": "Ref No", "title": "Heading"}


def test_the_upload_page_refuses_bad_files_with_one_message(login, users):
    client = login(users["admin"])
    response = client.post(
        reverse("core:import_new", args=["test-notes"]),
        {"source": "X", "file": upload(b"%PDF", name="notes.pdf")},
    )
    assert "The file must be a CSV or an Excel (.xlsx) file" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_the_problem_list_downloads_and_is_audited(login, users):
    job = run(b"ID,Title\nA1,\n")
    client = login(users["admin"])
    response = client.get(reverse("core:import_errors", args=[job.pk]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Row,Column,Problem" in body and "2,Title,is empty" in body
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_importers_need_their_permission(login, users):
    client = login(users["quality_lead"])
    assert client.get(reverse("core:import_index", args=["test-notes"])).status_code == 403
    assert client.get(reverse("core:import_index", args=["nothing"])).status_code == 404


def test_fast_bulk_writes_audit_exactly_as_the_audit_trail_does(users):
    from careloop.core.imports import bulk

    with audit.acting_as(users["admin"], "task"):
        slow = Note.objects.bulk_create(
            [Note(title="One", private_text="secret", owner=users["admin"])]
        )
        audit.record_bulk_create(slow, reason="import")
        fast = bulk.insert(Note, [Note(title="One", private_text="secret", owner=users["admin"])])
        bulk.audit_created(fast, reason="import")
    a, b = (AuditEntry.objects.for_object(n).get() for n in (slow[0], fast[0]))
    assert fast[0].pk and Note.objects.get(pk=fast[0].pk).title == "One"
    assert a.changes == b.changes and a.changes["private_text"] == [audit.REDACTED] * 2
    assert (a.actor, a.source, a.action, a.reason, a.object_repr) == (
        b.actor,
        b.source,
        b.action,
        b.reason,
        b.object_repr,
    )


def test_create_rows_writes_and_audits_like_the_audit_trail(users):
    from careloop.core.imports import bulk

    with audit.acting_as(users["admin"], "task"):
        slow = Note.objects.bulk_create([Note(title="Two", private_text="x", owner=users["admin"])])
        audit.record_bulk_create(slow, reason="import")
        [pk] = bulk.create_rows(
            Note,
            [{"title": "Two", "private_text": "x", "owner_id": users["admin"].pk}],
            reason="import",
            describe=lambda row: row["title"],
        )
    note = Note.objects.get(pk=pk)
    assert (note.title, note.owner, note.is_restricted, note.body) == (
        "Two",
        users["admin"],
        False,
        "",
    )
    a, b = (AuditEntry.objects.for_object(n).get() for n in (slow[0], note))
    assert a.changes == b.changes
    assert (a.actor, a.source, a.action, a.reason, a.object_repr) == (
        b.actor,
        b.source,
        b.action,
        b.reason,
        b.object_repr,
    )
