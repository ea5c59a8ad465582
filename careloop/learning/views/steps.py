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


def _on(action: Action) -> dict:
    """A step's form page sits under its action: the breadcrumbs, and cancel goes back."""
    return {
        "breadcrumbs": crumbs(ACTIONS_CRUMB, (action.reference, action.get_absolute_url())),
        "cancel_url": action.get_absolute_url(),
    }


@require("learning.update_actions")
def action_progress(request, pk: int):
    action = _updatable(request, pk)
    form = ProgressForm(request.POST or None, initial={"status": action.status})
    return web.form_view(
        request,
        form,
        lambda data: services.action_record_progress(action=action, user=request.user, **data),
        f"Record progress on {action.reference}",
        success="Progress recorded",
        redirect_to=action.get_absolute_url() + "#progress",
        submit="Record progress",
        intro=action.title,
        **_on(action),
    )


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

    return web.form_view(
        request,
        form,
        add,
        f"Add evidence to {action.reference}",
        success="Evidence added",
        redirect_to=action.get_absolute_url() + "#evidence",
        submit="Add evidence",
        intro="Show what the action did: a file (an attendance list, a revised procedure), a "
        "web link, and figures such as how many staff completed training.",
        **_on(action),
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
    return web.form_view(
        request,
        form,
        lambda data: services.action_complete(action=action, user=request.user, **data),
        f"Mark {action.reference} done",
        success="Marked done. It now needs signing off by someone else",
        redirect_to=action,
        submit="Mark as done",
        intro="Say what was done. The action needs evidence, and someone other than its owner "
        "signs off its closure.",
        **_on(action),
    )


@require("learning.sign_off")
def action_sign_off(request, pk: int):
    action = _get_action(request, pk)
    form = SignOffForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.action_sign_off(action=action, user=request.user, **data),
        f"Sign off {action.reference}",
        success=f"{action.reference} closed",
        redirect_to=action,
        submit="Sign off and close",
        intro=f"{action.title}. Owner: {action.owner}. Check the evidence before you sign off.",
        **_on(action),
    )


@require("learning.sign_off")
def action_reopen(request, pk: int):
    action = _get_action(request, pk)
    form = ReopenForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.action_reopen(action=action, user=request.user, **data),
        f"Reopen {action.reference}",
        success=f"{action.reference} reopened",
        redirect_to=action,
        submit="Reopen",
        **_on(action),
    )


@require("learning.update_actions")
def milestone_new(request, pk: int):
    action = _updatable(request, pk)
    form = MilestoneForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.milestone_add(action=action, **data),
        f"Add a milestone to {action.reference}",
        success="Milestone added",
        redirect_to=action.get_absolute_url() + "#milestones",
        submit="Add milestone",
        **_on(action),
    )


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
