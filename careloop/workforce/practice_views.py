"""Pages: reflective practice and quality circles, practice quality audits and their themes,
peer feedback, and development pathways."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core.models import User
from careloop.core.permissions import can, require
from careloop.core.services import ServiceError
from careloop.core.views import paginate

from . import selectors, services
from .models import AuditStandard, CaseAudit, Enrolment, GroupSession, Pathway
from .models.people import manager_q
from .practice_forms import (
    AuditForm,
    EnrolmentForm,
    FeedbackForm,
    GroupSessionForm,
    MoveForm,
    PeerFeedbackForm,
    StandardForm,
)
from .views import INDEX, _form_page

GROUPS = ("Reflective practice", "/workforce/practice/")
AUDITS = ("Practice audits", "/workforce/audits/")
PATHWAYS = ("Development pathways", "/workforce/pathways/")


# --- Reflective practice and quality circles -----------------------------------------------------
@require("workforce.practice")
def group_index(request):
    qs = GroupSession.objects.select_related("facilitator")
    kind = request.GET.get("kind", "")
    if kind in GroupSession.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "workforce/group_index.html",
        {
            "title": "Reflective practice and quality circles",
            "kind": kind,
            "kinds": GroupSession.Kind.choices,
            "breadcrumbs": [INDEX],
            **paginate(request, qs),
        },
    )


@require("workforce.practice")
def group_new(request):
    form = GroupSessionForm(request.POST or None, initial={"kind": "quality_circle"})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.group_session_record(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Session recorded")
            return redirect(session)
    return _form_page(
        request, form, "Record a group session", [INDEX, GROUPS], submit="Record session"
    )


def _group(pk) -> GroupSession:
    session = GroupSession.objects.select_related("facilitator").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


@require("workforce.practice")
def group_show(request, pk):
    session = _group(pk)
    return render(
        request,
        "workforce/group_show.html",
        {
            "title": str(session),
            "session": session,
            "attendees": list(session.attendees.all()),
            "history": core_selectors.history_for(session),
            "breadcrumbs": [INDEX, GROUPS],
        },
    )


# --- Practice quality audits -------------------------------------------------------------------
def _audits(user):
    qs = CaseAudit.objects.select_related("practitioner", "auditor", "standard", "team")
    if can(user, "workforce.audit"):
        return qs
    return qs.filter(practitioner=user)


@require("workforce.practice")
def audit_index(request):
    return render(
        request,
        "workforce/audit_index.html",
        {
            "title": "Practice quality audits",
            "standards": AuditStandard.objects.filter(is_active=True),
            "may_audit": can(request.user, "workforce.audit"),
            "breadcrumbs": [INDEX],
            **paginate(request, _audits(request.user)),
        },
    )


@require("workforce.standard_edit")
def standard_new(request):
    form = StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standard = services.standard_save(
                name=data["name"],
                description=data["description"],
                questions=data["questions"].splitlines(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Audit standard saved")
            return redirect(standard)
    return _form_page(request, form, "Set up an audit standard", [INDEX, AUDITS])


@require("workforce.audit")
def standard_show(request, pk):
    standard = AuditStandard.objects.filter(pk=pk).first()
    if standard is None:
        raise Http404
    audits = CaseAudit.objects.filter(standard=standard)
    team = request.GET.get("team", "")
    if team.isdigit():
        audits = audits.filter(team_id=int(team))
    return render(
        request,
        "workforce/standard_show.html",
        {
            "title": standard.name,
            "standard": standard,
            "themes": selectors.rating_distribution(standard, audits),
            "audit_count": audits.count(),
            "recent": list(audits.select_related("practitioner", "team")[:20]),
            "breadcrumbs": [INDEX, AUDITS],
        },
    )


@require("workforce.audit")
def audit_new(request, pk):
    standard = AuditStandard.objects.filter(pk=pk, is_active=True).first()
    if standard is None:
        raise Http404
    form = AuditForm(request.POST or None, standard=standard)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit = services.audit_record(
                user=request.user,
                standard=standard,
                practitioner=data["practitioner"],
                case_reference=data["case_reference"],
                audited_on=data["audited_on"],
                answers=form.answers(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{audit} recorded")
            return redirect(audit)
    return _form_page(
        request,
        form,
        f"Audit a case file: {standard}",
        [INDEX, AUDITS, (standard.name, standard.get_absolute_url())],
        submit="Save audit",
        intro="An inadequate rating raises a follow-up action for the practitioner's manager.",
    )


def _audit(request, pk) -> CaseAudit:
    audit = _audits(request.user).filter(pk=pk).first()
    if audit is None:
        raise Http404
    return audit


def _may_feedback(user, audit) -> bool:
    from .models.people import manages

    return (
        user.pk == audit.practitioner_id
        or manages(user, audit.practitioner)
        or can(user, "workforce.standard_edit")
    )


@require("workforce.practice")
def audit_show(request, pk, form=None):
    audit = _audit(request, pk)
    return render(
        request,
        "workforce/audit_show.html",
        {
            "title": str(audit),
            "audit": audit,
            "answers": list(audit.answers.select_related("question")),
            "form": form or (FeedbackForm() if _may_feedback(request.user, audit) else None),
            "history": core_selectors.history_for(audit),
            "breadcrumbs": [INDEX, AUDITS],
        },
    )


@require("workforce.practice")
@require_POST
def audit_feedback(request, pk):
    audit = _audit(request, pk)
    if not _may_feedback(request.user, audit):
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.audit_feedback(user=request.user, audit=audit, text=form.cleaned_data["text"])
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Feedback saved")
            return redirect(audit)
    return audit_show.__wrapped__(request, pk, form=form)


@require("workforce.practice")
def peer_new(request, pk):
    person = User.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    form = PeerFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.peer_feedback_add(user=request.user, practitioner=person, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Thank you: your feedback for {person} is saved")
            return redirect("workforce:audit_index")
    return _form_page(
        request,
        form,
        f"Peer feedback for {person}",
        [INDEX, AUDITS],
        intro="How well did the support this practitioner arranged work, seen from your team?",
    )


# --- Development pathways ------------------------------------------------------------------------
def _enrolments(user):
    qs = Enrolment.objects.select_related("person", "person__team")
    if can(user, "workforce.pathway_decide"):
        return qs
    return qs.filter(Q(person=user) | manager_q(user, "person__"))


@require("workforce.pathway_apply")
def pathway_index(request):
    visible = _enrolments(request.user)
    counts = selectors.pathway_counts(visible.filter(status__in=("approved", "in_progress")))
    return render(
        request,
        "workforce/pathway_index.html",
        {
            "title": "Development pathways",
            "pathways": Pathway.choices,
            "counts": [
                (team, [c[(p, "approved")] + c[(p, "in_progress")] for p, _ in Pathway.choices])
                for team, c in counts
            ],
            "completed": visible.filter(status="completed").count(),
            "applied": visible.filter(status="applied").count(),
            "breadcrumbs": [INDEX],
            **paginate(request, visible),
        },
    )


@require("workforce.pathway_apply")
def enrolment_new(request):
    people = User.objects.filter(is_active=True)
    if not can(request.user, "workforce.pathway_decide"):
        people = people.filter(Q(pk=request.user.pk) | manager_q(request.user))
    form = EnrolmentForm(
        request.POST or None, initial={"person": request.user}, people=people.order_by("full_name")
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_apply(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Application made")
            return redirect(enrolment)
    return _form_page(request, form, "Apply for a development pathway", [INDEX, PATHWAYS])


def _enrolment(request, pk) -> Enrolment:
    enrolment = _enrolments(request.user).filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    return enrolment


@require("workforce.pathway_apply")
def enrolment_show(request, pk, form=None):
    enrolment = _enrolment(request, pk)
    moves = enrolment.next_statuses
    if not can(request.user, "workforce.pathway_decide"):
        moves = [m for m in moves if m[0] == "withdrawn" and request.user.pk == enrolment.person_id]
    return render(
        request,
        "workforce/enrolment_show.html",
        {
            "title": str(enrolment),
            "enrolment": enrolment,
            "moves": moves,
            "form": form or MoveForm(),
            "history": core_selectors.history_for(enrolment),
            "breadcrumbs": [INDEX, PATHWAYS],
        },
    )


@require("workforce.pathway_apply")
@require_POST
def enrolment_move(request, pk):
    enrolment = _enrolment(request, pk)
    form = MoveForm(request.POST)
    to = request.POST.get("to", "")
    if form.is_valid():
        try:
            services.enrolment_move(
                user=request.user, enrolment=enrolment, to=to, note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Now {enrolment.get_status_display().lower()}")
            return redirect(enrolment)
    return enrolment_show.__wrapped__(request, pk, form=form)
