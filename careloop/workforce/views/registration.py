"""Pages for recording a person's professional registration and CPD."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from careloop.core import web
from careloop.core.permissions import require

from .. import selectors, services
from ..forms import CpdForm, RegistrationForm
from .common import INDEX
from .common import person as person_crumb


def _person(request, pk):
    person = selectors.visible_person(request.user, pk)
    if person is None:
        raise Http404
    return person


@require("workforce.registration")
def registration_new(request, pk):
    person = _person(request, pk)
    form = RegistrationForm(request.POST or None)
    saved = web.submit(
        request,
        form,
        lambda data: services.registration_save(user=request.user, person=person, **data),
        success="Registration saved",
    )
    if saved is not None:
        return redirect("workforce:person", person.pk)
    return web.form_page(
        request,
        form,
        f"Professional registration: {person}",
        breadcrumbs=web.crumbs(INDEX, person_crumb(person)),
        cancel_url=reverse("workforce:person", args=[person.pk]),
    )


@require("workforce.registration")
def cpd_new(request, pk):
    person = _person(request, pk)
    if person.pk != request.user.pk:
        raise PermissionDenied
    form = CpdForm(request.POST or None)
    saved = web.submit(
        request,
        form,
        lambda data: services.cpd_add(user=request.user, person=person, **data),
        success="CPD entry added",
    )
    if saved is not None:
        return redirect("workforce:person", person.pk)
    return web.form_page(
        request,
        form,
        "Add a CPD entry",
        breadcrumbs=web.crumbs(INDEX, person_crumb(person)),
        cancel_url=reverse("workforce:person", args=[person.pk]),
    )
