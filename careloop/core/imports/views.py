"""Pages of the import machinery, shared by every area's importers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import jobs, web
from careloop.core.exports import Column, export_response
from careloop.core.imports import engine
from careloop.core.imports.base import get_importer
from careloop.core.imports.forms import MappingForm, UploadForm
from careloop.core.imports.reading import FileProblem, read_table
from careloop.core.imports.tasks import TASK
from careloop.core.models import ImportJob, ImportMapping
from careloop.core.permissions import can
from careloop.core.views import paginate


def _importer(request, name: str):
    importer = get_importer(name)
    if not can(request.user, importer.permission):
        raise PermissionDenied
    return importer


def _job(request, pk: int) -> tuple:
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    return _importer(request, job.importer), job


def _crumbs(importer, *, index: bool = True):
    crumbs = []
    if importer.back_url_name:
        crumbs.append((importer.label, reverse(importer.back_url_name)))
    if index:
        crumbs.append(
            (f"Import {importer.label.lower()}", reverse("core:import_index", args=[importer.name]))
        )
    return crumbs


def import_index(request, importer: str):
    imp = _importer(request, importer)
    jobs = ImportJob.objects.filter(importer=imp.name).select_related("created_by")
    return render(
        request,
        "imports/index.html",
        {
            "title": f"Import {imp.label.lower()}",
            "importer": imp,
            "sources": ImportMapping.objects.filter(importer=imp.name),
            "breadcrumbs": _crumbs(imp, index=False),
            **paginate(request, jobs, per_page=20),
        },
    )


def import_new(request, importer: str):
    imp = _importer(request, importer)
    sources = ImportMapping.objects.filter(importer=imp.name).values_list("source", flat=True)
    form = UploadForm(request.POST or None, request.FILES or None, sources=sources)
    if request.method == "POST" and form.is_valid():
        try:
            job = engine.create_job(
                importer=imp,
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"].strip(),
                user=request.user,
            )
        except FileProblem as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("core:import_mapping", pk=job.pk)
    return render(
        request,
        "imports/new.html",
        {
            "title": f"Upload a file of {imp.label.lower()}",
            "importer": imp,
            "form": form,
            "breadcrumbs": _crumbs(imp),
        },
    )


def import_mapping(request, pk: int):
    imp, job = _job(request, pk)
    if job.status not in ("uploaded", "invalid", "failed", "done") or not job.file:
        return redirect(job)
    form = MappingForm(
        request.POST or None,
        importer=imp,
        headers=job.headers,
        mapping=job.mapping,
        options=job.options,
    )
    if request.method == "POST" and form.is_valid():
        engine.save_mapping(job=job, mapping=form.mapping(), options=form.options())
        if request.POST.get("action") == "preview":
            return redirect("core:import_mapping", pk=job.pk)
        job.dry_run = request.POST.get("action") == "check"
        job.status = ImportJob.Status.QUEUED
        job.created_count = job.skipped_count = job.error_count = job.processed_rows = 0
        job.errors = []
        job.finished_at = None
        job.save()
        jobs.enqueue(job, TASK, {"job_id": job.pk}, at_commit=False)
        return redirect(job)
    try:
        with job.file.open("rb") as handle:
            table = read_table(handle, job.original_name)
        shown = form.mapping() if form.is_bound else job.mapping
        rows = engine.preview(imp, table, shown)
    except FileProblem as problem:
        rows, shown = [], {}
        messages.error(request, str(problem))
    return render(
        request,
        "imports/mapping.html",
        {
            "title": "Match the columns",
            "importer": imp,
            "job": job,
            "form": form,
            "column_fields": [form[f"col_{f.name}"] for f in imp.fields],
            "option_fields": [form[n] for n in form.fields if n.startswith("opt_")],
            "preview_headers": [f.label for f in imp.fields if f.name in shown],
            "preview_rows": rows,
            "breadcrumbs": _crumbs(imp),
        },
    )


def import_show(request, pk: int):
    imp, job = _job(request, pk)
    job = jobs.check(job)  # a job whose worker died is retried or failed, never left running
    context = {
        "title": f"Import of {job.original_name}",
        "importer": imp,
        "job": job,
        "errors": job.errors[:200],
        "breadcrumbs": _crumbs(imp),
    }
    if request.htmx:
        return render(request, "imports/_progress.html", context)
    return render(request, "imports/show.html", context)


@require_POST
def import_retry(request, pk: int):
    """Queue a failed import again (its file is kept until it is imported)."""
    imp, job = _job(request, pk)
    web.act(request, lambda: jobs.retry(job), success="The import will be tried again")
    return redirect(job)


def import_errors(request, pk: int):
    imp, job = _job(request, pk)
    return export_response(
        queryset=job.errors,
        columns=[
            Column("Row", lambda e: e[0]),
            Column("Column", lambda e: e[1]),
            Column("Problem", lambda e: e[2]),
        ],
        filename=f"import-{job.pk}-problems",
        fmt="csv",
        description=f"Problems found in {job.original_name}",
    )
