"""Shared by the feedback pages: fetching a record the person may see, the action page."""

from __future__ import annotations

from django.shortcuts import render

from careloop.core.permissions import get_visible_or_404
from careloop.feedback.models import Feedback

CRUMB = ("Feedback", "/feedback/")


def _get(request, pk: int) -> Feedback:
    return get_visible_or_404(
        request.user,
        Feedback.objects.select_related(
            "owner", "team", "service", "provider", "from_organisation", "complaint"
        ),
        pk=pk,
    )


def _action_page(request, feedback, form, heading, submit, *, warning=False, intro=""):
    return render(
        request,
        "feedback/action.html",
        {
            "title": heading,
            "feedback": feedback,
            "form": form,
            "submit": submit,
            "warning": warning,
            "intro": intro,
            "cancel_url": feedback.get_absolute_url(),
            "breadcrumbs": [CRUMB, (feedback.reference, feedback.get_absolute_url())],
        },
    )
