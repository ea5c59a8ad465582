"""Reading CSV and Excel files: one clear message for every file careloop cannot read."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ENCODINGS = ("utf-8-sig", "utf-8", "cp1252")
TYPES = {".csv": "csv", ".xlsx": "xlsx"}


class FileProblem(Exception):
    """The file cannot be imported at all (wrong type, too big, unreadable, no columns…)."""


@dataclass
class Table:
    headers: list[str]
    kind: str
    encoding: str = ""
    _rows: Callable[[], Iterator[tuple[int, list]]] | None = None
    dialect: type[csv.Dialect] | csv.Dialect | None = None

    def rows(self) -> Iterator[tuple[int, list]]:
        """(row number as the person sees it in the file, cells), the header being row 1."""
        return self._rows() if self._rows else iter(())

    def swallowed_row(self, cells: list) -> tuple[int, str] | None:
        """(column index, reason) when a CSV cell runs on across lines and holds what reads
        as further whole rows: a quote mark left open swallows the rows after it into one
        cell, and the file would import with rows silently missing."""
        if self.dialect is None or len(self.headers) < 2:
            return None
        for i, cell in enumerate(cells):
            if not isinstance(cell, str) or "\n" not in cell and "\r" not in cell:
                continue
            for line in cell.splitlines()[1:]:
                parsed = next(csv.reader([line], self.dialect), [])
                if len(parsed) >= len(self.headers):
                    return i, (
                        "runs on across lines and holds what looks like another whole row: a "
                        'quote mark (") is probably not closed. Close or remove it and upload '
                        "the file again"
                    )
        return None


def check_file(name: str, size: int) -> str:
    """The file's kind ("csv" or "xlsx"), or FileProblem."""
    kind = TYPES.get(Path(name).suffix.lower())
    if kind is None:
        raise FileProblem("The file must be a CSV or an Excel (.xlsx) file")
    limit = settings.CARELOOP_MAX_UPLOAD_BYTES
    if size > limit:
        raise FileProblem(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    if size == 0:
        raise FileProblem("The file is empty")
    return kind


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # UTF-16 or a binary file: not text careloop can read
            break
        return text, encoding
    raise FileProblem(
        "careloop cannot read the characters in this file. Save it as CSV UTF-8 (in Excel: "
        "Save As, then 'CSV UTF-8') and upload it again"
    )


def _headers(cells) -> list[str]:
    headers = [str(c).strip() if c is not None else "" for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise FileProblem("The first row of the file must hold the column names")
    seen = set()
    for h in headers:
        if h and h.lower() in seen:
            raise FileProblem(f"Two columns have the same name, “{h}”: rename one of them")
        seen.add(h.lower())
    return headers


def read_table(path_or_file, name: str) -> Table:
    """Open a CSV or XLSX file and read its header row; rows are read lazily."""
    data = path_or_file.read() if hasattr(path_or_file, "read") else Path(path_or_file).read_bytes()
    kind = check_file(name, len(data))
    if kind == "csv":
        return _read_csv(data)
    return _read_xlsx(data)


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = _headers(next(reader))
    except StopIteration:
        raise FileProblem("The file is empty") from None
    except csv.Error as error:
        raise FileProblem(f"The file is not a well-formed CSV file ({error})") from None

    def rows():
        body = csv.reader(io.StringIO(text, newline=""), dialect)
        next(body)
        try:
            start = body.line_num + 1
            for cells in body:
                # A row whose cells run across lines is numbered where it starts.
                yield start, cells
                start = body.line_num + 1
        except csv.Error as error:
            raise FileProblem(
                f"Row {body.line_num} is not well-formed CSV ({error}): nothing was imported"
            ) from None

    return Table(headers, "csv", encoding, rows, dialect)


def _read_xlsx(data: bytes) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise FileProblem(
            "The file is not a valid Excel workbook. Open it in Excel, save it as .xlsx and "
            "upload it again"
        ) from None
    sheet = book.worksheets[0]
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
    if first is None:
        raise FileProblem("The file is empty")
    headers = _headers(first)

    def rows():
        for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            yield number, list(cells)

    return Table(headers, "xlsx", "", rows)


def cell_text(value) -> str:
    """A cell as text: whole numbers without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
