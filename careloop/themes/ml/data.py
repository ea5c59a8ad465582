"""Reading and checking labelled CSV files (``text``, ``labels`` split by ``|``, ``sentiment``).

Every cell is read as a string: "None" and "N/A" are real comments, never missing values.
Problems come back as a structured report (row, column, reason) instead of an exception.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

LABEL_SEPARATOR = "|"
MIN_EXAMPLES = 2


@dataclass(frozen=True)
class Problem:
    """One problem; ``row`` is the spreadsheet row (the header is row 1), None for the file."""

    row: int | None
    column: str | None
    reason: str
    severity: str = "error"  # "error" stops training; "warning" does not


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_used: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "problems": [asdict(p) for p in self.problems],
        }

    def __str__(self) -> str:
        lines = [f"{self.rows_used} of {self.rows_read} rows usable"]
        for p in self.problems:
            where = f"row {p.row}" if p.row is not None else "file"
            col = f", column {p.column}" if p.column else ""
            lines.append(f"{p.severity}: {where}{col}: {p.reason}")
        return "\n".join(lines)


class DataError(ValueError):
    """A labelled file that cannot be used; ``report`` says why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(str(report))
        self.report = report


@dataclass
class LabelledData:
    texts: list[str] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)
    sentiments: list[int | None] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def themes(self) -> list[str]:
        return sorted({name for row in self.labels for name in row})


def parse_labels(cell: str) -> list[str]:
    """Split ``"A|B"`` into names, trimming blanks and repeats, keeping order."""
    names = [part.strip() for part in cell.split(LABEL_SEPARATOR)]
    return list(dict.fromkeys(n for n in names if n))


def parse_sentiment(cell: str) -> int | None:
    """1–5 (``"2"`` or ``"2.0"``); empty is None; anything else raises ValueError."""
    text = cell.strip()
    if not text:
        return None
    value = float(text)
    if value != int(value) or not 1 <= value <= 5:
        raise ValueError(text)
    return int(value)


def _rows(
    source: str | Path | io.TextIOBase, report: ValidationReport
) -> tuple[list[str], list[dict[str, str]]]:
    try:
        if isinstance(source, str | Path):
            with open(source, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                return list(reader.fieldnames or []), list(reader)
        reader = csv.DictReader(source)
        return list(reader.fieldnames or []), list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        report.problems.append(Problem(None, None, f"cannot read the file: {exc}"))
        return [], []


def read_labelled(
    source: str | Path | io.TextIOBase,
    themes: list[str] | None = None,
    require_labels: bool = True,
    min_examples: int = MIN_EXAMPLES,
) -> tuple[LabelledData, ValidationReport]:
    """Read a labelled CSV; rows with errors are left out of the data and listed in the report.

    ``themes`` (a framework's names) makes unknown theme names errors. A theme with fewer than
    ``min_examples`` examples is a warning: it cannot be learned from the file alone.
    """
    report = ValidationReport()
    data = LabelledData()
    header, rows = _rows(source, report)
    columns = [c.strip().lower() for c in header]
    required = ["text", "labels"] if require_labels else ["text"]
    missing = [c for c in required if c not in columns]
    for name in missing:
        report.problems.append(Problem(None, name, f"missing column '{name}'"))
    report.rows_read = len(rows)
    if missing:
        return data, report
    key = dict(zip(columns, header, strict=True))
    known = set(themes) if themes is not None else None
    for number, raw in enumerate(rows, start=2):
        row = {c: (raw.get(key[c]) or "") for c in columns}
        text = row["text"]
        names = parse_labels(row.get("labels", ""))
        bad = False
        if require_labels and not names:
            report.problems.append(Problem(number, "labels", "no theme given"))
            bad = True
        for name in names:
            if known is not None and name not in known:
                report.problems.append(Problem(number, "labels", f"unknown theme '{name}'"))
                bad = True
        sentiment = None
        try:
            sentiment = parse_sentiment(row.get("sentiment", ""))
        except ValueError:
            reason = f"sentiment must be a whole number from 1 to 5, not '{row['sentiment']}'"
            severity = "error" if require_labels else "warning"
            report.problems.append(Problem(number, "sentiment", reason, severity))
            bad = require_labels
        if not text.strip():
            report.problems.append(Problem(number, "text", "empty text", "warning"))
        if bad:
            continue
        data.texts.append(text)
        data.labels.append(names)
        data.sentiments.append(sentiment)
        data.ids.append(row.get("id", "") or str(number))
    report.rows_used = len(data)
    if require_labels:
        counts = Counter(name for names in data.labels for name in names)
        for name in sorted(counts):
            if counts[name] < min_examples:
                reason = (
                    f"theme '{name}' has {counts[name]} example(s); at least "
                    f"{min_examples} are needed to learn it"
                )
                report.problems.append(Problem(None, "labels", reason, "warning"))
    return data, report


def read_texts(source: str | Path | io.TextIOBase) -> tuple[LabelledData, ValidationReport]:
    """Read a CSV to classify: ``text`` is required; ``id``, ``labels``, ``sentiment`` optional."""
    return read_labelled(source, require_labels=False)
