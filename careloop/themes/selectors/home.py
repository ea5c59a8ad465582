"""The themes area on the home page: work waiting for a person, and headline figures."""

from __future__ import annotations

from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can
from careloop.feedback.models import Feedback
from careloop.themes import series as S
from careloop.themes.models import CommentFlag, Signal
from careloop.themes.selectors.audience import with_restricted


def my_work(user) -> list[WorkItem]:
    items = []
    if can(user, "themes.review"):
        wrong = CommentFlag.objects.filter(kind=CommentFlag.Kind.WRONG, resolved_at__isnull=True)
        visible = Feedback.objects.visible_to(user)
        for flag in wrong.filter(feedback__in=visible).select_related("feedback")[:10]:
            items.append(
                WorkItem(
                    title=f"Check the themes of {flag.feedback.reference}",
                    url=reverse("themes:feedback", args=[flag.feedback_id]),
                    area="Themes",
                    kind="Flagged as wrongly themed",
                )
            )
    return items


def headlines(user) -> list[Figure]:
    month = S.last_complete_month()
    latest = Signal.objects.filter(with_restricted=with_restricted(user), month=month)
    concerns = latest.filter(variation="concern").count()
    improvements = latest.filter(variation="improvement").count()
    return [
        Figure(
            label=f"Theme signals of concern in {month:%B %Y}",
            value=concerns,
            url=reverse("themes:signals"),
        ),
        Figure(
            label=f"Theme signals of improvement in {month:%B %Y}",
            value=improvements,
            url=reverse("themes:signals"),
        ),
    ]
