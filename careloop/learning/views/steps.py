"""The steps of an action's life: progress, evidence, milestones, done, sign-off, reopening."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.models import Attachment
from careloop.core.permissions import require
from careloop.learning import services
from careloop.learning.forms import (
    CompleteForm,
    EvidenceForm,
    MilestoneForm,
    ProgressForm,
    ReopenForm,
    SignOffForm,
)
from careloop.learning.models import Action, EvidenceFigure, Milestone

from .actions import ACTIONS_CRUMB, _get_action
from .common import act, crumbs


def _updatable(request, pk: int) -> Action:
    action = _get_action(request, pk)
    if not action.may_update(request.user):
        raise PermissionDenied
    return action


def _step_page(request, action: Action, form, title: str, submit: str, intro: str = ""):
    return web.form_page(
        request,
        form,
        title,
        breadcrumbs=crumbs(ACTIONS_CRUMB, (action.reference, action.get_absolute_url())),
        submit=submit,
        intro=intro,
        cancel_url=action.get_absolute_url(),
    )


@require("learning.update_actions")
def action_progress(request, pk: int):
    action = _updatable(request, pk)
    form = ProgressForm(request.POST or None, initial={"status": action.status})
    if web.submit(
        request,
        form,
        lambda data: services.action_record_progress(action=action, user=request.user, **data),
        success="Progress recorded",
    ):
        return redirect(action.get_absolute_url() + "#progress")
    title = f"Record progress on {action.reference}"
    return _step_page(request, action, form, title, "Record progress", action.title)


@require("learning.update_actions")
def action_evidence(request, pk: int):
    action = _updatable(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)

    def add(data):
        services.action_add_evidence(
            action=action,
            user=request.user,
            title=data["title"] or data.get("figure_label", ""),
            file=data["file"],
            url=data["url"],
            figures=form.figures(),
            note=data["note"],
        )
        return True  # only figures give no attachment

    if web.submit(request, form, add, success="Evidence added"):
        return redirect(action.get_absolute_url() + "#evidence")
    return _step_page(
        request,
        action,
        form,
        f"Add evidence to {action.reference}",
        "Add evidence",
        "Show what the action did: a file (an attendance list, a revised procedure), a "
        "web link, and figures such as how many staff completed training.",
    )


@require_POST
@require("learning.update_actions")
def evidence_remove(request, pk: int, kind: str, item: int):
    action = _updatable(request, pk)
    attachment = figure = None
    if kind == "file":
        attachment = get_object_or_404(Attachment, pk=item)
    elif kind == "figure":
        figure = get_object_or_404(EvidenceFigure, pk=item, action=action)
    else:
        raise Http404
    act(
        request,
        lambda: services.evidence_remove(
            action=action, user=request.user, attachment=attachment, figure=figure
        ),
        success="Evidence removed",
    )
    return redirect(action.get_absolute_url() + "#evidence")


@require("learning.update_actions")
def action_complete(request, pk: int):
    action = _updatable(request, pk)
    form = CompleteForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.action_complete(action=action, user=request.user, **data),
        success="Marked done. It now needs signing off by someone else",
    ):
        return redirect(action)
    return _step_page(
        request,
        action,
        form,
        f"Mark {action.reference} done",
        "Mark as done",
        "Say what was done. The action needs evidence, and someone other than its owner "
        "signs off its closure.",
    )


@require("learning.sign_off")
def action_sign_off(request, pk: int):
    action = _get_action(request, pk)
    form = SignOffForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.action_sign_off(action=action, user=request.user, **data),
        success=f"{action.reference} closed",
    ):
        return redirect(action)
    return _step_page(
        request,
        action,
        form,
        f"Sign off {action.reference}",
        "Sign off and close",
        f"{action.title}. Owner: {action.owner}. Check the evidence before you sign off.",
    )


@require("learning.sign_off")
def action_reopen(request, pk: int):
    action = _get_action(request, pk)
    form = ReopenForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.action_reopen(action=action, user=request.user, **data),
        success=f"{action.reference} reopened",
    ):
        return redirect(action)
    return _step_page(request, action, form, f"Reopen {action.reference}", "Reopen")


@require("learning.update_actions")
def milestone_new(request, pk: int):
    action = _updatable(request, pk)
    form = MilestoneForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.milestone_add(action=action, **data),
        success="Milestone added",
    ):
        return redirect(action.get_absolute_url() + "#milestones")
    title = f"Add a milestone to {action.reference}"
    return _step_page(request, action, form, title, "Add milestone")


@require_POST
@require("learning.update_actions")
def milestone_done(request, pk: int, milestone: int):
    action = _updatable(request, pk)
    item = get_object_or_404(Milestone, pk=milestone, action=action)
    act(
        request,
        lambda: services.milestone_done(milestone=item),
        success=f"Milestone “{item.title}” met",
    )
    return redirect(action.get_absolute_url() + "#milestones")
