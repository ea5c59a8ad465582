"""The Learn and act dashboard and helpers shared by its pages."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse

from careloop.core import web
from careloop.core.permissions import require
from careloop.learning import selectors


def crumbs(*extra: web.Crumb) -> list[web.Crumb]:
    return web.crumbs(("Learn and act", reverse("learning:index")), *extra)


def act(request, call: Callable[[], object], *, success: str = "") -> bool:
    """For a button that posts nothing: run the service; a refusal is shown as error messages
    on the next page. (The core's `web.act` does this on the core helper's branch; this goes
    when that is merged.)"""
    form = forms.Form({})
    form.is_valid()
    if web.attempt(form, lambda: (call(), True)[1]) is None:
        for message in dict.fromkeys(str(m) for m in form.non_field_errors()):
            messages.error(request, message)
        return False
    if success:
        messages.success(request, success)
    return True


@require("learning.view")
def index(request):
    user = request.user
    return render(
        request,
        "learning/index.html",
        {
            "title": "Learn and act",
            "counts": selectors.action_counts(user),
            "overdue": selectors.actions(user, status="overdue")[:10],
            "at_risk": selectors.actions(user, status="at_risk")[:10],
            "recent_reviews": selectors.reviews(user)[:6],
            "awaiting": selectors.awaiting_my_sign_off(user).select_related("owner")[:10],
            "next_meeting": selectors.next_meeting(),
        },
    )
