"""The theme framework: categories and themes, their versions, CSV import and export."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import audit, web
from careloop.core.models import AuditEntry
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.themes import selectors, services
from careloop.themes.forms import CategoryForm, ImportForm, RetireForm, ThemeForm
from careloop.themes.models import Category, FrameworkVersion, Theme
from careloop.themes.series import SeriesKey
from careloop.themes.views.common import chart_url, crumbs

FRAMEWORK = ("Framework", "/themes/framework/")


@require("themes.view")
def framework(request):
    return render(
        request,
        "themes/framework.html",
        {
            "title": "Theme framework",
            "categories": selectors.framework_categories(),
            "version": selectors.latest_framework_version(),
            "retired": selectors.retired_themes(),
            "may_edit": can(request.user, "themes.manage_framework"),
            "changed": selectors.framework_changed_since_model(),
            "breadcrumbs": crumbs(),
        },
    )


def _theme_crumb(theme: Theme) -> tuple[str, str]:
    return (theme.name, reverse("themes:theme_show", args=[theme.pk]))


@require("themes.view")
def theme_show(request, pk: int):
    theme = get_object_or_404(Theme.objects.select_related("category"), pk=pk)
    return render(
        request,
        "themes/theme_show.html",
        {
            "title": theme.name,
            "theme": theme,
            "counts": selectors.theme_link_counts(theme)
            if can(request.user, "themes.view_comments")
            else {},
            "chart_url": chart_url(SeriesKey(theme.pk)),
            "may_edit": can(request.user, "themes.manage_framework"),
            "history": history_for(theme),
            "breadcrumbs": crumbs(FRAMEWORK),
        },
    )


@require("themes.manage_framework")
def theme_edit(request, pk: int | None = None):
    theme = get_object_or_404(Theme, pk=pk) if pk else None
    form = ThemeForm(request.POST or None, instance=theme)
    return web.form_view(
        request,
        form,
        lambda data: services.theme_save(form=form, user=request.user, note=data["note"]),
        f"Edit “{theme.name}”" if theme else "Add a theme",
        success=lambda saved: f"Theme “{saved.name}” saved",
        redirect_to=lambda saved: reverse("themes:theme_show", args=[saved.pk]),
        breadcrumbs=crumbs(FRAMEWORK, *([_theme_crumb(theme)] if theme else [])),
        intro="Saving makes a new framework version. Feedback already themed keeps this theme; "
        "a new name shows everywhere, and the old one stays in the version history."
        if theme
        else "",
        cancel_url=_theme_crumb(theme)[1] if theme else reverse("themes:framework"),
    )


@require("themes.manage_framework")
def theme_retire(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk)
    form = RetireForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.theme_retire(theme=theme, user=request.user, note=data["note"]),
        f"Retire “{theme.name}”",
        success=f"Theme “{theme.name}” retired",
        redirect_to=reverse("themes:theme_show", args=[theme.pk]),
        breadcrumbs=crumbs(FRAMEWORK, _theme_crumb(theme)),
        submit="Retire theme",
        cancel_url=_theme_crumb(theme)[1],
    )


@require_POST
@require("themes.manage_framework")
def theme_reinstate(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk)
    web.act(
        request,
        lambda: services.theme_reinstate(theme=theme, user=request.user),
        success=f"Theme “{theme.name}” is in use again",
    )
    return redirect("themes:theme_show", pk=theme.pk)


@require("themes.manage_framework")
def category_edit(request, pk: int | None = None):
    category = get_object_or_404(Category, pk=pk) if pk else None
    form = CategoryForm(request.POST or None, instance=category)
    return web.form_view(
        request,
        form,
        lambda data: services.category_save(form=form, user=request.user),
        f"Edit “{category.name}”" if category else "Add a category",
        success=lambda saved: f"Category “{saved.name}” saved",
        redirect_to="themes:framework",
        breadcrumbs=crumbs(FRAMEWORK),
        cancel_url=reverse("themes:framework"),
    )


@require("themes.manage_framework")
def framework_import(request):
    """Upload a CSV, see what it would change, then apply it (or see every bad row)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    plan = None
    if (
        request.method == "POST"
        and request.POST.get("confirm")
        and "pending_framework" in request.session
    ):
        data = request.session.pop("pending_framework")
        plan = services.framework_import(
            data=data["csv"],
            user=request.user,
            note=data["note"],
            retire_missing=data["retire_missing"],
        )
        if not plan.errors:
            n = len(plan.changes)
            messages.success(
                request,
                f"Framework imported: {n} change{'s' if n != 1 else ''}"
                if n
                else "The file matches the framework: nothing changed",
            )
            return redirect("themes:framework")
    elif request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file is not UTF-8 text: save it as CSV UTF-8")
        else:
            plan = services.plan_import(text, retire_missing=form.cleaned_data["retire_missing"])
            if not plan.errors:
                request.session["pending_framework"] = {
                    "csv": text,
                    "note": form.cleaned_data["note"],
                    "retire_missing": form.cleaned_data["retire_missing"],
                }
    return render(
        request,
        "themes/framework_import.html",
        {
            "title": "Import a theme framework",
            "form": form if form.is_bound else None,
            "import_form": form,
            "plan": plan,
            "breadcrumbs": crumbs(FRAMEWORK),
        },
    )


@require("themes.view")
def framework_export(request):
    include_retired = request.GET.get("retired") == "1"
    audit.record(
        AuditEntry.Action.EXPORT,
        object_repr="Theme framework (CSV)",
        changes={"format": "csv", "retired": include_retired},
    )
    response = HttpResponse(
        "\ufeff" + services.framework_csv(include_retired=include_retired),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="theme-framework.csv"'
    return response


@require("themes.view")
def versions(request):
    return render(
        request,
        "themes/versions.html",
        {
            "title": "Framework versions",
            "versions": selectors.framework_versions(),
            "breadcrumbs": crumbs(FRAMEWORK),
        },
    )


@require("themes.view")
def version_show(request, number: int):
    version = get_object_or_404(
        FrameworkVersion.objects.select_related("created_by"), number=number
    )
    return render(
        request,
        "themes/version_show.html",
        {
            "title": f"Framework version {version.number}",
            "version": version,
            "breadcrumbs": crumbs(FRAMEWORK, ("Versions", reverse("themes:versions"))),
        },
    )
