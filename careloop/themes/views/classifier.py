"""The classifier: every version with its evaluation, training, choosing the version in use,
and bulk reclassification with progress."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.core.services import ServiceError
from careloop.themes import selectors
from careloop.themes.forms import ActivateForm, ReclassifyForm, TrainForm
from careloop.themes.models import ClassificationRun, ModelVersion, Theme
from careloop.themes.services import classify, training
from careloop.themes.views.common import crumbs

CLASSIFIER = ("Classifier", "/themes/classifier/")


@require("themes.view")
def models(request):
    return render(
        request,
        "themes/models.html",
        {
            "title": "Theme classifier",
            "versions": ModelVersion.objects.select_related("requested_by", "activated_by"),
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
    names = {t.key: t for t in Theme.objects.all()}
    per_theme = sorted(
        (
            (names.get(key), key, scores)
            for key, scores in (version.evaluation.get("per_theme") or {}).items()
        ),
        key=lambda item: (-item[2].get("support", 0), item[1]),
    )
    current = ModelVersion.active()
    return render(
        request,
        "themes/model_show.html",
        {
            "title": str(version),
            "version": version,
            "per_theme": per_theme,
            "current": current,
            "refusal": training.gate(version, current) if not version.is_active else "",
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
    try:
        run = training.train_start(user=request.user, note=note)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("themes:models")
    messages.success(request, "Training has started: this page shows its progress")
    return redirect("themes:run", pk=run.pk)


@require("themes.manage_models")
def model_activate(request, pk: int):
    version = get_object_or_404(ModelVersion, pk=pk)
    form = ActivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training.model_activate(
                version=version, user=request.user, override_reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, f"{version} is now in use")
            return redirect("themes:model_show", pk=version.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "title": f"Put {version} in use",
            "intro": training.gate(version, ModelVersion.active())
            or "New feedback will be classified with this version.",
            "form": form,
            "submit": "Put in use",
            "cancel_url": reverse("themes:model_show", args=[version.pk]),
            "breadcrumbs": crumbs(
                CLASSIFIER, (str(version), reverse("themes:model_show", args=[version.pk]))
            ),
        },
    )


@require_POST
@require("themes.manage_models")
def reclassify(request):
    form = ReclassifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which feedback to reclassify")
        return redirect("themes:models")
    try:
        run = classify.reclassify_start(user=request.user, scope=form.cleaned_data["scope"])
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("themes:models")
    messages.success(request, "Reclassification has started: this page shows its progress")
    return redirect("themes:run", pk=run.pk)


@require("themes.view")
def run(request, pk: int):
    job = get_object_or_404(ClassificationRun.objects.select_related("model_version"), pk=pk)
    template = "themes/_run.html" if request.htmx else "themes/run.html"
    return render(
        request,
        template,
        {"title": job.get_kind_display(), "run": job, "breadcrumbs": crumbs(CLASSIFIER)},
    )
