"""Learning briefs a person may see."""

from __future__ import annotations

from django.db.models import Q

from careloop.core.permissions import can
from careloop.learning.models import LearningBrief, Review


def visible_briefs(user):
    """Everyone with the area sees sent briefs; drafts are for the people who write them.
    A brief about a restricted review is seen by those who may see the review, and by the
    people it was sent to."""
    qs = LearningBrief.objects.select_related("review")
    if not can(user, "learning.manage_briefs"):
        qs = qs.filter(status=LearningBrief.Status.SENT)
    hidden = Review.objects.filter(is_restricted=True).exclude(
        pk__in=Review.objects.visible_to(user).values("pk")
    )
    return qs.filter(~Q(review__in=hidden) | Q(recipients__person=user)).distinct()
