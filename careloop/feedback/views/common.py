"""Shared by the feedback pages: fetching a record the person may see, the action page."""

from __future__ import annotations

from careloop.core import web
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


def on_record(feedback: Feedback, *, warning: bool = False) -> dict:
    """The form page of a step on a record (`feedback/action.html`: the record's summary above
    the form): its breadcrumbs, template and cancel link, for `web.form_view`/`form_page`."""
    return {
        "breadcrumbs": web.crumbs(CRUMB, (feedback.reference, feedback.get_absolute_url())),
        "cancel_url": feedback.get_absolute_url(),
        "template": "feedback/action.html",
        "feedback": feedback,
        "warning": warning,
    }
