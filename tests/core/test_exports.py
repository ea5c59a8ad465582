"""CSV and Excel exports: formula injection neutralised, values typed, every export audited."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from careloop.core.exports import Column, cell, export_response, neutralise
from careloop.core.models import AuditEntry
from tests.testapp.models import Note


@pytest.mark.parametrize("text", ["=1+1", "+44 7700", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_cells_a_spreadsheet_would_run_are_neutralised(text):
    assert neutralise(text) == "'" + text


def test_other_values_are_left_alone():
    assert neutralise("Mrs Pike") == "Mrs Pike"
    assert cell(-3) == -3 and cell(2.5) == 2.5
    assert cell(dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)
    assert cell(None) == "" and cell(True) == "Yes"


def test_an_excel_export_keeps_text_as_text_and_is_audited(db):
    Note.objects.create(title='=HYPERLINK("http://x")', body="-1")
    response = export_response(
        queryset=Note.objects.all(),
        columns=[Column("Title", "title"), Column("Body", "body"), Column("Size", lambda n: -5)],
        filename="notes",
        fmt="xlsx",
        description="Notes",
        filters={"q": "x", "format": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    title, body, size = (c for c in sheet[2])
    assert title.value == '\'=HYPERLINK("http://x")' and title.data_type == "s"
    assert body.value == "'-1" and size.value == -5
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes == {"format": "xlsx", "rows": 1, "filters": {"q": "x"}}


def test_unknown_formats_are_refused(db):
    with pytest.raises(ValueError, match="csv or xlsx"):
        export_response(
            queryset=Note.objects.all(), columns=[], filename="n", fmt="pdf", description="Notes"
        )
