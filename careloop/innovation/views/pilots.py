"""Pages: the pilot register, a pilot, proposing and editing one, and moving it on."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import require
from careloop.core.views import paginate

from .. import analysis, selectors, services
from ..forms import MoveForm, PilotForm
from ..models import Pilot
from .common import get_pilot, pilot_crumbs


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
    return web.form_view(
        request,
        form,
        lambda data: services.pilot_create(user=request.user, **data),
        "Propose a pilot",
        success=lambda pilot: f"Pilot “{pilot}” proposed",
        breadcrumbs=pilot_crumbs(),
        submit="Propose pilot",
        intro="Say what is not working, what you will try and what you expect to change. "
        "Add the outcome measures next: a pilot cannot start without them.",
    )


@require("innovation.view")
def show(request, pk):
    pilot = get_pilot(request, pk)
    analyses = analysis.analyse_pilot(pilot)
    return render(
        request,
        "innovation/show.html",
        {
            "title": pilot.title,
            "pilot": pilot,
            "rows": selectors.measure_rows(pilot, analyses),
            "overall": analysis.Verdict.LABELS[analysis.overall(analyses)],
            "moves": services.moves_for(pilot, request.user),
            "move_form": MoveForm(),
            "stories": pilot.stories.all(),
            "risks": pilot.risks.all(),
            "evaluations": selectors.evaluations(pilot),
            "decision": selectors.latest_decision(pilot),
            "history": core_selectors.history_for(pilot),
            "breadcrumbs": pilot_crumbs(),
        },
    )


@require("innovation.edit")
def edit(request, pk):
    pilot = get_pilot(request, pk)
    form = PilotForm(request.POST or None, instance=pilot)
    return web.form_view(
        request,
        form,
        lambda data: services.pilot_update(pilot=pilot, **data),
        f"Edit {pilot}",
        success="Pilot saved",
        redirect_to=pilot,
        breadcrumbs=pilot_crumbs(pilot),
        cancel_url=pilot.get_absolute_url(),
    )


@require("innovation.edit")
def move(request, pk):
    pilot = get_pilot(request, pk)
    to = request.POST.get("to") or request.GET.get("to", "")
    if to not in Pilot.Status.values:
        messages.error(request, "Choose what to do with the pilot")
        return redirect(pilot)
    form = MoveForm(request.POST or None, initial={"to": to})
    label = Pilot.Status(to).label
    return web.form_view(
        request,
        form,
        lambda data: services.pilot_move(
            pilot=pilot, to=to, user=request.user, reason=data["reason"]
        ),
        f"{label}: {pilot}",
        success=lambda moved: f"The pilot is now {pilot.get_status_display().lower()}",
        redirect_to=pilot,
        pilot=pilot,
        to=to,
        to_label=label,
        breadcrumbs=pilot_crumbs(pilot),
        template="innovation/move.html",
    )
