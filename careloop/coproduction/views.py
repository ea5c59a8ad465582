"""Pages: coproduction projects and who was involved at which stage, feedback windows, what
people said, groups and participants, and "You said, we did" (staff and public pages)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from careloop.core import selectors as core_selectors
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.services import ServiceError
from careloop.core.views import paginate
from careloop.innovation import actions

from . import selectors, services
from .forms import (
    ConfirmForm,
    ContributionForm,
    GroupForm,
    InvolvementForm,
    ParticipantForm,
    PaymentForm,
    PolicyForm,
    ProjectForm,
    StatementForm,
    WindowForm,
)
from .models import (
    Contribution,
    FeedbackPolicy,
    Group,
    Participant,
    Project,
    Rung,
    Statement,
)

INDEX = ("Coproduction", "/coproduction/")
GROUPS = ("Groups and partners", "/coproduction/groups/")
PEOPLE = ("Participants", "/coproduction/participants/")
STATEMENTS = ("You said, we did", "/coproduction/statements/")


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, msgs in error.message_dict.items():
            for message in msgs:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


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


def _saved(request, form, save, message):
    """Run `save` for a valid POSTed form; on refusal put the reasons on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        record = save(form.cleaned_data)
    except ValidationError as error:
        _errors(form, error)
        return None
    except ServiceError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, message)
    return record


# --- Dashboard and projects ---------------------------------------------------------------------
@require("coproduction.view")
def index(request):
    status = request.GET.get("status", "")
    status = status if status in Project.Status.values else ""
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


def _project(request, pk):
    return get_visible_or_404(request.user, Project.objects.select_related("lead", "team"), pk=pk)


@require("coproduction.view")
def project_show(request, pk):
    project = _project(request, pk)
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
            "actions": actions.actions_for(project, request.user),
            "actions_available": actions.available(),
            "may_raise": actions.may_raise(request.user) and can(request.user, "coproduction.edit"),
            "action_url": reverse("coproduction:project_action_new", args=[project.pk]),
            "history": core_selectors.history_for(project),
            "breadcrumbs": [INDEX],
        },
    )


@require("coproduction.edit")
def project_edit(request, pk=None):
    project = _project(request, pk) if pk else None
    form = ProjectForm(
        request.POST or None,
        instance=project,
        initial={"lead": request.user, "team": request.user.team, "started_on": dt.date.today()},
    )
    saved = _saved(
        request,
        form,
        lambda data: services.project_save(project=project, **data),
        "Project saved",
    )
    if saved:
        return redirect(saved)
    crumbs = [INDEX] + ([(project.title, project.get_absolute_url())] if project else [])
    return _form_page(
        request,
        form,
        f"Edit {project}" if project else "Start a coproduction project",
        crumbs,
        intro=""
        if project
        else "Involve people with lived experience from the start: in "
        "defining the problem, not only in commenting on a draft.",
        cancel_url=project.get_absolute_url() if project else INDEX[1],
    )


@require("coproduction.edit")
def project_action_new(request, pk):
    project = _project(request, pk)
    return actions.raise_view(
        request,
        source=project,
        crumbs=[INDEX, (project.title, project.get_absolute_url())],
        back_url=project.get_absolute_url(),
    )


# --- Involvement ----------------------------------------------------------------------------------
def _consenting(user):
    if not can(user, "coproduction.participants"):
        return None
    return Participant.objects.visible_to(user).filter(
        consent=True, consent_withdrawn_on__isnull=True, erased_on__isnull=True
    )


@require("coproduction.edit")
def involvement_edit(request, pk, ipk=None):
    project = _project(request, pk)
    involvement = (
        get_visible_or_404(request.user, project.involvements.all(), pk=ipk) if ipk else None
    )
    people = _consenting(request.user)
    if involvement and involvement.participant_id and people is None:
        raise Http404  # only people who may see participants change their involvement
    if involvement and involvement.participant_id:
        people = people | Participant.objects.filter(pk=involvement.participant_id)
    form = InvolvementForm(
        request.POST or None,
        instance=involvement,
        participants=people,
        initial={"started_on": dt.date.today()},
    )
    saved = _saved(
        request,
        form,
        lambda data: services.involvement_save(
            project=project, involvement=involvement, **{"participant": None, **data}
        ),
        "Involvement saved",
    )
    if saved:
        return redirect(reverse("coproduction:project_show", args=[project.pk]) + "#involvement")
    return render(
        request,
        "coproduction/involvement_form.html",
        {
            "title": "Change who was involved" if involvement else "Record who was involved",
            "project": project,
            "involvement": involvement,
            "form": form,
            "breadcrumbs": [INDEX, (project.title, project.get_absolute_url())],
        },
    )


@require_POST
@require("coproduction.edit")
def involvement_delete(request, pk, ipk):
    project = _project(request, pk)
    involvement = get_visible_or_404(request.user, project.involvements.all(), pk=ipk)
    if involvement.participant_id and not can(request.user, "coproduction.participants"):
        raise Http404
    services.involvement_delete(involvement=involvement)
    messages.success(request, "Involvement removed")
    return redirect(reverse("coproduction:project_show", args=[project.pk]) + "#involvement")


# --- Feedback windows and what people said -------------------------------------------------------
@require("coproduction.edit")
def window_edit(request, pk, wpk=None):
    project = _project(request, pk)
    window = get_visible_or_404(request.user, project.windows.all(), pk=wpk) if wpk else None
    form = WindowForm(request.POST or None, instance=window)
    saved = _saved(
        request,
        form,
        lambda data: services.window_save(project=project, window=window, **data),
        "Feedback window saved",
    )
    if saved:
        if saved.is_short:
            messages.warning(
                request,
                f"This window is shorter than the policy minimum of {saved.policy_minimum} "
                "working days. The reason is recorded.",
            )
        return redirect(reverse("coproduction:project_show", args=[project.pk]) + "#windows")
    return _form_page(
        request,
        form,
        "Change the feedback window" if window else "Ask for feedback",
        [INDEX, (project.title, project.get_absolute_url())],
        intro="Give people long enough: groups of people with lived experience need time to "
        "gather their members’ views before they reply.",
        cancel_url=project.get_absolute_url(),
    )


@require("coproduction.edit")
def contribution_edit(request, pk, cpk=None):
    project = _project(request, pk)
    contribution = (
        get_visible_or_404(request.user, project.contributions.all(), pk=cpk) if cpk else None
    )
    form = ContributionForm(
        request.POST or None,
        instance=contribution,
        project=project,
        initial={"received_on": dt.date.today(), "window": request.GET.get("window")},
    )
    saved = _saved(
        request,
        form,
        lambda data: services.contribution_save(project=project, contribution=contribution, **data),
        "Saved",
    )
    if saved:
        return redirect(reverse("coproduction:project_show", args=[project.pk]) + "#said")
    return _form_page(
        request,
        form,
        "What people said, and what changed" if contribution else "Record what people said",
        [INDEX, (project.title, project.get_absolute_url())],
        cancel_url=project.get_absolute_url(),
    )


# --- Groups ---------------------------------------------------------------------------------------
@require("coproduction.view")
def group_index(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Group.Kind.values else ""
    return render(
        request,
        "coproduction/group_index.html",
        {
            "title": "Groups and partners",
            "kind": kind,
            "kinds": Group.Kind.choices,
            "groups": selectors.groups(kind=kind),
            "breadcrumbs": [INDEX],
        },
    )


@require("coproduction.view")
def group_show(request, pk):
    group = get_visible_or_404(request.user, Group.objects.all(), pk=pk)
    return render(
        request,
        "coproduction/group_show.html",
        {
            "title": group.name,
            "group": group,
            "involvements": group.involvements.select_related("project"),
            "windows": group.windows.select_related("project"),
            "members": group.participants.visible_to(request.user)
            if can(request.user, "coproduction.participants")
            else None,
            "member_count": group.participants.count(),
            "policy_minimum": FeedbackPolicy.current().minimum_for(group),
            "history": core_selectors.history_for(group),
            "breadcrumbs": [INDEX, GROUPS],
        },
    )


@require("coproduction.edit")
def group_edit(request, pk=None):
    group = get_visible_or_404(request.user, Group.objects.all(), pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group)
    saved = _saved(
        request, form, lambda data: services.group_save(group=group, **data), "Group saved"
    )
    if saved:
        return redirect(saved)
    crumbs = [INDEX, GROUPS] + ([(group.name, group.get_absolute_url())] if group else [])
    return _form_page(
        request,
        form,
        f"Edit {group}" if group else "Add a group or partner",
        crumbs,
        cancel_url=group.get_absolute_url() if group else GROUPS[1],
    )


# --- Participants ---------------------------------------------------------------------------------
def _participant(request, pk):
    return get_visible_or_404(request.user, Participant.objects.prefetch_related("groups"), pk=pk)


@require("coproduction.participants")
def participant_index(request):
    query = request.GET.get("q", "").strip()
    group = request.GET.get("group", "")
    qs = selectors.participants(request.user, query=query, group=group)
    return render(
        request,
        "coproduction/participant_index.html",
        {
            "title": "Participants",
            "query": query,
            "group": group,
            "groups": Group.objects.all(),
            "breadcrumbs": [INDEX],
            **paginate(request, qs),
        },
    )


@require("coproduction.participants")
def participant_show(request, pk):
    person = _participant(request, pk)
    return render(
        request,
        "coproduction/participant_show.html",
        {
            "title": person.full_name,
            "person": person,
            "involvements": person.involvements.select_related("project"),
            "payments": person.payments.select_related("project"),
            "history": core_selectors.history_for(person),
            "breadcrumbs": [INDEX, PEOPLE],
        },
    )


@require("coproduction.participants")
def participant_edit(request, pk=None):
    person = _participant(request, pk) if pk else None
    if person and person.erased_on:
        messages.error(request, "This person’s details were erased and cannot be changed.")
        return redirect(person)
    form = ParticipantForm(
        request.POST or None,
        instance=person,
        can_restrict=can(request.user, "core.view_restricted"),
        initial={"consent_on": dt.date.today()},
    )
    saved = _saved(
        request,
        form,
        lambda data: services.participant_save(
            participant=person, groups=data.pop("groups", []), **data
        ),
        "Participant saved",
    )
    if saved:
        return redirect(saved)
    crumbs = [INDEX, PEOPLE] + ([(person.full_name, person.get_absolute_url())] if person else [])
    return _form_page(
        request,
        form,
        f"Edit {person}" if person else "Add a participant",
        crumbs,
        intro=""
        if person
        else "Keep only what you need to involve the person well, and "
        "only with their consent. Their details never appear on public pages.",
        cancel_url=person.get_absolute_url() if person else PEOPLE[1],
    )


@require("coproduction.participants")
def participant_consent(request, pk, what):
    """Withdraw consent, or erase the person's details (with a confirmation)."""
    person = _participant(request, pk)
    if what not in ("withdraw", "erase"):
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if what == "withdraw":
                services.participant_withdraw_consent(participant=person)
                messages.success(request, "Consent withdrawn: they will not be contacted again")
            else:
                services.participant_erase(participant=person)
                messages.success(request, "Personal details erased")
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(person)
    title = "Withdraw consent" if what == "withdraw" else "Erase personal details"
    intro = (
        "They will not be contacted again or involved in new work. Their details stay until "
        "erased, so that what they were paid can be accounted for."
        if what == "withdraw"
        else "Their name, contact details, access needs and notes are deleted for good. What "
        "they took part in stays as an anonymous count, and payments stay as financial records."
    )
    return _form_page(
        request,
        form,
        f"{title}: {person}",
        [INDEX, PEOPLE, (person.full_name, person.get_absolute_url())],
        submit=title,
        intro=intro,
        cancel_url=person.get_absolute_url(),
    )


@require("coproduction.participants")
def payment_edit(request, pk, ppk=None):
    person = _participant(request, pk)
    payment = get_visible_or_404(request.user, person.payments.all(), pk=ppk) if ppk else None
    form = PaymentForm(
        request.POST or None,
        instance=payment,
        initial={
            "for_date": dt.date.today(),
            "kind": "voucher" if person.payment_preference == "vouchers" else "involvement",
        },
    )
    form.fields["project"].queryset = Project.objects.filter(
        involvements__participant=person
    ).distinct()
    saved = _saved(
        request,
        form,
        lambda data: services.payment_save(participant=person, payment=payment, **data),
        "Payment saved",
    )
    if saved:
        return redirect(reverse("coproduction:participant_show", args=[person.pk]) + "#payments")
    return _form_page(
        request,
        form,
        "Change the payment" if payment else "Record a payment or expenses",
        [INDEX, PEOPLE, (person.full_name, person.get_absolute_url())],
        cancel_url=person.get_absolute_url(),
    )


# --- "You said, we did" (staff) -------------------------------------------------------------------
def _actions(user):
    """Actions the person may see, to link to what the council did (None: no learning area)."""
    if not actions.available():
        return None
    from careloop.learning.models import Action

    return Action.objects.visible_to(user).order_by("-created_at")


def _linked_action(statement, user):
    """The statement's action, if the person may see it."""
    found = _actions(user)
    if found is None or statement.action_id is None:
        return None
    return found.filter(pk=statement.action_id).first()


@require("coproduction.view")
def statement_index(request):
    status = request.GET.get("status", "")
    status = status if status in Statement.Status.values else ""
    return render(
        request,
        "coproduction/statement_index.html",
        {
            "title": "You said, we did",
            "status": status,
            "statuses": Statement.Status.choices,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.statements(status=status)),
        },
    )


@require("coproduction.view")
def statement_show(request, pk):
    statement = get_visible_or_404(
        request.user, Statement.objects.select_related("project", "contribution"), pk=pk
    )
    return render(
        request,
        "coproduction/statement_show.html",
        {
            "title": statement.title,
            "statement": statement,
            "action": _linked_action(statement, request.user),
            "history": core_selectors.history_for(statement),
            "breadcrumbs": [INDEX, STATEMENTS],
        },
    )


@require("coproduction.edit")
def statement_edit(request, pk=None):
    statement = get_visible_or_404(request.user, Statement.objects.all(), pk=pk) if pk else None
    initial = {}
    if contribution := request.GET.get("contribution", ""):
        found = (
            Contribution.objects.filter(pk=contribution).first() if contribution.isdigit() else None
        )
        if found:
            initial = {
                "contribution": found,
                "project": found.project,
                "you_said": found.said,
                "we_did": found.what_changed,
                "source": Statement.Source.COPRODUCTION,
                "title": found.project.title[:150],
            }
    form = StatementForm(
        request.POST or None,
        instance=statement,
        initial=initial,
        actions=_actions(request.user),
    )
    saved = _saved(
        request,
        form,
        lambda data: services.statement_save(statement=statement, **data),
        "Statement saved",
    )
    if saved:
        return redirect(saved)
    crumbs = [INDEX, STATEMENTS] + (
        [(statement.title, statement.get_absolute_url())] if statement else []
    )
    return _form_page(
        request,
        form,
        f"Edit {statement}" if statement else "Write a “You said, we did”",
        crumbs,
        intro="These are published on a public page. Say what people told us and what "
        "changed, in plain words, with nothing that could identify anyone.",
        cancel_url=statement.get_absolute_url() if statement else STATEMENTS[1],
    )


@require_POST
@require("coproduction.publish")
def statement_publish(request, pk, what):
    statement = get_visible_or_404(request.user, Statement.objects.all(), pk=pk)
    try:
        if what == "publish":
            services.statement_publish(statement=statement)
            messages.success(request, "Published on the public “You said, we did” page")
        elif what == "withdraw":
            services.statement_withdraw(statement=statement)
            messages.success(request, "Withdrawn from the public page")
        else:
            raise Http404
    except ValidationError as error:
        for message in {m for msgs in error.message_dict.values() for m in msgs}:
            messages.error(request, message)
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect(statement)


@require("coproduction.publish")
def policy_edit(request):
    policy = FeedbackPolicy.current()
    form = PolicyForm(request.POST or None, instance=policy)
    saved = _saved(
        request, form, lambda data: services.policy_update(**data), "Feedback policy saved"
    )
    if saved:
        return redirect("coproduction:index")
    return _form_page(
        request,
        form,
        "Feedback window policy",
        [INDEX],
        intro="The shortest time people are given to reply to a request for feedback, in "
        "working days. careloop warns when a window is shorter and asks for the reason.",
        cancel_url=INDEX[1],
    )


# --- Public pages: no sign-in, nothing personal ---------------------------------------------------
def _easy_read(request) -> bool:
    return request.GET.get("format") == "easy-read"


@login_not_required
@require_safe
def public_index(request):
    topic = request.GET.get("topic", "")
    topics = selectors.public_topics()
    topic = topic if topic in topics else ""
    return render(
        request,
        "coproduction/public_index.html",
        {
            "title": "You said, we did",
            "statements": selectors.public_statements(topic=topic),
            "topics": topics,
            "topic": topic,
            "easy_read": _easy_read(request),
        },
    )


@login_not_required
@require_safe
def public_show(request, pk):
    statement = Statement.objects.published().filter(pk=pk).first()
    if statement is None:
        raise Http404
    return render(
        request,
        "coproduction/public_show.html",
        {
            "title": statement.title,
            "statement": statement,
            "easy_read": _easy_read(request),
        },
    )
