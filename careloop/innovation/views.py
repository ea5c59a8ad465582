"""Pages: the pilot register, a pilot and its measures, evaluations and their reports, and
the external learning register."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.services import ServiceError
from careloop.core.views import paginate

from . import actions, analysis, selectors, services
from .forms import (
    EvaluationForm,
    ExternalLearningForm,
    MeasureForm,
    MoveForm,
    PilotForm,
    ReadingForm,
    RiskForm,
    StoryForm,
    SummaryForm,
)
from .models import Evaluation, ExternalLearning, Pilot

INDEX = ("Innovation", "/innovation/")


def _form_errors(form, error: ValidationError, prefix: str = "") -> None:
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            name = f"{prefix}{field}"
            target = name if name in form.fields else None
            for message in messages_:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _pilot(request, pk):
    return get_visible_or_404(request.user, Pilot.objects.select_related("lead", "team"), pk=pk)


def _crumbs(pilot: Pilot | None = None):
    crumbs = [INDEX]
    if pilot:
        crumbs.append((pilot.title, pilot.get_absolute_url()))
    return crumbs


def _form_page(request, form, title, crumbs, *, submit="Save", intro="", cancel_url=""):
    return render(
        request,
        "core/form_page.html",
        {
            "title": title,
            "form": form,
            "breadcrumbs": crumbs,
            "submit": submit,
            "intro": intro,
            "cancel_url": cancel_url,
        },
    )


# --- The pilot register ---------------------------------------------------------------------
@require("innovation.view")
def index(request):
    status = request.GET.get("status", "")
    if status not in (*Pilot.Status.values, "live"):
        status = ""
    query = request.GET.get("q", "").strip()
    qs = selectors.pilots(request.user, status=status, query=query)
    return render(
        request,
        "innovation/index.html",
        {
            "title": "Pilots",
            "status": status,
            "query": query,
            "counts": selectors.status_counts(request.user),
            **paginate(request, qs),
        },
    )


@require("innovation.edit")
def new(request):
    form = PilotForm(
        request.POST or None, initial={"lead": request.user, "team": request.user.team}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pilot = services.pilot_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Pilot “{pilot}” proposed")
            return redirect(pilot)
    return _form_page(
        request,
        form,
        "Propose a pilot",
        _crumbs(),
        submit="Propose pilot",
        intro="Say what is not working, what you will try and what you expect to change. "
        "Add the outcome measures next: a pilot cannot start without them.",
    )


@require("innovation.view")
def show(request, pk):
    pilot = _pilot(request, pk)
    analyses = analysis.analyse_pilot(pilot)
    move_form = MoveForm()
    return render(
        request,
        "innovation/show.html",
        {
            "title": pilot.title,
            "pilot": pilot,
            "rows": selectors.measure_rows(pilot, analyses),
            "overall": analysis.Verdict.LABELS[analysis.overall(analyses)],
            "moves": services.moves_for(pilot, request.user),
            "move_form": move_form,
            "stories": pilot.stories.all(),
            "risks": pilot.risks.all(),
            "evaluations": selectors.evaluations(pilot),
            "decision": selectors.latest_decision(pilot),
            "actions": actions.actions_for(pilot, request.user),
            "actions_available": actions.available(),
            "may_raise": actions.may_raise(request.user) and can(request.user, "innovation.edit"),
            "action_url": reverse("innovation:action_new", args=[pilot.pk]),
            "history": core_selectors.history_for(pilot),
            "breadcrumbs": _crumbs(),
        },
    )


@require("innovation.edit")
def edit(request, pk):
    pilot = _pilot(request, pk)
    form = PilotForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(pilot=pilot, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Pilot saved")
            return redirect(pilot)
    return _form_page(
        request, form, f"Edit {pilot}", _crumbs(pilot), cancel_url=pilot.get_absolute_url()
    )


@require("innovation.edit")
def move(request, pk):
    pilot = _pilot(request, pk)
    to = request.POST.get("to") or request.GET.get("to", "")
    if to not in Pilot.Status.values:
        messages.error(request, "Choose what to do with the pilot")
        return redirect(pilot)
    form = MoveForm(request.POST or None, initial={"to": to})
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_move(
                pilot=pilot, to=to, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error("reason" if to == Pilot.Status.STOPPED else None, str(error))
        else:
            messages.success(request, f"The pilot is now {pilot.get_status_display().lower()}")
            return redirect(pilot)
    return render(
        request,
        "innovation/move.html",
        {
            "title": f"{Pilot.Status(to).label}: {pilot}",
            "pilot": pilot,
            "to": to,
            "to_label": Pilot.Status(to).label,
            "form": form,
            "breadcrumbs": _crumbs(pilot),
        },
    )


# --- Measures and readings -----------------------------------------------------------------------
def _measure(request, pk, mpk):
    pilot = _pilot(request, pk)
    measure = get_visible_or_404(request.user, pilot.measures.all(), pk=mpk)
    measure.pilot = pilot
    return pilot, measure


@require("innovation.edit")
def measure_new(request, pk):
    pilot = _pilot(request, pk)
    form = MeasureForm(request.POST or None, initial={"period": "month", "per": 100})
    form.instance.pilot = pilot
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(pilot=pilot, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Measure “{measure}” added")
            return redirect(measure)
    return _form_page(
        request,
        form,
        "Add an outcome measure",
        _crumbs(pilot),
        submit="Add measure",
        intro="An outcome measure is something the pilot should change for people, recorded "
        "the same way every period, before and during the pilot.",
        cancel_url=pilot.get_absolute_url(),
    )


@require("innovation.view")
def measure_show(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    result = analysis.analyse_measure(measure)
    return render(
        request,
        "innovation/measure_show.html",
        {
            "title": measure.name,
            "pilot": pilot,
            "measure": measure,
            "a": result,
            "rows": selectors.readings_table(measure),
            "history": core_selectors.history_for(measure),
            "breadcrumbs": _crumbs(pilot),
        },
    )


@require("innovation.edit")
def measure_edit(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(measure=measure, **form.cleaned_data)
        except (ValidationError, ServiceError) as error:
            if isinstance(error, ServiceError):
                form.add_error("kind", str(error))
            else:
                _form_errors(form, error)
        else:
            messages.success(request, "Measure saved")
            return redirect(measure)
    crumbs = [*_crumbs(pilot), (measure.name, measure.get_absolute_url())]
    return _form_page(
        request, form, f"Edit {measure}", crumbs, cancel_url=measure.get_absolute_url()
    )


@require_POST
@require("innovation.edit")
def measure_delete(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    try:
        services.measure_delete(measure=measure)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(measure)
    messages.success(request, f"Measure “{measure}” deleted")
    return redirect(pilot)


@require("innovation.record")
def reading_new(request, pk, mpk):
    pilot, measure = _measure(request, pk, mpk)
    form = ReadingForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.period_record(
                measure=measure,
                period_start=data["period_start"],
                value=data["value"],
                denominator=data.get("denominator"),
                comparison_value=data.get("comparison_value"),
                comparison_denominator=data.get("comparison_denominator"),
                note=data["note"],
                user=request.user,
            )
        except ValidationError as error:
            period_field = "month" if "month" in form.fields else "week_of"
            _form_errors(form, _renamed(error, {"period_start": period_field}))
        else:
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
            "breadcrumbs": [*_crumbs(pilot), (measure.name, measure.get_absolute_url())],
        },
    )


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    return ValidationError(
        {names.get(field, field): msgs for field, msgs in error.message_dict.items()}
    )


@require_POST
@require("innovation.edit")
def reading_delete(request, pk, mpk, rpk):
    pilot, measure = _measure(request, pk, mpk)
    reading = get_visible_or_404(request.user, measure.readings.all(), pk=rpk)
    services.reading_delete(reading=reading)
    messages.success(request, f"Reading for {measure.period_label(reading.period_start)} deleted")
    return redirect(measure)


# --- Stories and risks ---------------------------------------------------------------------------
@require("innovation.record")
def story_edit(request, pk, spk=None):
    pilot = _pilot(request, pk)
    story = get_visible_or_404(request.user, pilot.stories.all(), pk=spk) if spk else None
    form = StoryForm(request.POST or None, instance=story, initial={"told_on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.story_save(pilot=pilot, user=request.user, record=story, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Story saved")
            return redirect(reverse("innovation:show", args=[pilot.pk]) + "#stories")
    return _form_page(
        request,
        form,
        "Edit the story" if story else "Add a person’s story",
        _crumbs(pilot),
        intro="Stories show what the pilot means to people. Keep them only with the person’s "
        "agreement, and leave out anything that could identify them.",
        cancel_url=pilot.get_absolute_url(),
    )


@require("innovation.edit")
def risk_edit(request, pk, rpk=None):
    pilot = _pilot(request, pk)
    risk = get_visible_or_404(request.user, pilot.risks.all(), pk=rpk) if rpk else None
    form = RiskForm(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_save(pilot=pilot, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Risk saved")
            return redirect(reverse("innovation:show", args=[pilot.pk]) + "#risks")
    return _form_page(
        request,
        form,
        "Edit the risk" if risk else "Add a risk",
        _crumbs(pilot),
        cancel_url=pilot.get_absolute_url(),
    )


# --- Evaluation -----------------------------------------------------------------------------------
@require("innovation.view")
def evaluation(request, pk):
    """The evaluation as the figures stand today."""
    pilot = _pilot(request, pk)
    context = selectors.evaluation_context(pilot)
    return render(
        request,
        "innovation/evaluation.html",
        {
            "title": f"Evaluation: {pilot}",
            "pilot": pilot,
            "data_to": dt.date.today(),
            "evaluations": selectors.evaluations(pilot),
            "breadcrumbs": _crumbs(pilot),
            **context,
        },
    )


@require("innovation.edit")
def evaluation_new(request, pk):
    pilot = _pilot(request, pk)
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
        context = selectors.evaluation_context(pilot, data_to=data_to)
        form = EvaluationForm(
            initial={
                "kind": Evaluation.Kind.INTERIM,
                "data_to": data_to,
                "summary": context["draft_summary"],
            },
            can_decide=can_decide,
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.evaluation_record(pilot=pilot, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        except ServiceError as error:
            form.add_error("decision" if "decision" in form.fields else None, str(error))
        else:
            messages.success(request, "Evaluation recorded")
            return redirect(saved)
    context = selectors.evaluation_context(pilot, data_to=data_to)
    return render(
        request,
        "innovation/evaluation_form.html",
        {
            "title": f"Record an evaluation: {pilot}",
            "pilot": pilot,
            "form": form,
            "can_decide": can_decide,
            "breadcrumbs": _crumbs(pilot),
            **context,
        },
    )


def _evaluation(request, pk, epk):
    pilot = _pilot(request, pk)
    record = get_visible_or_404(
        request.user, pilot.evaluations.select_related("author", "decided_by"), pk=epk
    )
    return pilot, record


def _report_context(pilot, record):
    context = selectors.evaluation_context(pilot, data_to=record.data_to)
    return {
        "title": f"{record.get_kind_display()}: {pilot}",
        "pilot": pilot,
        "evaluation": record,
        "stories": pilot.stories.filter(consent=True),
        **context,
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
            "breadcrumbs": _crumbs(pilot),
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
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_update_summary(evaluation=record, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Summary saved")
            return redirect(record)
    return _form_page(
        request,
        form,
        "Edit the summary",
        [*_crumbs(pilot), (str(record), record.get_absolute_url())],
        intro="A decision, once recorded, stands: to change it, record a new evaluation.",
        cancel_url=record.get_absolute_url(),
    )


@require("innovation.edit")
def action_new(request, pk):
    pilot = _pilot(request, pk)
    return actions.raise_view(
        request, source=pilot, crumbs=_crumbs(pilot), back_url=pilot.get_absolute_url()
    )


# --- External learning ----------------------------------------------------------------------------
EXTERNAL = ("External learning", "/innovation/external/")


@require("innovation.view")
def external_index(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in ExternalLearning.Kind.values else ""
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "innovation/external_index.html",
        {
            "title": "External learning",
            "kind": kind,
            "kinds": ExternalLearning.Kind.choices,
            "query": query,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.external(request.user, kind=kind, query=query)),
        },
    )


@require("innovation.view")
def external_show(request, pk):
    record = get_visible_or_404(
        request.user, ExternalLearning.objects.select_related("lead"), pk=pk
    )
    return render(
        request,
        "innovation/external_show.html",
        {
            "title": record.title,
            "record": record,
            "actions": actions.actions_for(record, request.user),
            "actions_available": actions.available(),
            "may_raise": actions.may_raise(request.user)
            and can(request.user, "innovation.external_edit"),
            "action_url": reverse("innovation:external_action_new", args=[record.pk]),
            "history": core_selectors.history_for(record),
            "breadcrumbs": [INDEX, EXTERNAL],
        },
    )


@require("innovation.external_edit")
def external_edit(request, pk=None):
    record = get_visible_or_404(request.user, ExternalLearning.objects.all(), pk=pk) if pk else None
    form = ExternalLearningForm(
        request.POST or None, instance=record, initial={"lead": request.user}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.external_save(user=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"“{saved}” saved")
            return redirect(saved)
    crumbs = [INDEX, EXTERNAL] + ([(record.title, record.get_absolute_url())] if record else [])
    return _form_page(
        request,
        form,
        f"Edit {record}" if record else "Add external learning",
        crumbs,
        cancel_url=record.get_absolute_url() if record else EXTERNAL[1],
    )


@require("innovation.external_edit")
def external_action_new(request, pk):
    record = get_visible_or_404(request.user, ExternalLearning.objects.all(), pk=pk)
    return actions.raise_view(
        request,
        source=record,
        crumbs=[INDEX, EXTERNAL, (record.title, record.get_absolute_url())],
        back_url=record.get_absolute_url(),
    )
