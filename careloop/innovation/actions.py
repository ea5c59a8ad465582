"""Actions arising from pilots, coproduction and external learning.

The learning area (careloop.learning) owns actions: owned, dated pieces of work followed up
at quality assurance meetings. Innovation and coproduction records can be the *source* of
actions; this module is the one place they reach the learning area, so that pages still work
(saying where actions live) if that area is not installed.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from careloop.core.forms import DateField, GovukForm
from careloop.core.models import User
from careloop.core.permissions import can
from careloop.core.services import ServiceError

PRIORITIES = [("high", "High"), ("medium", "Medium"), ("low", "Low")]


def available() -> bool:
    return apps.is_installed("careloop.learning")


def may_raise(user) -> bool:
    return available() and can(user, "learning.manage_actions")


def actions_for(record, user=None) -> list:
    """Actions whose source is `record` that `user` may see (empty without the learning area)."""
    if not available():
        return []
    from careloop.learning.models import Action

    qs = Action.objects.for_source(record).select_related("owner")
    if user is not None:
        qs = qs.visible_to(user)
    return list(qs)


def action_raise(
    *,
    source,
    title: str,
    owner,
    due: dt.date,
    user,
    description: str = "",
    priority: str = "medium",
    start: dt.date | None = None,
):
    """Raise an action from `source` in the learning area's action tracker."""
    if not available():
        raise ServiceError("Actions are tracked in the Learning area, which is not installed.")
    from careloop.learning import services

    external = source._meta.label_lower == "innovation.externallearning"
    return services.action_create(
        source=source,
        origin="external" if external else None,
        title=title,
        owner=owner,
        due=due,
        description=description,
        priority=priority,
        start=start,
        created_by=user,
    )


class ActionRaiseForm(GovukForm):
    title = forms.CharField(max_length=200, label="What is the action?")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="More detail"
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Who owns it?")
    priority = forms.ChoiceField(
        choices=PRIORITIES, initial="medium", widget=forms.RadioSelect(attrs={"small": True})
    )
    due = DateField(label="Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by("full_name")


def raise_view(request, *, source, crumbs, back_url: str):
    """The "raise an action" page for any source record (the caller checks who may see it)."""
    if not available():
        raise Http404
    if not may_raise(request.user):
        raise PermissionDenied
    form = ActionRaiseForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = action_raise(source=source, user=request.user, **data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Action {action.reference} raised")
            return redirect(back_url + "#actions")
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Raise an action",
            "form": form,
            "breadcrumbs": crumbs,
            "submit": "Raise action",
            "intro": f"The action arises from “{source}”. It is tracked with every other "
            "action in Learn and act, and followed up at quality assurance meetings.",
            "cancel_url": back_url,
        },
    )
