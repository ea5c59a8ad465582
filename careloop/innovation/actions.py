"""TEMPORARY until coproduction moves (it has on main): delete this module at merge.

Innovation raises actions Learn and act's one way ({% raised_actions %}, learning:action_raise,
learning.services.action_create) and uses nothing here. On this branch only coproduction's
views, its demo and one of its tests still import it, so this keeps just what they use.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from careloop.core import web
from careloop.core.forms import DateField, GovukForm
from careloop.core.models import User
from careloop.core.permissions import can
from careloop.learning import services as learning_services
from careloop.learning.selectors import actions_for

__all__ = ["action_raise", "actions_for", "available", "may_raise", "raise_view"]


def available() -> bool:
    return True  # Learn and act is always installed


def may_raise(user) -> bool:
    return can(user, "learning.manage_actions")


def action_raise(*, source, title: str, owner, due: dt.date, user, **more):
    return learning_services.action_create(
        source=source, title=title, owner=owner, due=due, created_by=user, **more
    )


class _RaiseForm(GovukForm):
    title = forms.CharField(max_length=200, label="What is the action?")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="More detail"
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Who owns it?")
    priority = forms.ChoiceField(
        choices=[("high", "High"), ("medium", "Medium"), ("low", "Low")],
        initial="medium",
        widget=forms.RadioSelect(attrs={"small": True}),
    )
    due = DateField(label="Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = User.objects.filter(is_active=True).order_by("full_name")


def raise_view(request, *, source, crumbs, back_url: str):
    if not may_raise(request.user):
        raise PermissionDenied
    form = _RaiseForm(request.POST or None, initial={"owner": request.user})
    action = web.submit(
        request, form, lambda data: action_raise(source=source, user=request.user, **data)
    )
    if action is not None:
        messages.success(request, f"Action {action.reference} raised")
        return redirect(back_url + "#actions")
    return web.form_page(
        request,
        form,
        "Raise an action",
        breadcrumbs=crumbs,
        submit="Raise action",
        intro=f"The action arises from “{source}”. It is tracked with every other action in "
        "Learn and act, and followed up at quality assurance meetings.",
        cancel_url=back_url,
    )
