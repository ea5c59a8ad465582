"""Actions: the register, one action's page, and the steps of its life."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.models import Attachment, Team, User
from careloop.core.permissions import can, can_see, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.core.services import ServiceError
from careloop.core.views import paginate
from careloop.learning import selectors, services
from careloop.learning.evaluation import evaluate
from careloop.learning.forms import (
    ActionForm,
    ActionRaiseForm,
    CompleteForm,
    EvidenceForm,
    MilestoneForm,
    ProgressForm,
    ReopenForm,
    SignOffForm,
)
from careloop.learning.models import Action, EvidenceFigure, Milestone
from careloop.learning.services.actions import sign_off_candidates

from .common import attempt, crumbs, form_page

ACTIONS_CRUMB = ("Actions", "/learning/actions/")
SORT_OPTIONS = [
    ("due", "Due date, soonest first"),
    ("-due", "Due date, latest first"),
    ("priority", "Priority"),
    ("title", "Title"),
    ("created", "Newest first"),
]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require("learning.view")
def action_index(request):
    get = request.GET
    filters = {
        "status": get.get("status", ""),
        "owner_id": _int(get.get("owner")),
        "team_id": _int(get.get("team")),
        "origin": get.get("origin", ""),
        "priority": get.get("priority", ""),
        "query": get.get("q", "").strip(),
        "sort": get.get("sort", "due"),
    }
    qs = selectors.actions(request.user, **filters)
    pages = paginate(request, qs)
    count = pages["page_obj"].paginator.count
    return render(
        request,
        "learning/action_index.html",
        {
            "title": "Actions",
            "breadcrumbs": crumbs(),
            "filters": filters,
            "statuses": [("open", "Open (any)")] + list(Action.Status.choices),
            "origins": Action.Origin.choices,
            "priorities": Action.Priority.choices,
            "owners": User.objects.filter(owned_actions__isnull=False).distinct(),
            "teams": Team.objects.filter(actions__isnull=False).distinct(),
            "sort_options": SORT_OPTIONS,
            "caption": f"{count} action{'' if count == 1 else 's'}, soonest due first"
            if filters["sort"] == "due"
            else f"{count} action{'' if count == 1 else 's'}",
            **pages,
        },
    )


@require("learning.manage_actions")
def action_raise(request):
    """Raise an action from a record of any area: ``?source=app_label.model_name:pk``.

    The one way every area raises actions (selectors.sources says which records may be
    sources). The source must be visible to the person, who must hold its
    ``action_source_permission``; the action then shows on the source's page.
    """
    source = selectors.source_from_key(request.user, request.GET.get("source", ""))
    if not selectors.may_raise_from(request.user, source):
        raise PermissionDenied
    back_url = source.get_absolute_url()
    form = ActionRaiseForm(request.POST or None, initial={"owner": None})
    action = web.submit(
        request,
        form,
        lambda data: services.action_create(source=source, created_by=request.user, **data),
    )
    if action is not None:
        messages.success(request, f"Action {action.reference} raised")
        return redirect(back_url + "#actions")
    return web.form_page(
        request,
        form,
        "Raise an action",
        breadcrumbs=[(str(source), back_url)],
        submit="Raise action",
        intro=f"The action arises from “{source}”. It is tracked with every other action in "
        "Learn and act, and followed up at quality assurance meetings.",
        cancel_url=back_url,
    )


def _get_action(request, pk: int) -> Action:
    return get_visible_or_404(
        request.user,
        Action.objects.select_related(
            "owner", "team", "recommendation__review", "signed_off_by", "created_by"
        ),
        pk=pk,
    )


def _source_link(user, action: Action):
    """(label, url) for what the action arose from, when the person may see that record."""
    source = action.source if action.source_type_id else None
    if source is None or not can_see(user, source):
        return action.source_label, ""
    url = source.get_absolute_url() if hasattr(source, "get_absolute_url") else ""
    return action.source_label or str(source), url


@require("learning.view")
def action_show(request, pk: int):
    action = _get_action(request, pk)
    user = request.user
    label, url = _source_link(user, action)
    review = action.recommendation.review if action.recommendation_id else None
    may_update = action.may_update(user)
    return render(
        request,
        "learning/action_show.html",
        {
            "title": action.title,
            "action": action,
            "source_text": label,
            "source_url": url,
            "review_visible": review is not None and review.is_visible_to(user),
            "may_update": may_update,
            "may_edit": can(user, "learning.manage_actions", action),
            "may_sign_off": can(user, "learning.sign_off", action) and user.pk != action.owner_id,
            "progress_form": ProgressForm(initial={"status": action.status})
            if may_update and action.status in Action.PROGRESS
            else None,
            "impacts": [evaluate(link) for link in action.impacts.select_related("measure")],
            "may_measure": can(user, "learning.manage_impact"),
            "remedies": list(action.remedies.select_related("case")),
            "evidence": action.evidence(),
            "figures": action.figures.all(),
            "milestones": action.milestones.all(),
            "updates": action.updates.select_related("author")[:100],
            "sign_off_by": sign_off_candidates(action),
            "history": history_for(action),
            "breadcrumbs": crumbs(ACTIONS_CRUMB),
        },
    )


def _signal_for(user, pk: int):
    """A theme signal the person may see (signals counting restricted feedback only for people
    who may see it), or 404."""
    from django.apps import apps

    if not apps.is_installed("careloop.themes") or not can(user, "themes.view"):
        raise Http404
    from careloop.themes.models import Signal
    from careloop.themes.selectors import with_restricted

    audiences = [False, True] if with_restricted(user) else [False]
    return get_object_or_404(
        Signal.objects.select_related("theme"), pk=pk, with_restricted__in=audiences
    )


@require("learning.manage_actions")
def action_new(request):
    rec = signal = None
    rec_id = _int(request.GET.get("recommendation") or request.POST.get("recommendation"))
    if rec_id:
        rec = selectors.recommendation_for(request.user, rec_id)
        if rec is None:
            raise Http404
    signal_id = _int(request.GET.get("signal") or request.POST.get("signal"))
    if signal_id and not rec:
        signal = _signal_for(request.user, signal_id)
    initial = {"owner": request.user.pk}
    if rec:
        initial["source_label"] = str(rec)
        initial["is_restricted"] = False
    if signal:
        initial["source_label"] = f"Theme signal: {signal}"
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = attempt(
            form,
            lambda: services.action_create(
                title=data["title"],
                description=data["description"],
                owner=data["owner"],
                team=data["team"],
                priority=data["priority"],
                start=data["start_on"],
                due=data["due_on"],
                recommendation=rec,
                source=signal.theme if signal else None,
                origin=Action.Origin.THEME if signal else None if rec else Action.Origin.OTHER,
                source_label=data["source_label"],
                is_restricted=data["is_restricted"],
                restriction_reason=data["restriction_reason"],
                created_by=request.user,
            ),
        )
        if action:
            messages.success(request, f"Action {action.reference} created")
            return redirect(action)
    extra = (rec.review.reference, rec.review.get_absolute_url()) if rec else ACTIONS_CRUMB
    cancel = rec.get_absolute_url() if rec else reverse("learning:action_index")
    breadcrumbs = crumbs(extra)
    if signal:
        cancel = reverse("themes:signals")
        breadcrumbs = [("Themes", reverse("themes:index")), ("Signals", cancel)]
    return render(
        request,
        "learning/action_form.html",
        {
            "title": "Add an action",
            "form": form,
            "recommendation": rec,
            "signal": signal,
            "breadcrumbs": breadcrumbs,
            "cancel_url": cancel,
        },
    )


@require("learning.manage_actions")
def action_edit(request, pk: int):
    action = _get_action(request, pk)
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        if attempt(
            form,
            lambda: services.action_update(action=action, user=request.user, reason=reason, **data),
        ):
            messages.success(request, "Action saved")
            return redirect(action)
    return render(
        request,
        "learning/action_form.html",
        {
            "title": f"Edit {action.reference}",
            "form": form,
            "breadcrumbs": crumbs(ACTIONS_CRUMB, (action.reference, action.get_absolute_url())),
            "cancel_url": action.get_absolute_url(),
        },
    )


def _updatable(request, pk: int) -> Action:
    action = _get_action(request, pk)
    if not action.may_update(request.user):
        raise PermissionDenied
    return action


def _action_crumbs(action):
    return crumbs(ACTIONS_CRUMB, (action.reference, action.get_absolute_url()))


@require("learning.update_actions")
def action_progress(request, pk: int):
    action = _updatable(request, pk)
    form = ProgressForm(request.POST or None, initial={"status": action.status})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.action_record_progress(
                action=action, user=request.user, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Progress recorded")
        return redirect(action.get_absolute_url() + "#progress")
    return form_page(
        request,
        form,
        f"Record progress on {action.reference}",
        submit="Record progress",
        breadcrumbs=_action_crumbs(action),
        intro=action.title,
        cancel_url=action.get_absolute_url(),
    )


@require("learning.update_actions")
def action_evidence(request, pk: int):
    action = _updatable(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok = attempt(
            form,
            lambda: (
                services.action_add_evidence(
                    action=action,
                    user=request.user,
                    title=data["title"] or data.get("figure_label", ""),
                    file=data["file"],
                    url=data["url"],
                    figures=form.figures(),
                    note=data["note"],
                )
                or True
            ),
        )
        if ok:
            messages.success(request, "Evidence added")
            return redirect(action.get_absolute_url() + "#evidence")
    return form_page(
        request,
        form,
        f"Add evidence to {action.reference}",
        submit="Add evidence",
        breadcrumbs=_action_crumbs(action),
        intro="Show what the action did: a file (an attendance list, a revised procedure), a "
        "web link, and figures such as how many staff completed training.",
        cancel_url=action.get_absolute_url(),
    )


@require_POST
@require("learning.update_actions")
def evidence_remove(request, pk: int, kind: str, item: int):
    action = _updatable(request, pk)
    try:
        if kind == "file":
            attachment = get_object_or_404(Attachment, pk=item)
            services.evidence_remove(action=action, user=request.user, attachment=attachment)
        elif kind == "figure":
            figure = get_object_or_404(EvidenceFigure, pk=item, action=action)
            services.evidence_remove(action=action, user=request.user, figure=figure)
        else:
            raise Http404
        messages.success(request, "Evidence removed")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect(action.get_absolute_url() + "#evidence")


@require("learning.update_actions")
def action_complete(request, pk: int):
    action = _updatable(request, pk)
    form = CompleteForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.action_complete(action=action, user=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, "Marked done. It now needs signing off by someone else")
        return redirect(action)
    return form_page(
        request,
        form,
        f"Mark {action.reference} done",
        submit="Mark as done",
        breadcrumbs=_action_crumbs(action),
        intro="Say what was done. The action needs evidence, and someone other than its owner "
        "signs off its closure.",
        cancel_url=action.get_absolute_url(),
    )


@require("learning.sign_off")
def action_sign_off(request, pk: int):
    action = _get_action(request, pk)
    form = SignOffForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.action_sign_off(action=action, user=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, f"{action.reference} closed")
        return redirect(action)
    return form_page(
        request,
        form,
        f"Sign off {action.reference}",
        submit="Sign off and close",
        breadcrumbs=_action_crumbs(action),
        intro=f"{action.title}. Owner: {action.owner}. Check the evidence before you sign off.",
        cancel_url=action.get_absolute_url(),
    )


@require("learning.sign_off")
def action_reopen(request, pk: int):
    action = _get_action(request, pk)
    form = ReopenForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.action_reopen(action=action, user=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, f"{action.reference} reopened")
        return redirect(action)
    return form_page(
        request,
        form,
        f"Reopen {action.reference}",
        submit="Reopen",
        breadcrumbs=_action_crumbs(action),
        cancel_url=action.get_absolute_url(),
    )


@require("learning.update_actions")
def milestone_new(request, pk: int):
    action = _updatable(request, pk)
    form = MilestoneForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: services.milestone_add(action=action, **form.cleaned_data))
    ):
        messages.success(request, "Milestone added")
        return redirect(action.get_absolute_url() + "#milestones")
    return form_page(
        request,
        form,
        f"Add a milestone to {action.reference}",
        submit="Add milestone",
        breadcrumbs=_action_crumbs(action),
        cancel_url=action.get_absolute_url(),
    )


@require_POST
@require("learning.update_actions")
def milestone_done(request, pk: int, milestone: int):
    action = _updatable(request, pk)
    item = get_object_or_404(Milestone, pk=milestone, action=action)
    try:
        services.milestone_done(milestone=item)
        messages.success(request, f"Milestone “{item.title}” met")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect(action.get_absolute_url() + "#milestones")
