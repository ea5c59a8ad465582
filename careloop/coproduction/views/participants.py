"""Groups and partners, and participants: their details, consent, erasure and payments."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import ConfirmForm, GroupForm, ParticipantForm, PaymentForm
from ..models import FeedbackPolicy, Group, Participant
from .common import INDEX, chosen

GROUPS = ("Groups and partners", "/coproduction/groups/")
PEOPLE = ("Participants", "/coproduction/participants/")


# --- Groups ---------------------------------------------------------------------------------------
@require("coproduction.view")
def group_index(request: HttpRequest) -> HttpResponse:
    kind = chosen(request, "kind", Group.Kind.values)
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
def group_show(request: HttpRequest, pk: int) -> HttpResponse:
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
def group_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    group = get_visible_or_404(request.user, Group.objects.all(), pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group)
    return web.form_view(
        request,
        form,
        lambda data: services.group_save(group=group, **data),
        f"Edit {group}" if group else "Add a group or partner",
        success="Group saved",
        breadcrumbs=web.crumbs(
            INDEX, GROUPS, *([(group.name, group.get_absolute_url())] if group else [])
        ),
        cancel_url=group.get_absolute_url() if group else GROUPS[1],
    )


# --- Participants ---------------------------------------------------------------------------------
def _participant(request: HttpRequest, pk: int) -> Participant:
    return get_visible_or_404(request.user, Participant.objects.prefetch_related("groups"), pk=pk)


def _person_crumbs(person: Participant) -> list[web.Crumb]:
    return web.crumbs(INDEX, PEOPLE, (person.full_name, person.get_absolute_url()))


@require("coproduction.participants")
def participant_index(request: HttpRequest) -> HttpResponse:
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
def participant_show(request: HttpRequest, pk: int) -> HttpResponse:
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
def participant_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
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
    return web.form_view(
        request,
        form,
        lambda data: services.participant_save(
            participant=person, groups=data.pop("groups", []), **data
        ),
        f"Edit {person}" if person else "Add a participant",
        success="Participant saved",
        breadcrumbs=_person_crumbs(person) if person else [INDEX, PEOPLE],
        intro=""
        if person
        else "Keep only what you need to involve the person well, and "
        "only with their consent. Their details never appear on public pages.",
        cancel_url=person.get_absolute_url() if person else PEOPLE[1],
    )


CONSENT = {
    "withdraw": (
        "Withdraw consent",
        "They will not be contacted again or involved in new work. Their details stay until "
        "erased, so that what they were paid can be accounted for.",
        services.participant_withdraw_consent,
        "Consent withdrawn: they will not be contacted again",
    ),
    "erase": (
        "Erase personal details",
        "Their name, contact details, access needs and notes are deleted for good. What "
        "they took part in stays as an anonymous count, and payments stay as financial records.",
        services.participant_erase,
        "Personal details erased",
    ),
}


@require("coproduction.participants")
def participant_consent(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Withdraw consent, or erase the person's details (with a confirmation)."""
    person = _participant(request, pk)
    if what not in CONSENT:
        raise Http404
    title, intro, change, done = CONSENT[what]
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if web.attempt(form, lambda: change(participant=person)):
            messages.success(request, done)
        for refusal in form.non_field_errors():
            messages.error(request, str(refusal))
        return redirect(person)
    return web.form_page(
        request,
        form,
        f"{title}: {person}",
        breadcrumbs=_person_crumbs(person),
        submit=title,
        intro=intro,
        cancel_url=person.get_absolute_url(),
    )


@require("coproduction.participants")
def payment_edit(request: HttpRequest, pk: int, ppk: int | None = None) -> HttpResponse:
    person = _participant(request, pk)
    payment = get_visible_or_404(request.user, person.payments.all(), pk=ppk) if ppk else None
    form = PaymentForm(
        request.POST or None,
        instance=payment,
        projects=selectors.projects_of(person),
        initial={
            "for_date": dt.date.today(),
            "kind": "voucher" if person.payment_preference == "vouchers" else "involvement",
        },
    )
    return web.form_view(
        request,
        form,
        lambda data: services.payment_save(participant=person, payment=payment, **data),
        "Change the payment" if payment else "Record a payment or expenses",
        success="Payment saved",
        redirect_to=person.get_absolute_url() + "#payments",
        breadcrumbs=_person_crumbs(person),
        cancel_url=person.get_absolute_url(),
    )
