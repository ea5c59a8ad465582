"""Pages of Supervision and My Time: sessions, their private section, the download and the
policy per career stage."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.exports import Column
from careloop.core.permissions import require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import PolicyForm, PrivateNoteForm, SupervisionForm
from ..models import CareerStage, SupervisionSession
from ..models.supervision import DEFAULT_INTERVAL_DAYS
from .common import INDEX, supervision


@require("workforce.supervision")
def supervision_index(request):
    qs = selectors.supervisions(request.user)
    kind = request.GET.get("kind", "")
    if kind in SupervisionSession.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "workforce/supervision_index.html",
        {
            "title": "Supervision and My Time",
            "kind": kind,
            "kinds": SupervisionSession.Kind.choices,
            "breadcrumbs": [INDEX],
            **paginate(request, qs),
        },
    )


@require("workforce.supervision")
def supervision_new(request):
    form = SupervisionForm(
        request.POST or None, initial={"supervisor": request.user, "held_on": None}
    )
    return web.form_view(
        request,
        form,
        lambda data: services.supervision_record(user=request.user, **data),
        "Record a supervision",
        success="Supervision recorded",
        breadcrumbs=web.crumbs(INDEX, supervision()),
        submit="Record supervision",
    )


def _session(request, pk) -> SupervisionSession:
    return get_object_or_404(selectors.supervisions(request.user), pk=pk)


def _writes_private(user, session: SupervisionSession) -> bool:
    return user.pk in (session.supervisor_id, session.supervisee_id)


def _private_note(user, session: SupervisionSession):
    """The private section, only for those who may read it (`private_visible_to`)."""
    if not session.private_visible_to(user):
        return None
    return getattr(session, "private_note", None)


def _session_page(request, session: SupervisionSession, form: PrivateNoteForm | None):
    return render(
        request,
        "workforce/supervision_show.html",
        {
            "title": str(session),
            "session": session,
            "may_read_private": session.private_visible_to(request.user),
            "private_note": _private_note(request.user, session),
            "may_write_private": form is not None,
            "form": form,
            "history": core_selectors.history_for(session),
            "breadcrumbs": web.crumbs(INDEX, supervision()),
        },
    )


@require("workforce.supervision")
def supervision_show(request, pk):
    session = _session(request, pk)
    form = None
    if _writes_private(request.user, session):
        note = _private_note(request.user, session)
        form = PrivateNoteForm(initial={"text": note.text if note else ""})
    return _session_page(request, session, form)


@require("workforce.supervision")
@require_POST
def supervision_private(request, pk):
    session = _session(request, pk)
    if not _writes_private(request.user, session):
        raise PermissionDenied
    form = PrivateNoteForm(request.POST)
    saved = web.submit(
        request,
        form,
        lambda data: services.supervision_private_save(
            user=request.user, session=session, text=data["text"]
        ),
        success="Private section saved",
    )
    if saved is not None:
        return redirect(session)
    return _session_page(request, session, form)


@require("workforce.export")
def supervision_export(request):
    """Sessions the person may see; the private section is never part of a download."""
    qs = selectors.supervisions(request.user).order_by("-held_on")
    return web.download(
        request,
        qs,
        [
            Column("Date", "held_on"),
            Column("Person supervised", "supervisee.full_name"),
            Column("Supervisor", "supervisor.full_name"),
            Column("Type", lambda s: s.get_kind_display()),
            Column("Agreed actions", "agreed_actions"),
        ],
        filename="supervisions",
        description="Supervisions",
    )


@require("workforce.supervision_all")
def policies(request):
    return render(
        request,
        "workforce/policies.html",
        {
            "title": "Supervision policy",
            "rows": selectors.policy_rows(),
            "default_days": DEFAULT_INTERVAL_DAYS,
            "breadcrumbs": web.crumbs(INDEX, supervision()),
        },
    )


@require("workforce.policy_edit")
def policy_edit(request, stage):
    if stage not in CareerStage.values:
        raise Http404
    policy = selectors.policy_for(stage)
    form = PolicyForm(
        request.POST or None,
        initial={
            "interval_days": policy.interval_days if policy else 42,
            "note": policy.note if policy else "",
        },
    )
    return web.form_view(
        request,
        form,
        lambda data: services.policy_save(career_stage=stage, **data),
        f"Supervision policy: {CareerStage(stage).label}",
        success="Supervision policy saved",
        redirect_to="workforce:policies",
        breadcrumbs=web.crumbs(INDEX, ("Supervision policy", reverse("workforce:policies"))),
        cancel_url=reverse("workforce:policies"),
    )
