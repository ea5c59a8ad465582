"""Importing feedback: a survey export, a legacy complaints log, the command line."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from careloop.core.imports import engine, get_importer
from careloop.core.models import AuditEntry, ImportJob
from careloop.feedback.models import Feedback
from tests.feedback.factories import make_provider

SURVEY = (
    "Response ID,Date submitted,Your comments,Overall satisfaction,Team\n"
    'S-1,03/03/2026,"Staff were kind, but I waited weeks for my assessment",2,{team}\n'
    "S-2,04/03/2026,Very happy with my home care,5,\n"
    "S-3,05/03/2026,  Nobody told me about the charges  ,1,\n"
)


def import_file(tmp_path, content, *args, name="survey.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    call_command("import-feedback", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_survey_export_is_imported_and_found(tmp_path, users, team, login):
    out = import_file(
        tmp_path,
        SURVEY.format(team=team.name),
        "--source",
        "SmartSurvey ASC",
        "--survey",
        "Adult Social Care Survey 2025-26",
        "--status",
        "closed",
        "--user",
        users["quality_lead"].email,
    )
    assert "Imported 3 rows" in out
    items = Feedback.objects.filter(source="SmartSurvey ASC").order_by("external_ref")
    first = items[0]
    assert (first.kind, first.channel, first.status) == ("survey", "survey_import", "closed")
    assert (first.rating, first.team, first.service) == (2, team, team.service)
    assert first.survey == "Adult Social Care Survey 2025-26"
    assert items[2].text == "  Nobody told me about the charges  "  # as written
    assert first.reference.startswith("FB-2026-")
    entry = AuditEntry.objects.for_object(first).get()
    assert entry.actor == users["quality_lead"] and "survey.csv" in entry.reason
    # The quality lead finds the responses in the register.
    client = login(users["quality_lead"])
    response = client.get(reverse("feedback:index"), {"kind": "survey", "q": "charges"})
    assert [f.external_ref for f in response.context["page_obj"]] == ["S-3"]


def test_importing_the_same_survey_twice_adds_nothing(tmp_path, users, team):
    import_file(tmp_path, SURVEY.format(team=team.name), "--source", "S")
    out = import_file(tmp_path, SURVEY.format(team=team.name), "--source", "S")
    assert "Imported 0 rows; 3 already imported were skipped" in out
    assert Feedback.objects.count() == 3


def test_a_legacy_complaints_log_keeps_its_clock(tmp_path, users):
    provider = make_provider("Oakfield Home Care")
    log = (
        "Case number,Date received,Complaint details,Type,Provider,Date acknowledged,"
        "Date responded,Outcome,Owner\n"
        f"C-77,01/04/2025,Carers late every day,complaint,Oakfield Home Care,02/04/2025,"
        f"28/04/2025,Partly upheld,{users['manager'].email}\n"
        "C-78,10/04/2025,Assessment delayed,Complaint (adult social care),,,,,\n"
    )
    import_file(tmp_path, log, "--source", "Legacy log")
    done = Feedback.objects.get(external_ref="C-77")
    assert done.provider == provider and done.owner == users["manager"]
    assert done.acknowledgement_due_on == dt.date(2025, 4, 4)
    assert (done.outcome, done.status, done.next_due_on) == ("partly_upheld", "responded", None)
    waiting = Feedback.objects.get(external_ref="C-78")
    assert waiting.status == "new" and waiting.next_due_on == dt.date(2025, 4, 15)


def test_bad_rows_are_listed_and_nothing_is_written(tmp_path, users):
    content = (
        "Response ID,Date submitted,Your comments,Overall satisfaction,Team,Provider\n"
        "S-1,03/03/2026,Fine,7,,\n"
        "S-2,31/31/2026,Fine,,No Such Team,\n"
        "S-3,05/03/2026,,3,,Nowhere Care\n"
        "S-4,05/03/2026,Fine,3,,Nowhere Care\n"
    )
    with pytest.raises(CommandError, match="5 problems found. Nothing was imported"):
        import_file(tmp_path, content)
    assert Feedback.all_objects.count() == 0
    job = ImportJob.objects.get()
    assert job.errors == [
        [2, "Overall satisfaction", "7 must be between 1 and 5"],
        [3, "Date submitted", "“31/31/2026” is not a date (use 27/03/2026 or 2026-03-27)"],
        [3, "Team", "“No Such Team” is not a team careloop knows"],
        [4, "Your comments", "is empty"],
        [5, "Provider", "“Nowhere Care” is not a care provider careloop knows"],
    ]


def test_a_row_swallowed_by_an_open_quote_and_a_date_in_2099_are_refused(tmp_path, users):
    """The probe's file: an unclosed quote in row 2 took row 3 into its text ("Imported 1
    row"), and a received date in 2099 passed."""
    content = (
        "Response ID,Date submitted,Your comments\n"
        'S-1,03/03/2026,"Waited weeks for my assessment\n'
        "S-2,04/03/2026,Very happy with my home care\n"
    )
    with pytest.raises(CommandError, match="1 problem found. Nothing was imported"):
        import_file(tmp_path, content)
    [(row, column, reason)] = ImportJob.objects.get().errors
    assert (row, column) == (2, "Your comments") and "quote mark" in reason
    with pytest.raises(CommandError, match="1 problem found. Nothing was imported"):
        import_file(tmp_path, "Response ID,Date submitted,Your comments\nS-9,01/01/2099,Fine\n")
    assert ImportJob.objects.latest("pk").errors == [
        [2, "Date submitted", "“01/01/2099” is in the future: check the date"]
    ]
    assert Feedback.all_objects.count() == 0


def test_the_command_names_missing_columns(tmp_path, users):
    with pytest.raises(CommandError, match="The file has no column for: Date received, What"):
        import_file(tmp_path, "Response ID,Other\n1,2\n")


def test_the_import_page_runs_in_the_background_with_progress(users, login):
    client = login(users["quality_lead"])
    client.post(
        reverse("core:import_new", args=["feedback"]),
        {
            "source": "Partner return",
            "file": SimpleUploadedFile(
                "return.csv", b"ID,Date,Comments\nP1,01/03/2026,Good partnership meeting\n"
            ),
        },
    )
    job = ImportJob.objects.get()
    client.post(
        reverse("core:import_mapping", args=[job.pk]),
        {
            "col_external_ref": "ID",
            "col_received_on": "Date",
            "col_text": "Comments",
            "opt_kind": "partner",
            "opt_channel": "partner_meeting",
            "opt_status": "new",
            "action": "import",
        },
    )
    job.refresh_from_db()
    assert job.status == "done" and job.created_count == 1
    item = Feedback.objects.get()
    assert (item.kind, item.channel) == ("partner", "partner_meeting")
    assert get_importer("feedback").label == "Feedback"
    assert engine.missing_required(get_importer("feedback"), job.mapping, job.headers) == []
