"""Measures and the impact of actions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.learning import services
from careloop.learning.evaluation import evaluate, measure_series, series_end
from careloop.learning.forms import (
    ImpactForm,
    MeasureForm,
    MeasureImportForm,
    MeasureValueForm,
    ProvidedMeasureForm,
)
from careloop.learning.models import Action, ImpactLink, Measure
from careloop.learning.series import add_months, get_provider
from careloop.learning.services.impact import ImportRefused, RowError
from careloop.stats import SpcResult, xmr, xmr_rate

from .common import act, crumbs

MEASURES_CRUMB = ("Measures", "/learning/measures/")


@require("learning.view")
def measure_index(request):
    measures = Measure.objects.prefetch_related("impacts").order_by("name")
    return render(
        request,
        "learning/measure_index.html",
        {"title": "Measures", "measures": measures, "breadcrumbs": crumbs()},
    )


@require("learning.view")
def measure_show(request, pk: int):
    measure = get_object_or_404(Measure, pk=pk)
    end = series_end(measure)
    series = measure_series(measure, add_months(end, -35), end)
    spc: SpcResult | None = None
    if len(series) >= 2:
        if measure.kind == Measure.Kind.PROPORTION:
            spc = xmr_rate(
                list(series.values),
                list(series.denominators or ()),
                per=100,
                periods=list(series.months),
                direction=measure.direction,
            )
        else:
            spc = xmr(list(series.values), periods=list(series.months), direction=measure.direction)
    links = ImpactLink.objects.filter(
        measure=measure, action__in=Action.objects.visible_to(request.user)
    )
    may_edit = can(request.user, "learning.manage_impact")
    provider = get_provider(measure.provider_key) if measure.provider_key else None
    return render(
        request,
        "learning/measure_show.html",
        {
            "title": measure.name,
            "measure": measure,
            "provider": provider,
            "spc": spc,
            "rows": list(
                zip(
                    series.months,
                    series.values,
                    series.denominators or [None] * len(series),
                    strict=True,
                )
            ),
            "links": links.select_related("action"),
            "value_form": MeasureValueForm() if may_edit and measure.source == "entered" else None,
            "history": history_for(measure),
            "breadcrumbs": crumbs(MEASURES_CRUMB),
        },
    )


@require("learning.manage_impact")
def measure_new(request):
    form = MeasureForm(request.POST or None, prefix="entered")
    provided = ProvidedMeasureForm(request.POST or None, prefix="provided")
    which = request.POST.get("which", "")
    if which == "provided":

        def create(data):
            key, option = provided.provider()
            return services.measure_create(
                user=request.user, provider_key=key, provider_option=option
            )

        measure = web.submit(request, provided, create)
        if measure is not None:
            messages.success(request, f"Measure “{measure}” ready")
            return redirect(measure)
    elif which == "entered":
        measure = web.submit(
            request, form, lambda data: services.measure_create(user=request.user, **data)
        )
        if measure is not None:
            messages.success(
                request, f"Measure “{measure}” created: now enter or import its figures"
            )
            return redirect(measure)
    return render(
        request,
        "learning/measure_new.html",
        {
            "title": "Add a measure",
            "form": form if which == "entered" else None,
            "entered_form": form,
            "provided_form": provided,
            "error_forms": [provided] if which == "provided" else None,
            "breadcrumbs": crumbs(MEASURES_CRUMB),
        },
    )


@require("learning.manage_impact")
def measure_edit(request, pk: int):
    measure = get_object_or_404(Measure, pk=pk)
    form = MeasureForm(request.POST or None, instance=Measure.objects.get(pk=pk))
    if measure.source == Measure.Source.PROVIDED:
        del form.fields["kind"]
    return web.form_view(
        request,
        form,
        lambda data: services.measure_update(measure=measure, **data),
        f"Edit {measure}",
        success="Measure saved",
        redirect_to=measure,
        breadcrumbs=crumbs(MEASURES_CRUMB, (measure.name, measure.get_absolute_url())),
        cancel_url=measure.get_absolute_url(),
    )


@require_POST
@require("learning.manage_impact")
def measure_value(request, pk: int):
    measure = get_object_or_404(Measure, pk=pk)
    form = MeasureValueForm(request.POST)
    return web.form_view(
        request,
        form,
        lambda data: services.measure_set_value(
            measure=measure, month=data["month"], value=data["value"], denominator=data["total"]
        ),
        f"Enter a month's figure for {measure}",
        success=lambda point: f"{form.cleaned_data['month']:%B %Y} saved",
        redirect_to=measure.get_absolute_url() + "#figures",
        breadcrumbs=crumbs(MEASURES_CRUMB, (measure.name, measure.get_absolute_url())),
        cancel_url=measure.get_absolute_url(),
    )


@require("learning.manage_impact")
def measure_import(request, pk: int):
    measure = get_object_or_404(Measure, pk=pk)
    form = MeasureImportForm(request.POST or None, request.FILES or None)
    row_errors: list[RowError] = []

    def run(data):
        try:
            return services.measure_import(measure=measure, **data)
        except ImportRefused as refused:  # its rows are listed; refused on the form too
            row_errors.extend(refused.rows)
            raise

    count = web.submit(request, form, run)
    if count is not None:
        if form.cleaned_data["dry_run"]:
            messages.success(request, f"The file is good: {count} months would be imported")
            return redirect(reverse("learning:measure_import", args=[pk]))
        messages.success(request, f"{count} months imported")
        return redirect(measure.get_absolute_url() + "#figures")
    return render(
        request,
        "learning/measure_import.html",
        {
            "title": f"Import figures for {measure}",
            "measure": measure,
            "form": form,
            "row_errors": row_errors,
            "breadcrumbs": crumbs(MEASURES_CRUMB, (measure.name, measure.get_absolute_url())),
        },
    )


def _action_for_impact(request, pk):
    action = get_visible_or_404(request.user, Action.objects.all(), pk=pk)
    return action


@require("learning.manage_impact")
def impact_new(request, pk: int):
    action = _action_for_impact(request, pk)
    form = ImpactForm(request.POST or None, initial={"effect_on": action.completed_on})
    return web.form_view(
        request,
        form,
        lambda data: services.impact_link(action=action, user=request.user, **data),
        f"Measure the impact of {action.reference}",
        success=lambda link: f"{action.reference} is now measured against “{link.measure}”",
        action=action,
        breadcrumbs=crumbs(
            ("Actions", reverse("learning:action_index")),
            (action.reference, action.get_absolute_url()),
        ),
        cancel_url=action.get_absolute_url(),
        template="learning/impact_form.html",
    )


def _link(request, pk):
    link = get_object_or_404(ImpactLink.objects.select_related("action", "measure"), pk=pk)
    get_visible_or_404(request.user, Action.objects.all(), pk=link.action_id)
    return link


@require("learning.view")
def impact_show(request, pk: int):
    link = _link(request, pk)
    evaluation = evaluate(link)
    return render(
        request,
        "learning/impact_show.html",
        {
            "title": f"Impact of {link.action.title}",
            "link": link,
            "evaluation": evaluation,
            "history": history_for(link),
            "breadcrumbs": crumbs(
                ("Actions", reverse("learning:action_index")),
                (link.action.reference, link.action.get_absolute_url()),
            ),
        },
    )


@require("learning.manage_impact")
def impact_edit(request, pk: int):
    link = _link(request, pk)
    form = ImpactForm(request.POST or None, instance=ImpactLink.objects.get(pk=pk))
    form.fields["measure"].disabled = True
    return web.form_view(
        request,
        form,
        lambda data: services.impact_update(
            link=link,
            effect_on=data["effect_on"],
            baseline_from=data["baseline_from"],
            note=data["note"],
        ),
        f"Change how {link.action.reference} is measured",
        success="Saved",
        redirect_to=link,
        action=link.action,
        link=link,
        breadcrumbs=crumbs(
            ("Actions", reverse("learning:action_index")),
            (link.action.reference, link.action.get_absolute_url()),
        ),
        cancel_url=link.get_absolute_url(),
        template="learning/impact_form.html",
    )


@require_POST
@require("learning.manage_impact")
def impact_remove(request, pk: int):
    link = _link(request, pk)
    action = link.action
    act(
        request,
        lambda: services.impact_remove(link=link),
        success=f"{action.reference} is no longer measured against “{link.measure}”",
    )
    return redirect(action)
