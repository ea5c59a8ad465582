"""Labelled CSV files for the command line: read, check and report, row by row.

Columns: `text`, `labels` (theme names separated by `|`), optional `sentiment` (1-5; "2.0"
is read as 2). Values such as "None" or "N/A" are real answers, never missing values.
Problems are reported with the row (the header is row 1) and what to do; rows that cannot
be used are left out and said so, and a file that cannot be used at all is refused.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from careloop.themes.classification import Example

csv.field_size_limit(10 * 1024 * 1024)  # very long comments are real: never refuse them


class LabelledFileError(ValueError):
    """The file cannot be used at all; the message says why."""


@dataclass
class Report:
    examples: list[Example] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the file row of each example
    empty_labels: list[int] = field(default_factory=list)
    empty_text: list[int] = field(default_factory=list)
    bad_sentiment: list[tuple[int, str]] = field(default_factory=list)
    unknown: dict[str, list[int]] = field(default_factory=dict)  # theme -> rows
    has_sentiment: bool = False

    @property
    def theme_counts(self) -> Counter:
        return Counter(label for e in self.examples for label in e.labels)

    def rare(self, minimum: int = 2) -> dict[str, int]:
        return {t: n for t, n in sorted(self.theme_counts.items()) if n < minimum}

    def warnings(self, *, minimum: int = 2) -> list[str]:
        out = []
        if self.empty_labels:
            out.append(
                f"{_rows(self.empty_labels)} no labels, so "
                f"{'it was' if len(self.empty_labels) == 1 else 'they were'} left out. Give "
                "each row at least one theme (the NHS framework uses “Labelling not possible” "
                "for comments with no theme)."
            )
        if self.empty_text:
            out.append(f"{_rows(self.empty_text)} no text, so left out.")
        for row, value in self.bad_sentiment[:20]:
            out.append(
                f"Row {row}: sentiment “{value}” is not 1 to 5, so that row's sentiment was "
                "not used."
            )
        if len(self.bad_sentiment) > 20:
            out.append(f"… and {len(self.bad_sentiment) - 20} more rows with a bad sentiment.")
        for theme, n in self.rare(minimum).items():
            out.append(
                f"Theme “{theme}” has only {n} example{'s' if n != 1 else ''}: at least "
                f"{minimum} are needed to learn and check a theme, so its results are not "
                "reliable. Add examples, or merge it into a related theme."
            )
        for theme, rows in sorted(self.unknown.items()):
            out.append(
                f"Theme “{theme}” ({_rows(rows, verb=False)}) is not one the model knows: it "
                "was trained without it, so it can never be suggested and scores 0."
            )
        return out


def _rows(rows: list[int], verb: bool = True) -> str:
    shown = ", ".join(str(r) for r in rows[:10]) + (
        f" and {len(rows) - 10} more" if len(rows) > 10 else ""
    )
    word = "Row" if len(rows) == 1 else "Rows"
    return f"{word} {shown}" + (" has" if verb and len(rows) == 1 else " have" if verb else "")


def _open(path: Path) -> list[dict]:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LabelledFileError(f"Cannot read {path}: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LabelledFileError(f"{path} is not UTF-8 text: save it as CSV UTF-8") from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        reader.fieldnames = [(h or "").strip().lower() for h in reader.fieldnames or []]
        return [row for row in reader]
    except csv.Error as error:
        raise LabelledFileError(f"{path} is not valid CSV: {error}") from None


def read_texts(path: Path) -> tuple[list[str], list[dict]]:
    """The `text` column of a file to classify, with every row as read."""
    rows = _open(path)
    if rows and "text" not in rows[0]:
        raise LabelledFileError(f"{path} needs a “text” column")
    if not rows:
        raise LabelledFileError(f"{path} has no rows to classify")
    return [row.get("text") or "" for row in rows], rows


def read_labelled(path: Path, *, known: set[str] | None = None) -> Report:
    """Examples from a labelled file. With `known` (the model's themes), themes outside it
    are reported as unknown."""
    rows = _open(path)
    if not rows:
        raise LabelledFileError(f"{path} has no rows")
    missing = [c for c in ("text", "labels") if c not in rows[0]]
    if missing:
        raise LabelledFileError(
            f"{path} needs the columns text and labels; missing: {', '.join(missing)}"
        )
    report = Report(has_sentiment="sentiment" in rows[0])
    for number, row in enumerate(rows, start=2):
        text = row.get("text") or ""
        labels = tuple(dict.fromkeys(part.strip() for part in (row.get("labels") or "").split("|")))
        labels = tuple(label for label in labels if label)
        if not text.strip():
            report.empty_text.append(number)
            continue
        if not labels:
            report.empty_labels.append(number)
            continue
        sentiment = None
        raw = (row.get("sentiment") or "").strip()
        if raw:
            try:
                value = float(raw)
                if value != int(value) or not 1 <= value <= 5:
                    raise ValueError
                sentiment = int(value)
            except ValueError:
                report.bad_sentiment.append((number, raw))
        if known is not None:
            for label in labels:
                if label not in known:
                    report.unknown.setdefault(label, []).append(number)
        report.examples.append(Example(text=text, labels=labels, sentiment=sentiment))
        report.rows.append(number)
    if not report.examples:
        raise LabelledFileError(
            f"{path} has no usable rows: every row needs some text and at least one label"
        )
    return report
