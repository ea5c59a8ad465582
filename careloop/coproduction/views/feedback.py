"""Feedback windows, what people said and what changed, and the policy on window length."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from careloop.core import web
from careloop.core.permissions import get_visible_or_404, require

from .. import services
from ..forms import ContributionForm, PolicyForm, WindowForm
from ..models import FeedbackPolicy
from .common import INDEX, project_crumbs, project_or_404


@require("coproduction.edit")
def window_edit(request: HttpRequest, pk: int, wpk: int | None = None) -> HttpResponse:
    project = project_or_404(request, pk)
    window = get_visible_or_404(request.user, project.windows.all(), pk=wpk) if wpk else None
    form = WindowForm(request.POST or None, instance=window)
    saved = web.submit(
        request,
        form,
        lambda data: services.window_save(project=project, window=window, **data),
        success="Feedback window saved",
    )
    if saved:
        if saved.is_short:
            messages.warning(
                request,
                f"This window is shorter than the policy minimum of {saved.policy_minimum} "
                "working days. The reason is recorded.",
            )
        return redirect(project.get_absolute_url() + "#windows")
    return web.form_page(
        request,
        form,
        "Change the feedback window" if window else "Ask for feedback",
        breadcrumbs=project_crumbs(project),
        intro="Give people long enough: groups of people with lived experience need time to "
        "gather their members’ views before they reply.",
        cancel_url=project.get_absolute_url(),
    )


@require("coproduction.edit")
def contribution_edit(request: HttpRequest, pk: int, cpk: int | None = None) -> HttpResponse:
    project = project_or_404(request, pk)
    contribution = (
        get_visible_or_404(request.user, project.contributions.all(), pk=cpk) if cpk else None
    )
    form = ContributionForm(
        request.POST or None,
        instance=contribution,
        project=project,
        initial={"received_on": dt.date.today(), "window": request.GET.get("window")},
    )
    return web.form_view(
        request,
        form,
        lambda data: services.contribution_save(project=project, contribution=contribution, **data),
        "What people said, and what changed" if contribution else "Record what people said",
        success="Saved",
        redirect_to=project.get_absolute_url() + "#said",
        breadcrumbs=project_crumbs(project),
        cancel_url=project.get_absolute_url(),
    )


@require("coproduction.publish")
def policy_edit(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST or None, instance=FeedbackPolicy.current())
    return web.form_view(
        request,
        form,
        lambda data: services.policy_update(**data),
        "Feedback window policy",
        success="Feedback policy saved",
        redirect_to="coproduction:index",
        breadcrumbs=[INDEX],
        intro="The shortest time people are given to reply to a request for feedback, in "
        "working days. careloop warns when a window is shorter and asks for the reason.",
        cancel_url=INDEX[1],
    )
