"""Actions: the register, one action's page, adding, raising and editing one (the steps of
its life are in steps.py)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careloop.core import web
from careloop.core.models import Team, User
from careloop.core.permissions import can, can_see, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate
from careloop.learning import selectors, services
from careloop.learning.evaluation import evaluate
from careloop.learning.forms import ActionForm, ActionRaiseForm, ProgressForm
from careloop.learning.models import Action
from careloop.learning.services.actions import sign_off_candidates

from .common import crumbs

ACTIONS_CRUMB = ("Actions", "/learning/actions/")
SORT_OPTIONS = [
    ("due", "Due date, soonest first"),
    ("-due", "Due date, latest first"),
    ("priority", "Priority"),
    ("title", "Title"),
    ("created", "Newest first"),
]


@require("learning.view")
def action_index(request):
    get = request.GET
    filters = {
        "status": get.get("status", ""),
        "owner_id": web.query_id(get.get("owner")),
        "team_id": web.query_id(get.get("team")),
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
    return web.form_view(
        request,
        form,
        lambda data: services.action_create(source=source, created_by=request.user, **data),
        "Raise an action",
        success=lambda action: f"Action {action.reference} raised",
        redirect_to=back_url + "#actions",
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
    review = action.recommendation.review if action.recommendation is not None else None
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
    if not apps.is_installed("careloop.themes") or not can(user, "themes.view"):
        raise Http404
    # imported here: the themes area is optional (its models load only when it is installed)
    from careloop.themes.models import Signal
    from careloop.themes.selectors import with_restricted

    audiences = [False, True] if with_restricted(user) else [False]
    return get_object_or_404(
        Signal.objects.select_related("theme"), pk=pk, with_restricted__in=audiences
    )


@require("learning.manage_actions")
def action_new(request):
    rec = signal = None
    rec_id = web.query_id(request.GET.get("recommendation") or request.POST.get("recommendation"))
    if rec_id is not None:
        rec = selectors.recommendation_for(request.user, rec_id)
        if rec is None:
            raise Http404
    signal_id = web.query_id(request.GET.get("signal") or request.POST.get("signal"))
    if signal_id and not rec:
        signal = _signal_for(request.user, signal_id)
    initial = {"owner": request.user.pk}
    if rec:
        initial["source_label"] = str(rec)
        initial["is_restricted"] = False
    if signal:
        initial["source_label"] = f"Theme signal: {signal}"
    form = ActionForm(request.POST or None, initial=initial)

    def create(data):
        fields = dict(data)
        start, due = fields.pop("start_on"), fields.pop("due_on")
        return services.action_create(
            start=start,
            due=due,
            recommendation=rec,
            source=signal.theme if signal else None,
            origin=Action.Origin.THEME if signal else None if rec else Action.Origin.OTHER,
            created_by=request.user,
            **fields,
        )

    action = web.submit(request, form, create)
    if action is not None:
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
    return web.form_view(
        request,
        form,
        lambda data: services.action_update(action=action, user=request.user, **data),
        f"Edit {action.reference}",
        success="Action saved",
        redirect_to=action,
        breadcrumbs=crumbs(ACTIONS_CRUMB, (action.reference, action.get_absolute_url())),
        cancel_url=action.get_absolute_url(),
        template="learning/action_form.html",
    )
