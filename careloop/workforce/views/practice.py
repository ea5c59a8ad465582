"""Pages of practice: reflective practice and quality circles, practice quality audits and
their themes, and peer feedback. Actions are raised from a session, and listed on it and on an
audit, by Learn and act (`{% raised_actions record %}`, `learning:action_raise`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.models import User
from careloop.core.permissions import can, require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import AuditForm, FeedbackForm, GroupSessionForm, PeerFeedbackForm, StandardForm
from ..models import AuditStandard, CaseAudit, GroupSession
from .common import AUDITS, GROUPS, INDEX


# --- Reflective practice and quality circles -----------------------------------------------------
@require("workforce.practice")
def group_index(request):
    kind = request.GET.get("kind", "")
    return render(
        request,
        "workforce/group_index.html",
        {
            "title": "Reflective practice and quality circles",
            "kind": kind,
            "kinds": GroupSession.Kind.choices,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.group_sessions(kind=kind)),
        },
    )


@require("workforce.practice")
def group_new(request):
    form = GroupSessionForm(request.POST or None, initial={"kind": "quality_circle"})
    return web.form_view(
        request,
        form,
        lambda data: services.group_session_record(user=request.user, **data),
        "Record a group session",
        success="Session recorded",
        breadcrumbs=web.crumbs(INDEX, GROUPS),
        submit="Record session",
    )


@require("workforce.practice")
def group_show(request, pk):
    session = get_object_or_404(selectors.group_sessions(), pk=pk)
    return render(
        request,
        "workforce/group_show.html",
        {
            "title": str(session),
            "session": session,
            "attendees": list(session.attendees.all()),
            "history": core_selectors.history_for(session),
            "breadcrumbs": web.crumbs(INDEX, GROUPS),
        },
    )


# --- Practice quality audits -------------------------------------------------------------------
@require("workforce.practice")
def audit_index(request):
    return render(
        request,
        "workforce/audit_index.html",
        {
            "title": "Practice quality audits",
            "standards": selectors.active_standards(),
            "may_audit": can(request.user, "workforce.audit"),
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.audits(request.user)),
        },
    )


@require("workforce.standard_edit")
def standard_new(request):
    form = StandardForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.standard_save(
            name=data["name"],
            description=data["description"],
            questions=data["questions"].splitlines(),
        ),
        "Set up an audit standard",
        success="Audit standard saved",
        breadcrumbs=web.crumbs(INDEX, AUDITS),
    )


@require("workforce.audit")
def standard_show(request, pk):
    standard = get_object_or_404(AuditStandard, pk=pk)
    audits = selectors.standard_audits(standard, team=request.GET.get("team", ""))
    return render(
        request,
        "workforce/standard_show.html",
        {
            "title": standard.name,
            "standard": standard,
            "themes": selectors.rating_distribution(standard, audits),
            "audit_count": audits.count(),
            "recent": list(audits.select_related("practitioner", "team")[:20]),
            "breadcrumbs": web.crumbs(INDEX, AUDITS),
        },
    )


@require("workforce.audit")
def audit_new(request, pk):
    standard = get_object_or_404(selectors.active_standards(), pk=pk)
    form = AuditForm(request.POST or None, standard=standard)
    return web.form_view(
        request,
        form,
        lambda data: services.audit_record(
            user=request.user,
            standard=standard,
            practitioner=data["practitioner"],
            case_reference=data["case_reference"],
            audited_on=data["audited_on"],
            answers=form.answers(),
        ),
        f"Audit a case file: {standard}",
        success=lambda audit: f"{audit} recorded",
        breadcrumbs=web.crumbs(INDEX, AUDITS, (standard.name, standard.get_absolute_url())),
        submit="Save audit",
        intro="An inadequate rating raises a follow-up action for the practitioner's manager.",
    )


def _audit_page(request, audit: CaseAudit, form: FeedbackForm | None):
    if form is None and selectors.may_give_audit_feedback(request.user, audit):
        form = FeedbackForm()
    return render(
        request,
        "workforce/audit_show.html",
        {
            "title": str(audit),
            "audit": audit,
            "answers": list(audit.answers.select_related("question")),
            "form": form,
            "history": core_selectors.history_for(audit),
            "breadcrumbs": web.crumbs(INDEX, AUDITS),
        },
    )


@require("workforce.practice")
def audit_show(request, pk):
    return _audit_page(request, get_object_or_404(selectors.audits(request.user), pk=pk), None)


@require("workforce.practice")
@require_POST
def audit_feedback(request, pk):
    audit = get_object_or_404(selectors.audits(request.user), pk=pk)
    if not selectors.may_give_audit_feedback(request.user, audit):
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    saved = web.submit(
        request,
        form,
        lambda data: services.audit_feedback(user=request.user, audit=audit, text=data["text"]),
        success="Feedback saved",
    )
    if saved is not None:
        return redirect(audit)
    return _audit_page(request, audit, form)


# --- Peer feedback -------------------------------------------------------------------------------
@require("workforce.practice")
def peer_new(request, pk):
    person = get_object_or_404(User, pk=pk, is_active=True)
    form = PeerFeedbackForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.peer_feedback_add(user=request.user, practitioner=person, **data),
        f"Peer feedback for {person}",
        success=f"Thank you: your feedback for {person} is saved",
        redirect_to="workforce:audit_index",
        breadcrumbs=web.crumbs(INDEX, AUDITS),
        intro="How well did the support this practitioner arranged work, seen from your team?",
    )
