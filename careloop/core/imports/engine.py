"""The import engine: match columns, preview, check every row, then write all or nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from careloop.core import derived
from careloop.core.imports.base import Importer, get_importer
from careloop.core.imports.parsing import CellError
from careloop.core.imports.reading import FileProblem, Table, cell_text, check_file, read_table
from careloop.core.models import ImportJob, ImportMapping

log = logging.getLogger("careloop.imports")
MAX_STORED_ERRORS = 1000
PROGRESS_EVERY = 2000


# --- Columns ------------------------------------------------------------------------------------
def suggest_mapping(importer: Importer, headers: list[str], saved: dict | None = None) -> dict:
    """field name -> column header: the saved mapping where its columns are in the file,
    otherwise the column whose name matches the field (or one of its usual names)."""
    mapping = {}
    for f in importer.fields:
        chosen = (saved or {}).get(f.name)
        if chosen in headers:
            mapping[f.name] = chosen
            continue
        match = next((h for h in headers if f.matches(h)), None)
        if match:
            mapping[f.name] = match
    return mapping


def missing_required(importer: Importer, mapping: dict, headers: list[str]) -> list[str]:
    """Labels of required fields with no column in this file."""
    return [f.label for f in importer.required if mapping.get(f.name) not in headers]


def missing_message(missing: list[str]) -> str:
    return "The file has no column for: " + ", ".join(missing)


# --- Rows ---------------------------------------------------------------------------------------
@dataclass
class Result:
    total: int = 0
    ok: list[dict] = field(default_factory=list)
    skipped: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row: int, column: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append((row, column, reason))


def _values(cells: list, index: dict[str, int]) -> dict:
    out = {}
    for name, i in index.items():
        value = cells[i] if i < len(cells) else None
        out[name] = "" if value is None else value  # as written: importers decide on spaces
    return out


def check_rows(
    importer: Importer,
    table: Table,
    mapping: dict,
    job,
    context,
    *,
    keep: bool = True,
    progress: Callable[[int], None] | None = None,
    limit: int | None = None,
) -> Result:
    """Check every row; keep the cleaned rows (while none has failed) for writing."""
    index = {name: table.headers.index(col) for name, col in mapping.items() if col}
    columns = {name: mapping[name] for name in index}
    labels = {f.name: f.label for f in importer.fields}
    result = Result()
    seen: dict[str, int] = {}
    pending: list[tuple[int, dict]] = []

    def flush():
        keys = [row[importer.key] for _, row in pending]
        existing = importer.existing(keys, job, context) if keys else set()
        for _, row in pending:
            if row[importer.key] in existing:
                result.skipped += 1
            elif keep and not result.error_count:
                result.ok.append(row)
        pending.clear()

    for number, cells in table.rows():
        if not any(cell_text(c) for c in cells):
            continue  # blank line
        result.total += 1
        if swallowed := table.swallowed_row(cells):
            at, reason = swallowed
            header = table.headers[at] if at < len(table.headers) else ""
            result.add_error(number, header or "(row)", reason)
            continue
        values = _values(cells, index)
        problems = [
            (f.name, "is empty") for f in importer.required if cell_text(values.get(f.name)) == ""
        ]
        row: dict[str, Any] = {}
        if not problems:
            try:
                row, problems = importer.clean_row(values, context)
            except CellError as error:  # an importer may raise for the whole row
                problems = [("", str(error))]
        key = cell_text(row.get(importer.key, "")) if not problems else ""
        if key:
            if key in seen:
                problems.append((importer.key, f"appears twice in the file (also row {seen[key]})"))
            else:
                seen[key] = number
        for name, reason in problems:
            column = columns.get(name) or labels.get(name, name) or "(row)"
            result.add_error(number, column, reason)
        if not problems:
            row[importer.key] = key
            pending.append((number, row))
            if len(pending) >= importer.batch_size:
                flush()
        if progress and result.total % PROGRESS_EVERY == 0:
            progress(result.total)
        if limit and result.total >= limit:
            break
    flush()
    return result


def preview(importer: Importer, table: Table, mapping: dict, rows: int = 10) -> list[list[str]]:
    """The first rows as the importer will see them: one list of cell texts per row."""
    index = {name: table.headers.index(col) for name, col in mapping.items() if col}
    out = []
    for _, cells in table.rows():
        if not any(cell_text(c) for c in cells):
            continue
        values = _values(cells, index)
        out.append([cell_text(values[f.name]) for f in importer.fields if f.name in index])
        if len(out) >= rows:
            break
    return out


# --- A whole job ----------------------------------------------------------------------------------
def _update(job, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    type(job).objects.filter(pk=job.pk).update(**fields)


def _finish(job, status: str, message: str, **fields) -> None:
    _update(job, status=status, finished_at=timezone.now(), message=message, **fields)


def count_rows(table: Table) -> int:
    return sum(1 for _, cells in table.rows() if any(cell_text(c) for c in cells))


def run(job) -> None:
    """Check every row of the job's file; if all are good (and it is not a dry run), write
    them in one transaction. Progress and the result are recorded on the job."""
    importer = get_importer(job.importer)
    _update(job, status="checking", started_at=timezone.now(), processed_rows=0, message="")
    try:
        with job.file.open("rb") as handle:
            table = read_table(handle, job.original_name)
        missing = missing_required(importer, job.mapping, table.headers)
        if missing:
            raise FileProblem(missing_message(missing))
        _update(job, total_rows=count_rows(table))
        context = importer.context(job)
        result = check_rows(
            importer,
            table,
            job.mapping,
            job,
            context,
            keep=not job.dry_run,
            progress=lambda n: _update(job, processed_rows=n),
        )
        _update(
            job,
            processed_rows=result.total,
            total_rows=result.total,
            skipped_count=result.skipped,
            error_count=result.error_count,
            errors=[list(e) for e in result.errors],
        )
        if result.error_count:
            _finish(
                job,
                "invalid",
                f"{result.error_count} problem{'s' if result.error_count != 1 else ''} "
                "found. Nothing was imported: correct the file and upload it again.",
            )
            return
        if job.dry_run:
            _finish(
                job,
                "done",
                f"Checked: {result.total - result.skipped} rows can be imported; "
                f"{result.skipped} were imported before. Nothing was written.",
            )
            return
        _update(job, status="writing")
        created = 0
        with transaction.atomic():
            rows = result.ok
            for start in range(0, len(rows), importer.batch_size):
                created += importer.write(rows[start : start + importer.batch_size], job, context)
            derived.changed(*importer.writes)  # one rebuild for the whole file, after commit
        _finish(
            job,
            "done",
            f"Imported {created} row{'s' if created != 1 else ''}; "
            f"{result.skipped} already imported were skipped.",
            created_count=created,
        )
        job.file.delete(save=False)
        type(job).objects.filter(pk=job.pk).update(file="")
    except FileProblem as problem:
        _finish(job, "failed", str(problem))
    except Exception:
        log.exception("import job %s failed", job.pk)
        _finish(
            job,
            "failed",
            "Something went wrong and nothing was imported. The technical team have "
            "been told; try again later.",
        )
        raise


def create_job(*, importer: Importer, upload, source: str, user, dry_run: bool = False):
    """Store an uploaded file as a new job, after checking it can be read at all."""
    check_file(upload.name, upload.size)
    table = read_table(upload, upload.name)
    upload.seek(0)
    saved = ImportMapping.objects.filter(importer=importer.name, source=source).first()
    job = ImportJob(
        importer=importer.name,
        source=source,
        original_name=upload.name[-200:],
        headers=table.headers,
        mapping=suggest_mapping(importer, table.headers, saved.mapping if saved else None),
        options=saved.options if saved else {},
        dry_run=dry_run,
        created_by=user if getattr(user, "pk", None) else None,
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    return job


def save_mapping(*, job, mapping: dict, options: dict) -> None:
    """Keep the column matching for the next file from the same source."""
    job.mapping, job.options = mapping, options
    job.save(update_fields=["mapping", "options"])
    record, _ = ImportMapping.objects.get_or_create(importer=job.importer, source=job.source)
    if record.mapping != mapping or record.options != options:
        record.mapping, record.options = mapping, options
        record.save()
