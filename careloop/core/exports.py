"""CSV and Excel exports of a filtered list, streamed, with formula injection neutralised.

    columns = [Column("Reference", "reference"), Column("Team", lambda f: f.team or "")]
    return export_response(queryset=qs, columns=columns, filename="feedback",
                           fmt=request.GET.get("format"), description="Feedback list",
                           filters=request.GET)

The queryset must already be filtered to what the person may see (`visible_to`). Every
export is written to the audit trail (who, what, how many rows, with which filters). A text
cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe, so it shows as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from careloop.core import audit
from careloop.core.models import AuditEntry

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {"csv", "xlsx"}
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    header: str
    value: str | Callable[[Any], Any]  # attribute path ("team.name") or a function

    def get(self, obj) -> Any:
        if callable(self.value):
            return self.value(obj)
        value = obj
        for part in self.value.split("."):
            value = getattr(value, part, None) if value is not None else None
        return value() if callable(value) else value


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet will run as a formula."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A plain cell value: text, a number or a date (never a record or None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.replace(tzinfo=None)
    if isinstance(value, int | float | dt.date):
        return value
    return neutralise(str(value))


def rows(queryset, columns: list[Column]) -> Iterator[list]:
    source: Iterable = (
        queryset.iterator(chunk_size=CHUNK) if hasattr(queryset, "iterator") else queryset
    )
    for obj in source:
        yield [cell(c.get(obj)) for c in columns]


class _Echo:
    def write(self, value):
        return value


def _csv_text(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def stream_csv(queryset, columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte order mark, so Excel reads UTF-8
    yield writer.writerow([neutralise(c.header) for c in columns])
    for row in rows(queryset, columns):
        yield writer.writerow([_csv_text(v) for v in row])


def write_xlsx(queryset, columns: list[Column], title: str):
    """The workbook in a temporary file (write-only mode keeps memory flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Export")
    bold = Font(bold=True)
    header = []
    for c in columns:
        h = WriteOnlyCell(sheet, value=neutralise(c.header))
        h.font = bold
        header.append(h)
    sheet.append(header)
    for row in rows(queryset, columns):
        out = []
        for value in row:
            item = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                item.data_type = "s"  # never a formula, whatever it starts with
            elif isinstance(value, dt.datetime):
                item.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                item.number_format = "yyyy-mm-dd"
            out.append(item)
        sheet.append(out)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the FileResponse
    book.save(handle)
    handle.seek(0)
    return handle


def export_response(
    *,
    queryset,
    columns: list[Column],
    filename: str,
    fmt: str | None,
    description: str,
    filters: dict | None = None,
):
    """A download of the list as CSV (streamed) or XLSX, audited. `fmt` is "csv" or "xlsx"."""
    fmt = (fmt or "csv").lower()
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use csv or xlsx")
    count = len(queryset) if isinstance(queryset, list | tuple) else queryset.count()
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    name = f"{filename}-{stamp}.{fmt}"
    audit.record(
        AuditEntry.Action.EXPORT,
        object_repr=f"{description} ({count} rows, {fmt.upper()})",
        changes={
            "format": fmt,
            "rows": count,
            "filters": {k: v for k, v in (filters or {}).items() if k not in ("format", "page")},
        },
    )
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_csv(queryset, columns), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(
        write_xlsx(queryset, columns, description),
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
