"""Pages for recording a person's professional registration and CPD."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
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
    back = reverse("workforce:person", args=[person.pk])
    return web.form_view(
        request,
        form,
        lambda data: services.registration_save(user=request.user, person=person, **data),
        f"Professional registration: {person}",
        success="Registration saved",
        redirect_to=back,
        breadcrumbs=web.crumbs(INDEX, person_crumb(person)),
        cancel_url=back,
    )


@require("workforce.registration")
def cpd_new(request, pk):
    person = _person(request, pk)
    if person.pk != request.user.pk:
        raise PermissionDenied
    form = CpdForm(request.POST or None)
    back = reverse("workforce:person", args=[person.pk])
    return web.form_view(
        request,
        form,
        lambda data: services.cpd_add(user=request.user, person=person, **data),
        "Add a CPD entry",
        success="CPD entry added",
        redirect_to=back,
        breadcrumbs=web.crumbs(INDEX, person_crumb(person)),
        cancel_url=back,
    )
