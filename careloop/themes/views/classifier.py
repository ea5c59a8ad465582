"""The classifier: every version with its evaluation, training, choosing the version in use,
and bulk reclassification with progress."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import jobs, web
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.themes import selectors, services
from careloop.themes.forms import ActivateForm, ReclassifyForm, TrainForm
from careloop.themes.models import ClassificationRun, ModelVersion
from careloop.themes.views.common import crumbs

CLASSIFIER = ("Classifier", "/themes/classifier/")


@require("themes.view")
def models(request):
    return render(
        request,
        "themes/models.html",
        {
            "title": "Theme classifier",
            "versions": selectors.model_versions(),
            "active": ModelVersion.active(),
            "progress": selectors.review_progress(),
            "runs": selectors.latest_runs(),
            "changed": selectors.framework_changed_since_model(),
            "may_manage": can(request.user, "themes.manage_models"),
            "train_form": TrainForm(),
            "reclassify_form": ReclassifyForm(),
            "breadcrumbs": crumbs(),
        },
    )


@require("themes.view")
def model_show(request, pk: int):
    version = get_object_or_404(ModelVersion, pk=pk)
    current = ModelVersion.active()
    return render(
        request,
        "themes/model_show.html",
        {
            "title": str(version),
            "version": version,
            "per_theme": selectors.per_theme_scores(version),
            "current": current,
            "refusal": services.gate(version, current) if not version.is_active else "",
            "may_manage": can(request.user, "themes.manage_models"),
            "activate_form": ActivateForm(),
            "history": history_for(version),
            "breadcrumbs": crumbs(CLASSIFIER),
        },
    )


@require_POST
@require("themes.manage_models")
def model_train(request):
    form = TrainForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run = web.act(
        request,
        lambda: services.train_start(user=request.user, note=note),
        success="Training has started: this page shows its progress",
    )
    return redirect("themes:run", pk=run.pk) if run else redirect("themes:models")


@require("themes.manage_models")
def model_activate(request, pk: int):
    version = get_object_or_404(ModelVersion, pk=pk)
    form = ActivateForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.model_activate(
            version=version, user=request.user, override_reason=data["reason"]
        ),
        success=f"{version} is now in use",
    ):
        return redirect("themes:model_show", pk=version.pk)
    version_url = reverse("themes:model_show", args=[version.pk])
    return web.form_page(
        request,
        form,
        f"Put {version} in use",
        breadcrumbs=crumbs(CLASSIFIER, (str(version), version_url)),
        submit="Put in use",
        intro=services.gate(version, ModelVersion.active())
        or "New feedback will be classified with this version.",
        cancel_url=version_url,
    )


@require_POST
@require("themes.manage_models")
def reclassify(request):
    form = ReclassifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which feedback to reclassify")
        return redirect("themes:models")
    run = web.act(
        request,
        lambda: services.reclassify_start(user=request.user, scope=form.cleaned_data["scope"]),
        success="Reclassification has started: this page shows its progress",
    )
    return redirect("themes:run", pk=run.pk) if run else redirect("themes:models")


@require("themes.view")
def run(request, pk: int):
    job = get_object_or_404(ClassificationRun.objects.select_related("model_version"), pk=pk)
    job = jobs.check(job)  # a run whose worker died is retried or failed, never left running
    template = "themes/_run.html" if request.htmx else "themes/run.html"
    return render(
        request,
        template,
        {
            "title": job.get_kind_display(),
            "run": job,
            "may_retry": job.status == ClassificationRun.Status.FAILED
            and bool(job.task_name)
            and can(request.user, "themes.manage_models"),
            "breadcrumbs": crumbs(CLASSIFIER),
        },
    )


@require_POST
@require("themes.manage_models")
def run_retry(request, pk: int):
    job = get_object_or_404(ClassificationRun, pk=pk)
    web.act(request, lambda: services.run_retry(run=job), success="It will be tried again")
    return redirect("themes:run", pk=job.pk)
