"""Turning cells into values, with a reason a person understands when it cannot be done."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from careloop.core.imports.reading import cell_text


class CellError(ValueError):
    """The reason a cell cannot be used, shown in the row-by-row report."""


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ T].*)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2,4})$")
# No record careloop keeps is older than this; a year before it is a typing slip (1926, 0226).
EARLIEST = dt.date(1990, 1, 1)
# Dates of things that have happened may be a day ahead (time zones, a late-night export).
FUTURE_TOLERANCE = dt.timedelta(days=1)
LATEST_YEARS = 30  # planned dates (expiry, review) further ahead are a typing slip too


def parse_date(value, *, past: bool = False) -> dt.date | None:
    """A date from Excel, ISO (2026-03-27) or UK order (27/03/2026, 27-3-26, 27 March 2026).

    Empty cells give None. US order (03/27/2026) is refused rather than guessed, and so are
    implausible dates: before 1990, more than 30 years ahead, or (with past=True, for dates
    of things that have happened, like the day feedback was received) after tomorrow."""
    date = _parse_date(value)
    if date is None:
        return None
    today = timezone.localdate()
    shown = cell_text(value)
    if date < EARLIEST:
        raise CellError(f"“{shown}” is before {EARLIEST.year}: check the year")
    if past and date > today + FUTURE_TOLERANCE:
        raise CellError(f"“{shown}” is in the future: check the date")
    if date.year > today.year + LATEST_YEARS:
        raise CellError(f"“{shown}” is more than {LATEST_YEARS} years ahead: check the year")
    return date


def _parse_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).strip().lower()
    try:
        if m := _ISO.match(text):
            year, month, day = (int(g) for g in m.groups())
        elif m := _NUMERIC.match(text):
            day, month, year = (int(g) for g in m.groups())
        elif m := _WORDS.match(text):
            day, year = int(m.group(1)), int(m.group(3))
            named = _MONTHS.get(m.group(2))
            if named is None:
                raise ValueError
            month = named
        else:
            raise ValueError
        if year < 100:
            year += 2000
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            f"“{cell_text(value)}” is not a date (use 27/03/2026 or 2026-03-27)"
        ) from None


def parse_int(value, *, low: int | None = None, high: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    text = cell_text(value)
    try:
        number = int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
    except ValueError:
        raise CellError(f"“{text}” is not a whole number") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError(f"{number} must be between {low} and {high}")
    return number


def parse_bool(value) -> bool:
    text = cell_text(value).lower()
    if text in ("", "0", "no", "n", "false", "f"):
        return False
    if text in ("1", "yes", "y", "true", "t"):
        return True
    raise CellError(f"“{cell_text(value)}” is not yes or no")


def parse_choice(value, choices) -> str:
    """A choice by its stored value or its label, case-insensitively."""
    text = cell_text(value)
    if not text:
        return ""
    lowered = text.lower()
    for stored, label in choices:
        if lowered in (str(stored).lower(), str(label).lower()):
            return stored
    allowed = ", ".join(str(label) for _, label in choices)
    raise CellError(f"“{text}” is not one of: {allowed}")


class RowCheck:
    """One row's cells and the problems found reading them, for an importer's `clean_row`:
    each cell goes through a parser with `take()` (a `CellError` becomes a problem on its
    column) and `clean_row` returns what it built with `check.problems`."""

    def __init__(self, values: dict):
        self.values = values
        self.problems: list[tuple[str, str]] = []

    def problem(self, column: str, reason: str) -> None:
        self.problems.append((column, reason))

    def take(self, column: str, parse, *args, **kwargs):
        """The cell through `parse(cell, *args, **kwargs)`; None when it cannot be read."""
        try:
            return parse(self.values.get(column, ""), *args, **kwargs)
        except CellError as error:
            self.problem(column, str(error))
            return None

    def text(self, column: str, limit: int | None = None) -> str:
        """The cell as text; one longer than `limit` characters is a problem."""
        value = cell_text(self.values.get(column, ""))
        if limit is not None and len(value) > limit:
            self.problem(column, f"is longer than {limit} characters")
            return value[:limit]
        return value
