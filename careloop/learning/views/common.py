"""The Learn and act dashboard and helpers shared by its pages."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from careloop.core.permissions import require
from careloop.core.services import ServiceError
from careloop.learning import selectors


def crumbs(*extra):
    return [("Learn and act", reverse("learning:index")), *extra]


def attempt(form, call):
    """Run a service; a refusal becomes an error on the form (shown in the error summary)."""
    try:
        return call()
    except ServiceError as error:
        form.add_error(None, str(error))
        return None


def form_page(request, form, title, *, submit="Save", breadcrumbs=(), intro="", cancel_url=""):
    return render(
        request,
        "core/form_page.html",
        {
            "title": title,
            "form": form,
            "submit": submit,
            "breadcrumbs": list(breadcrumbs),
            "intro": intro,
            "cancel_url": cancel_url,
        },
    )


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
