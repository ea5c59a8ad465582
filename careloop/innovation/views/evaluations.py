"""Pages: a pilot's evaluation as the figures stand, recording one (with its decision), and
the evaluation report on the page and as a PDF."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, get_visible_or_404, require

from .. import selectors, services
from ..forms import EvaluationForm, SummaryForm
from ..models import Evaluation, Pilot
from .common import get_pilot, pilot_crumbs


@require("innovation.view")
def evaluation(request, pk):
    """The evaluation as the figures stand today."""
    pilot = get_pilot(request, pk)
    return render(
        request,
        "innovation/evaluation.html",
        {
            "title": f"Evaluation: {pilot}",
            "pilot": pilot,
            "data_to": dt.date.today(),
            "evaluations": selectors.evaluations(pilot),
            "breadcrumbs": pilot_crumbs(pilot),
            **selectors.evaluation_context(pilot),
        },
    )


@require("innovation.edit")
def evaluation_new(request, pk):
    pilot = get_pilot(request, pk)
    can_decide = can(request.user, "innovation.approve") and pilot.status in (
        Pilot.Status.RUNNING,
        Pilot.Status.EVALUATING,
    )
    data_to = dt.date.today()
    if request.method == "POST":
        form = EvaluationForm(request.POST, can_decide=can_decide)
        if form.is_valid() and form.cleaned_data.get("data_to"):
            data_to = form.cleaned_data["data_to"]
    else:
        draft = selectors.evaluation_context(pilot, data_to=data_to)["draft_summary"]
        form = EvaluationForm(
            initial={"kind": Evaluation.Kind.INTERIM, "data_to": data_to, "summary": draft},
            can_decide=can_decide,
        )
    saved = web.submit(
        request,
        form,
        lambda data: services.evaluation_record(pilot=pilot, user=request.user, **data),
        success="Evaluation recorded",
    )
    if saved is not None:
        return redirect(saved)
    return render(
        request,
        "innovation/evaluation_form.html",
        {
            "title": f"Record an evaluation: {pilot}",
            "pilot": pilot,
            "form": form,
            "can_decide": can_decide,
            "breadcrumbs": pilot_crumbs(pilot),
            **selectors.evaluation_context(pilot, data_to=data_to),
        },
    )


def _evaluation(request: HttpRequest, pk: int, epk: int) -> tuple[Pilot, Evaluation]:
    pilot = get_pilot(request, pk)
    record = get_visible_or_404(
        request.user, pilot.evaluations.select_related("author", "decided_by"), pk=epk
    )
    return pilot, record


def _report_context(pilot: Pilot, record: Evaluation) -> dict:
    return {
        "title": f"{record.get_kind_display()}: {pilot}",
        "pilot": pilot,
        "evaluation": record,
        "stories": pilot.stories.filter(consent=True),
        **selectors.evaluation_context(pilot, data_to=record.data_to),
    }


@require("innovation.view")
def evaluation_show(request, pk, epk):
    pilot, record = _evaluation(request, pk, epk)
    return render(
        request,
        "innovation/evaluation_show.html",
        {
            **_report_context(pilot, record),
            "history": core_selectors.history_for(record),
            "breadcrumbs": pilot_crumbs(pilot),
        },
    )


@require("innovation.view")
def evaluation_pdf(request, pk, epk):
    pilot, record = _evaluation(request, pk, epk)
    pdf = render_pdf("innovation/documents/evaluation.html", _report_context(pilot, record))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"evaluation-{pilot.pk}-{record.pk}-{record.data_to:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require("innovation.edit")
def evaluation_edit(request, pk, epk):
    pilot, record = _evaluation(request, pk, epk)
    form = SummaryForm(request.POST or None, initial={"summary": record.summary})
    return web.form_view(
        request,
        form,
        lambda data: services.evaluation_update_summary(evaluation=record, **data),
        "Edit the summary",
        success="Summary saved",
        redirect_to=record,
        breadcrumbs=pilot_crumbs(pilot, (str(record), record.get_absolute_url())),
        intro="A decision, once recorded, stands: to change it, record a new evaluation.",
        cancel_url=record.get_absolute_url(),
    )
