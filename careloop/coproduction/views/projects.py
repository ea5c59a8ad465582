"""The coproduction dashboard, projects, and who was involved at which stage."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.models import User
from careloop.core.permissions import can, get_visible_or_404, require

from .. import selectors, services
from ..forms import InvolvementForm, ProjectForm
from ..models import FeedbackPolicy, Participant, Project, Rung, Statement
from .common import INDEX, chosen, project_crumbs, project_or_404


@require("coproduction.view")
def index(request: HttpRequest) -> HttpResponse:
    status = chosen(request, "status", Project.Status.values)
    late = request.GET.get("late") == "1"
    return render(
        request,
        "coproduction/index.html",
        {
            "title": "Coproduction",
            "projects": selectors.projects(request.user, status=status, late=late),
            "status": status,
            "late": late,
            "statuses": Project.Status.choices,
            "windows": selectors.open_windows()[:10],
            "pending": selectors.pending_contributions()[:10],
            "published": Statement.objects.published().count(),
            "policy": FeedbackPolicy.current(),
        },
    )


@require("coproduction.view")
def project_show(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request, pk)
    return render(
        request,
        "coproduction/project_show.html",
        {
            "title": project.title,
            "project": project,
            "late_reasons": project.late_involvement(),
            "map": selectors.involvement_map(project, request.user),
            "rungs": Rung.choices,
            "windows": selectors.windows_for(project),
            "contributions": selectors.contributions_for(project),
            "statements": project.statements.all(),
            "history": core_selectors.history_for(project),
            "breadcrumbs": [INDEX],
        },
    )


@require("coproduction.edit")
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    project = project_or_404(request, pk) if pk else None
    person = cast(User, request.user)  # signed in: @require saw to it
    form = ProjectForm(
        request.POST or None,
        instance=project,
        initial={"lead": person, "team": person.team, "started_on": dt.date.today()},
    )
    return web.form_view(
        request,
        form,
        lambda data: services.project_save(project=project, **data),
        f"Edit {project}" if project else "Start a coproduction project",
        success="Project saved",
        breadcrumbs=project_crumbs(project) if project else [INDEX],
        intro=""
        if project
        else "Involve people with lived experience from the start: in "
        "defining the problem, not only in commenting on a draft.",
        cancel_url=project.get_absolute_url() if project else INDEX[1],
    )


@require("coproduction.edit")
def involvement_edit(request: HttpRequest, pk: int, ipk: int | None = None) -> HttpResponse:
    project = project_or_404(request, pk)
    involvement = (
        get_visible_or_404(request.user, project.involvements.all(), pk=ipk) if ipk else None
    )
    people = selectors.consenting_participants(request.user)
    if involvement and involvement.participant_id:
        if people is None:
            raise Http404  # only people who may see participants change their involvement
        people = people | Participant.objects.filter(pk=involvement.participant_id)
    form = InvolvementForm(
        request.POST or None,
        instance=involvement,
        participants=people,
        initial={"started_on": dt.date.today()},
    )
    return web.form_view(
        request,
        form,
        lambda data: services.involvement_save(
            project=project, involvement=involvement, **{"participant": None, **data}
        ),
        "Change who was involved" if involvement else "Record who was involved",
        success="Involvement saved",
        redirect_to=project.get_absolute_url() + "#involvement",
        breadcrumbs=project_crumbs(project),
        template="coproduction/involvement_form.html",
        project=project,
        involvement=involvement,
    )


@require_POST
@require("coproduction.edit")
def involvement_delete(request: HttpRequest, pk: int, ipk: int) -> HttpResponse:
    project = project_or_404(request, pk)
    involvement = get_visible_or_404(request.user, project.involvements.all(), pk=ipk)
    if involvement.participant_id and not can(request.user, "coproduction.participants"):
        raise Http404
    services.involvement_delete(involvement=involvement)
    messages.success(request, "Involvement removed")
    return redirect(project.get_absolute_url() + "#involvement")
