"""Pages: the workforce dashboard, team compliance matrices, the catalogue, a person's
learning record, supervision, registration and CPD."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core.exports import Column, export_response
from careloop.core.models import Team, User
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.services import ServiceError
from careloop.core.views import paginate
from careloop.stats import StatsInputError, xmr

from . import compliance, selectors, services
from .forms import (
    CompletionForm,
    CourseForm,
    CpdForm,
    PolicyForm,
    PrivateNoteForm,
    RegistrationForm,
    SupervisionForm,
)
from .models import CareerStage, Course, SupervisionPolicy, SupervisionSession
from .models.people import people_visible_to
from .models.supervision import DEFAULT_INTERVAL_DAYS

INDEX = ("Workforce", "/workforce/")


def _supervision_crumbs():
    return [INDEX, ("Supervision and My Time", reverse("workforce:supervision_index"))]


def _form_page(request, form, title, crumbs, *, submit="Save", intro="", cancel_url=""):
    return render(
        request,
        "core/form_page.html",
        {
            "title": title,
            "form": form,
            "breadcrumbs": crumbs,
            "submit": submit,
            "intro": intro,
            "cancel_url": cancel_url,
        },
    )


def _chart(series):
    """An XmR chart of a monthly percentage series (None when too few months)."""
    points = [(end, value) for end, value in series if value is not None]
    if len(points) < 6:
        return None
    try:
        return xmr(
            [v for _, v in points], periods=[f"{e:%b %Y}" for e, _ in points], direction="higher"
        )
    except StatsInputError:
        return None


# --- Dashboard ---------------------------------------------------------------------------------
@require("workforce.view")
def index(request):
    data = selectors.picture()
    people = data.people
    service = request.GET.get("service", "")
    teams = selectors.team_figures(data=data)
    services_ = sorted({f.team.service for f in teams}, key=lambda s: s.name)
    if service.isdigit():
        teams = [f for f in teams if f.team.service_id == int(service)]
        people = [p for p in people if p.team and p.team.service_id == int(service)]
    training = _chart(data.training.series(people=people))
    supervision = _chart(data.supervision.series(people=people))
    return render(
        request,
        "workforce/index.html",
        {
            "title": "Workforce",
            "headlines": selectors.headlines(request.user, data),
            "teams": teams,
            "services": services_,
            "service": service,
            "training_chart": training,
            "supervision_chart": supervision,
            "registrations": list(selectors.registrations_due(request.user)[:20]),
            "may_see_people": can(request.user, "workforce.view_people"),
        },
    )


@require("workforce.view_people")
def team(request, pk):
    team = get_visible_or_404(request.user, Team.objects.select_related("service"), pk=pk)
    people = list(selectors.team_people(team))
    training = compliance.Training(people)
    rows = training.rows()
    supervision = compliance.Supervision(people)
    show = request.GET.get("show", "")
    if show == "action":
        rows = [r for r in rows if any(c.needs_action for c in r.cells)]
    for row in rows:
        row.supervised_on = supervision.last(row.person)
        row.supervision_due = supervision.due(row.person)
        row.supervision_in_date = supervision.in_date(row.person)
    return render(
        request,
        "workforce/team.html",
        {
            "title": team.name,
            "team": team,
            "courses": training.courses,
            "rows": rows,
            "show": show,
            "training_chart": _chart(training.series()),
            "supervision_chart": _chart(supervision.series()),
            "may_remind": can(request.user, "workforce.remind"),
            "may_record": can(request.user, "workforce.record"),
            "breadcrumbs": [INDEX],
            "legend": compliance.LABELS,
        },
    )


@require("workforce.remind")
@require_POST
def remind(request, pk):
    person = people_visible_to(request.user).filter(pk=pk).select_related("team").first()
    if person is None:
        raise Http404
    try:
        n = services.reminder_send(user=request.user, person=person)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Reminder sent to {person} about {n} course{'s' if n != 1 else ''}"
        )
    back = reverse("workforce:team", args=[person.team_id]) if person.team_id else "/workforce/"
    return redirect(back)


# --- The catalogue -------------------------------------------------------------------------------
@require("workforce.view")
def courses(request):
    query = request.GET.get("q", "").strip()
    mandatory = request.GET.get("mandatory", "")
    return render(
        request,
        "workforce/courses.html",
        {
            "title": "Learning catalogue",
            "query": query,
            "mandatory": mandatory,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.courses(query=query, mandatory=mandatory)),
        },
    )


def _course(request, pk) -> Course:
    return get_visible_or_404(
        request.user,
        Course.objects.select_related("action").prefetch_related("audience_teams"),
        pk=pk,
    )


@require("workforce.view")
def course_show(request, pk):
    course = _course(request, pk)
    done, out_of = selectors.course_figures(course)
    action = course.action
    if action is not None and not (can(request.user, "learning.view", action)):
        action = None
    return render(
        request,
        "workforce/course_show.html",
        {
            "title": course.title,
            "course": course,
            "done": done,
            "out_of": out_of,
            "action": action,
            "stages": [
                CareerStage(s).label for s in course.audience_stages if s in CareerStage.values
            ],
            "completions": list(selectors.completions(request.user, course=course)[:50]),
            "history": core_selectors.history_for(course),
            "breadcrumbs": [INDEX, ("Learning catalogue", reverse("workforce:courses"))],
        },
    )


@require("workforce.catalogue_edit")
def course_new(request):
    return _course_form(request, None)


@require("workforce.catalogue_edit")
def course_edit(request, pk):
    return _course_form(request, _course(request, pk))


def _course_form(request, course):
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        teams = data.pop("audience_teams")
        try:
            course = services.course_save(
                user=request.user, course=course or Course(), audience_teams=teams, **data
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{course}” saved")
            return redirect(course)
    crumbs = [INDEX, ("Learning catalogue", reverse("workforce:courses"))]
    return _form_page(
        request,
        form,
        f"Edit {course}" if course else "Add a course",
        crumbs,
        cancel_url=course.get_absolute_url() if course else reverse("workforce:courses"),
    )


# --- Completions --------------------------------------------------------------------------------
@require("workforce.record")
def completion_new(request):
    people = people_visible_to(request.user).order_by("full_name")
    initial = {}
    for name in ("person", "course"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    initial.setdefault("person", request.user.pk)
    form = CompletionForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            completion = services.completion_record(user=request.user, **data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{completion.course} recorded for {completion.person}")
            person = completion.person
            if can(request.user, "workforce.view_people") and person.team_id:
                return redirect("workforce:team", person.team_id)
            return redirect("workforce:person", person.pk)
    return _form_page(
        request,
        form,
        "Record training",
        [INDEX],
        submit="Record training",
        intro="Record a course someone has completed. Its expiry is worked out from the "
        "course's renewal period.",
    )


@require("workforce.export")
def completion_export(request):
    qs = selectors.completions(request.user).order_by("person__full_name", "-completed_on")
    return export_response(
        queryset=qs,
        columns=[
            Column("Person", "person.full_name"),
            Column("Team", lambda c: c.person.team.name if c.person.team_id else ""),
            Column("Course", "course.title"),
            Column("Completed", "completed_on"),
            Column("Expires", "expires_on"),
            Column("Evidence", "evidence"),
        ],
        filename="training-completions",
        fmt=request.GET.get("format"),
        description="Training completions",
        filters=request.GET.dict(),
    )


# --- A person's learning record ----------------------------------------------------------------
@require("workforce.view")
def person(request, pk):
    person = selectors.visible_person(request.user, pk)
    if person is None:
        raise Http404
    people = selectors.staff(User.objects.filter(pk=person.pk))
    row = compliance.Training(people).rows()[0] if people else None
    supervision = compliance.Supervision(list(people)) if people else None
    own = person.pk == request.user.pk
    return render(
        request,
        "workforce/person.html",
        {
            "title": person.full_name,
            "person": person,
            "row": row,
            "last_supervision": supervision.last(person) if supervision else None,
            "supervision_due": supervision.due(person) if supervision else None,
            "completions": list(selectors.completions(request.user, person=person)[:100]),
            "sessions": list(selectors.supervisions(request.user, person=person)[:20]),
            "registrations": list(person.registrations.all()),
            "cpd": list(person.cpd_entries.all()[:20])
            if own or can(request.user, "workforce.view_people")
            else [],
            "peer_feedback": list(person.peer_feedback.select_related("given_by")[:20])
            if own or can(request.user, "workforce.view_people")
            else [],
            "enrolments": list(person.enrolments.all())
            if own or can(request.user, "workforce.view_people")
            else [],
            "may_give_peer_feedback": can(request.user, "workforce.practice")
            and not own
            and person.team_id != request.user.team_id,
            "own": own,
            "may_record": services.may_record_for(request.user, person),
            "may_register": can(request.user, "workforce.registration")
            and (own or can(request.user, "workforce.view_people")),
            "breadcrumbs": [INDEX]
            + (
                [(person.team.name, reverse("workforce:team", args=[person.team_id]))]
                if person.team_id and can(request.user, "workforce.view_people")
                else []
            ),
        },
    )


@require("workforce.registration")
def registration_new(request, pk):
    person = selectors.visible_person(request.user, pk)
    if person is None:
        raise Http404
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_save(user=request.user, person=person, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Registration saved")
            return redirect("workforce:person", person.pk)
    return _form_page(
        request,
        form,
        f"Professional registration: {person}",
        [INDEX, (person.full_name, reverse("workforce:person", args=[person.pk]))],
        cancel_url=reverse("workforce:person", args=[person.pk]),
    )


@require("workforce.registration")
def cpd_new(request, pk):
    person = selectors.visible_person(request.user, pk)
    if person is None:
        raise Http404
    if person.pk != request.user.pk:
        raise PermissionDenied
    form = CpdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_add(user=request.user, person=person, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "CPD entry added")
            return redirect("workforce:person", person.pk)
    return _form_page(
        request,
        form,
        "Add a CPD entry",
        [INDEX, (person.full_name, reverse("workforce:person", args=[person.pk]))],
        cancel_url=reverse("workforce:person", args=[person.pk]),
    )


# --- Supervision ---------------------------------------------------------------------------------
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
    if request.method == "POST" and form.is_valid():
        try:
            session = services.supervision_record(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Supervision recorded")
            return redirect(session)
    return _form_page(
        request,
        form,
        "Record a supervision",
        [INDEX, ("Supervision and My Time", reverse("workforce:supervision_index"))],
        submit="Record supervision",
    )


def _session(request, pk) -> SupervisionSession:
    session = (
        SupervisionSession.objects.visible_to(request.user)
        .select_related("supervisee", "supervisor")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


@require("workforce.supervision")
def supervision_show(request, pk):
    session = _session(request, pk)
    may_read_private = session.private_visible_to(request.user)
    note = getattr(session, "private_note", None) if may_read_private else None
    may_write_private = request.user.pk in (session.supervisor_id, session.supervisee_id)
    form = PrivateNoteForm(initial={"text": note.text if note else ""})
    return render(
        request,
        "workforce/supervision_show.html",
        {
            "title": str(session),
            "session": session,
            "may_read_private": may_read_private,
            "private_note": note,
            "may_write_private": may_write_private,
            "form": form if may_write_private else None,
            "history": [e for e in core_selectors.history_for(session)],
            "breadcrumbs": [
                INDEX,
                ("Supervision and My Time", reverse("workforce:supervision_index")),
            ],
        },
    )


@require("workforce.supervision")
@require_POST
def supervision_private(request, pk):
    session = _session(request, pk)
    if request.user.pk not in (session.supervisor_id, session.supervisee_id):
        raise PermissionDenied
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        try:
            services.supervision_private_save(
                user=request.user, session=session, text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Private section saved")
            return redirect(session)
    return render(
        request,
        "workforce/supervision_show.html",
        {
            "title": str(session),
            "session": session,
            "may_read_private": True,
            "private_note": getattr(session, "private_note", None),
            "may_write_private": True,
            "form": form,
            "history": core_selectors.history_for(session),
            "breadcrumbs": [
                INDEX,
                ("Supervision and My Time", reverse("workforce:supervision_index")),
            ],
        },
    )


@require("workforce.export")
def supervision_export(request):
    """Sessions the person may see; the private section is never part of a download."""
    qs = selectors.supervisions(request.user).order_by("-held_on")
    return export_response(
        queryset=qs,
        columns=[
            Column("Date", "held_on"),
            Column("Person supervised", "supervisee.full_name"),
            Column("Supervisor", "supervisor.full_name"),
            Column("Type", lambda s: s.get_kind_display()),
            Column("Agreed actions", "agreed_actions"),
        ],
        filename="supervisions",
        fmt=request.GET.get("format"),
        description="Supervisions",
        filters=request.GET.dict(),
    )


@require("workforce.supervision_all")
def policies(request):
    held = {p.career_stage: p for p in SupervisionPolicy.objects.all()}
    rows = [(value, label, held.get(value)) for value, label in CareerStage.choices]
    return render(
        request,
        "workforce/policies.html",
        {
            "title": "Supervision policy",
            "rows": rows,
            "default_days": DEFAULT_INTERVAL_DAYS,
            "breadcrumbs": [
                INDEX,
                ("Supervision and My Time", reverse("workforce:supervision_index")),
            ],
        },
    )


@require("workforce.policy_edit")
def policy_edit(request, stage):
    if stage not in CareerStage.values:
        raise Http404
    policy = SupervisionPolicy.objects.filter(career_stage=stage).first()
    form = PolicyForm(
        request.POST or None,
        initial={
            "interval_days": policy.interval_days if policy else 42,
            "note": policy.note if policy else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_save(career_stage=stage, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Supervision policy saved")
            return redirect("workforce:policies")
    return _form_page(
        request,
        form,
        f"Supervision policy: {CareerStage(stage).label}",
        [INDEX, ("Supervision policy", reverse("workforce:policies"))],
        cancel_url=reverse("workforce:policies"),
    )
