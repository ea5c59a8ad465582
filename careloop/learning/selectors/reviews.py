"""Reads for learning reviews and their recommendations."""

from __future__ import annotations

from django.db.models import Count, Q

from careloop.core.selectors import chosen, search
from careloop.learning.models import Action, Recommendation, Review


def reviews(user, *, kind: str = "", status: str = "", query: str = ""):
    qs = (
        Review.objects.visible_to(user)
        .select_related("lead")
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            open_actions=Count(
                "recommendations__actions",
                filter=~Q(recommendations__actions__status__in=Action.FINISHED),
                distinct=True,
            ),
        )
    )
    qs = search(chosen(qs, kind=kind, status=status), query, "title", "summary")
    return qs.order_by("-started_on", "-id")


def recommendations_of(review: Review):
    return review.recommendations.prefetch_related("actions__owner").all()


def recommendation_for(user, pk: int) -> Recommendation | None:
    return Recommendation.objects.visible_to(user).select_related("review").filter(pk=pk).first()
