"""The CQC framework as data: read by everyone, edited and versioned by administrators."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.assurance import selectors, services
from careloop.assurance.forms import FrameworkCopyForm, QualityStatementForm, ScoreLevelForm
from careloop.assurance.models import FrameworkVersion, QualityStatement, ScoreLevel
from careloop.assurance.views.common import crumbs, posted
from careloop.core import web
from careloop.core.permissions import require
from careloop.core.selectors import history_for


def _crumbs(*extra):
    return crumbs(("CQC framework", reverse("assurance:framework_index")), *extra)


@require("assurance.view")
def index(request):
    return redirect(selectors.current_framework())


@require("assurance.view")
def show(request, pk: int):
    selectors.current_framework()
    framework = get_object_or_404(FrameworkVersion, pk=pk)
    return render(
        request,
        "assurance/framework_show.html",
        {
            "title": "CQC assessment framework",
            "framework": framework,
            "themes": framework.themes.prefetch_related("statements"),
            "levels": framework.score_levels.all(),
            "categories": framework.categories.all(),
            "versions": FrameworkVersion.objects.all(),
            "history": history_for(framework),
            "breadcrumbs": crumbs(),
        },
    )


def _edit(request, record, form_class, title):
    framework = record.framework
    form = form_class(posted(request), instance=record)
    return web.form_view(
        request,
        form,
        lambda data: services.framework_record_save(form=form),
        f"Edit {title}",
        success=f"{title} saved in {framework.version}",
        redirect_to=framework,
        record=record,
        framework=framework,
        history=history_for(record),
        breadcrumbs=_crumbs((framework.version, framework.get_absolute_url())),
        template="assurance/framework_edit.html",
    )


@require("assurance.framework")
def statement_edit(request, pk: int):
    statement = get_object_or_404(QualityStatement.objects.select_related("framework"), pk=pk)
    return _edit(request, statement, QualityStatementForm, statement.name)


@require("assurance.framework")
def score_edit(request, pk: int):
    level = get_object_or_404(ScoreLevel.objects.select_related("framework"), pk=pk)
    return _edit(request, level, ScoreLevelForm, f"score {level.score}")


@require("assurance.framework")
def copy(request, pk: int):
    source = get_object_or_404(FrameworkVersion, pk=pk)
    form = FrameworkCopyForm(posted(request), initial={"name": source.name})
    return web.form_view(
        request,
        form,
        lambda data: services.framework_copy(source=source, **data),
        f"Copy {source.version} to a new version",
        success=lambda version: f"{version.version} made. It is not current until you say so",
        breadcrumbs=_crumbs((source.version, source.get_absolute_url())),
        submit="Make the copy",
        intro="Self-assessments keep the version they were started with. New self-assessments "
        "use the current version.",
        cancel_url=source.get_absolute_url(),
    )


@require_POST
@require("assurance.framework")
def make_current(request, pk: int):
    framework = get_object_or_404(FrameworkVersion, pk=pk)
    services.framework_make_current(framework=framework)
    messages.success(request, f"{framework.version} is now the current framework")
    return redirect(framework)
