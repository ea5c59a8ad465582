"""Pages: a pilot's outcome measures and their figures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import get_visible_or_404, require

from .. import analysis, selectors, services
from ..forms import MeasureForm, ReadingForm
from ..models import Measure, Pilot
from .common import get_pilot, pilot_crumbs


def _measure(request: HttpRequest, pk: int, mpk: int) -> tuple[Pilot, Measure]:
    pilot = get_pilot(request, pk)
    measure = get_visible_or_404(request.user, pilot.measures.all(), pk=mpk)
    measure.pilot = pilot
    return pilot, measure


def _measure_crumbs(pilot: Pilot, measure: Measure) -> list[web.Crumb]:
    return pilot_crumbs(pilot, (measure.name, measure.get_absolute_url()))


@require("innovation.edit")
def measure_new(request, pk):
    pilot = get_pilot(request, pk)
    form = MeasureForm(request.POST or None, initial={"period": "month", "per": 100})
    form.instance.pilot = pilot
    return web.form_view(
        request,
        form,
        lambda data: services.measure_create(pilot=pilot, **data),
        "Add an outcome measure",
        success=lambda measure: f"Measure “{measure}” added",
        breadcrumbs=pilot_crumbs(pilot),
        submit="Add measure",
        intro="An outcome measure is something the pilot should change for people, recorded "
        "the same way every period, before and during the pilot.",
        cancel_url=pilot.get_absolute_url(),
    )


@require("innovation.view")
def measure_show(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    return render(
        request,
        "innovation/measure_show.html",
        {
            "title": measure.name,
            "pilot": pilot,
            "measure": measure,
            "a": analysis.analyse_measure(measure),
            "rows": selectors.readings_table(measure),
            "history": core_selectors.history_for(measure),
            "breadcrumbs": pilot_crumbs(pilot),
        },
    )


@require("innovation.edit")
def measure_edit(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    form = MeasureForm(request.POST or None, instance=measure)
    return web.form_view(
        request,
        form,
        lambda data: services.measure_update(measure=measure, **data),
        f"Edit {measure}",
        success="Measure saved",
        redirect_to=measure,
        breadcrumbs=_measure_crumbs(pilot, measure),
        cancel_url=measure.get_absolute_url(),
    )


@require_POST
@require("innovation.edit")
def measure_delete(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    done = web.act(
        request,
        lambda: services.measure_delete(measure=measure),
        success=f"Measure “{measure}” deleted",
    )
    return redirect(measure if done is None else pilot)


@require("innovation.record")
def reading_new(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    form = ReadingForm(request.POST or None, measure=measure)
    saved = web.submit(
        request,
        form,
        lambda data: services.period_record(
            measure=measure,
            period_start=data["period_start"],
            value=data["value"],
            denominator=data.get("denominator"),
            comparison_value=data.get("comparison_value"),
            comparison_denominator=data.get("comparison_denominator"),
            note=data["note"],
            user=request.user,
            period_field=form.period_field,
        ),
    )
    if saved is not None:
        label = measure.period_label(saved[0].period_start)
        messages.success(request, f"Figures for {label} saved")
        if "another" in request.POST:
            return redirect("innovation:reading_new", pk=pilot.pk, mpk=measure.pk)
        return redirect(measure)
    return render(
        request,
        "innovation/reading_form.html",
        {
            "title": f"Enter figures: {measure}",
            "pilot": pilot,
            "measure": measure,
            "form": form,
            "breadcrumbs": _measure_crumbs(pilot, measure),
        },
    )


@require_POST
@require("innovation.edit")
def reading_delete(request, pk, mpk, rpk):
    pilot, measure = _measure(request, pk, mpk)
    reading = get_visible_or_404(request.user, measure.readings.all(), pk=rpk)
    services.reading_delete(reading=reading)
    messages.success(request, f"Reading for {measure.period_label(reading.period_start)} deleted")
    return redirect(measure)
