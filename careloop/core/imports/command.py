"""Running an importer from the command line (each area's command is a thin wrapper)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError

from careloop.core import audit
from careloop.core.imports import engine
from careloop.core.imports.base import Importer
from careloop.core.imports.reading import FileProblem, read_table
from careloop.core.models import ImportJob, ImportMapping, User


def run_file(
    *,
    importer: Importer,
    path: str,
    source: str,
    dry_run: bool,
    user_email: str = "",
    options: dict | None = None,
    out=None,
) -> ImportJob:
    """Import one file in the foreground, with the saved (or suggested) column matching.
    Prints progress and every problem; raises CommandError when nothing was imported."""
    out = out or sys.stdout
    file = Path(path)
    if not file.exists():
        raise CommandError(f"No such file: {path}")
    user = None
    if user_email:
        user = User.objects.filter(email__iexact=user_email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the email address {user_email}")
    try:
        with file.open("rb") as handle:
            table = read_table(handle, file.name)
    except FileProblem as problem:
        raise CommandError(str(problem)) from None
    saved = ImportMapping.objects.filter(importer=importer.name, source=source).first()
    mapping = engine.suggest_mapping(importer, table.headers, saved.mapping if saved else None)
    missing = engine.missing_required(importer, mapping, table.headers)
    if missing:
        raise CommandError(
            engine.missing_message(missing)
            + ". Rename the columns, or match them once on the import page for this source."
        )
    job = ImportJob(
        importer=importer.name,
        source=source,
        original_name=file.name[-200:],
        headers=table.headers,
        mapping=mapping,
        options={**(saved.options if saved else {}), **(options or {})},
        dry_run=dry_run,
        created_by=user,
    )
    with file.open("rb") as handle:
        job.file.save(file.name, File(handle), save=False)
    job.save()
    with audit.acting_as(user, "command"):
        engine.run(job)
    job.refresh_from_db()
    for row, column, reason in job.errors:
        out.write(f"row {row}, {column}: {reason}\n")
    if job.error_count > len(job.errors):
        out.write(f"… and {job.error_count - len(job.errors)} more problems\n")
    if job.status != ImportJob.Status.DONE:
        raise CommandError(job.message)
    out.write(job.message + "\n")
    return job
