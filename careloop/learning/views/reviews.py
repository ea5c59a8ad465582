"""Learning reviews and recommendations."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from careloop.core import web
from careloop.core.attachments import AttachmentForm, attachments_for
from careloop.core.forms import GovukForm
from careloop.core.permissions import can_see, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate
from careloop.feedback.models import Feedback
from careloop.learning import selectors, services
from careloop.learning.forms import RecommendationForm, ReviewForm
from careloop.learning.models import Action, Recommendation, Review
from careloop.learning.services.reviews import ARISES_FROM, DOCUMENT, linked_feedback_ids

from .common import crumbs

REVIEWS_CRUMB = ("Learning reviews", "/learning/reviews/")


@require("learning.view")
def review_index(request):
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    qs = selectors.reviews(request.user, kind=kind, status=status, query=query)
    return render(
        request,
        "learning/review_index.html",
        {
            "title": "Learning reviews",
            "breadcrumbs": crumbs(),
            "kinds": Review.Kind.choices,
            "statuses": Review.Status.choices,
            "kind": kind,
            "status": status,
            "query": query,
            **paginate(request, qs),
        },
    )


@require("learning.view")
def review_show(request, pk: int):
    review = get_visible_or_404(
        request.user, Review.objects.select_related("lead", "created_by"), pk=pk
    )
    visible = Action.objects.visible_to(request.user).select_related("owner")
    recommendations = []
    for rec in review.recommendations.all():
        rec.visible_actions = list(visible.filter(recommendation=rec))
        rec.caption = f"Actions for recommendation {rec.number}"
        recommendations.append(rec)
    return render(
        request,
        "learning/review_show.html",
        {
            "title": review.title,
            "review": review,
            "recommendations": recommendations,
            "documents": attachments_for(review, role=DOCUMENT),
            "arises_from": _arises_from(request.user, review),
            "history": history_for(review),
            "breadcrumbs": crumbs(REVIEWS_CRUMB),
        },
    )


@require("learning.manage_reviews")
def review_new(request):
    form = ReviewForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.review_create(user=request.user, **data),
        "Record a learning review",
        success=lambda review: f"Review {review.reference} recorded",
        breadcrumbs=crumbs(REVIEWS_CRUMB),
        intro="A Safeguarding Adults Review, an Ombudsman decision, an inspection, an audit or "
        "any other review the council learns from. Add its recommendations next.",
        cancel_url=reverse("learning:review_index"),
    )


@require("learning.manage_reviews")
def review_edit(request, pk: int):
    review = get_visible_or_404(request.user, Review.objects.all(), pk=pk)
    form = ReviewForm(request.POST or None, instance=review)
    fresh = Review.objects.get(pk=review.pk)  # the form changes `review` in place
    return web.form_view(
        request,
        form,
        lambda data: services.review_update(review=fresh, user=request.user, **data),
        f"Edit {review.reference}",
        success="Review saved",
        redirect_to=fresh,
        breadcrumbs=crumbs(
            REVIEWS_CRUMB,
            (review.reference, review.get_absolute_url()),
        ),
        cancel_url=review.get_absolute_url(),
    )


@require("learning.manage_reviews")
def review_document(request, pk: int):
    review = get_visible_or_404(request.user, Review.objects.all(), pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return web.form_view(
        request,
        form,
        lambda data: services.review_add_document(review=review, user=request.user, **data),
        "Add a source document",
        success="Document added",
        redirect_to=review,
        submit="Add document",
        breadcrumbs=crumbs(
            REVIEWS_CRUMB,
            (review.reference, review.get_absolute_url()),
        ),
        intro=f"The report, decision letter or other document for {review}.",
        cancel_url=review.get_absolute_url(),
    )


@require("learning.manage_reviews")
def recommendation_new(request, pk: int):
    review = get_visible_or_404(request.user, Review.objects.all(), pk=pk)
    form = RecommendationForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.recommendation_add(review=review, **data),
        "Add a recommendation",
        success=lambda rec: f"Recommendation {rec.number} added",
        redirect_to=lambda rec: review.get_absolute_url() + f"#rec-{rec.number}",
        submit="Add recommendation",
        breadcrumbs=crumbs(
            REVIEWS_CRUMB,
            (review.reference, review.get_absolute_url()),
        ),
        intro=f"A recommendation of {review}. You can add actions to it once it is saved.",
        cancel_url=review.get_absolute_url(),
    )


@require("learning.manage_reviews")
def recommendation_edit(request, pk: int):
    rec = get_visible_or_404(request.user, Recommendation.objects.select_related("review"), pk=pk)
    form = RecommendationForm(request.POST or None, instance=Recommendation.objects.get(pk=pk))
    return web.form_view(
        request,
        form,
        lambda data: services.recommendation_update(recommendation=rec, **data),
        f"Edit recommendation {rec.number}",
        success=f"Recommendation {rec.number} saved",
        redirect_to=rec.get_absolute_url(),
        breadcrumbs=crumbs(
            REVIEWS_CRUMB,
            (rec.review.reference, rec.review.get_absolute_url()),
        ),
        cancel_url=rec.get_absolute_url(),
    )


def _arises_from(user, review: Review) -> list:
    """What the review arose from; a linked record the person may not see (restricted
    feedback) is counted, not named."""
    out = []
    for item in attachments_for(review, role=ARISES_FROM):
        target = item.target if item.target_type_id else None
        item.hidden = target is not None and not can_see(user, target)
        out.append(item)
    return out


class FeedbackSearchForm(GovukForm):
    q = forms.CharField(
        max_length=50,
        label="Feedback reference",
        help_text="All or part of it, for example FB-2026-0123",
        error_messages={"required": "Enter all or part of a feedback reference"},
    )


@require("learning.manage_reviews")
def review_feedback(request, pk: int):
    """Find feedback by reference and link it as what the review arose from."""
    user = request.user
    review = get_visible_or_404(user, Review.objects.all(), pk=pk)
    visible = Feedback.objects.visible_to(user)
    data = request.POST if request.method == "POST" else request.GET
    form = FeedbackSearchForm(data if "q" in data else None)
    if request.method == "POST":
        chosen = visible.filter(pk=_int(request.POST.get("feedback"))).first()
        if web.attempt(
            form,
            lambda: services.review_link_feedback(review=review, user=user, feedback=chosen),
        ):
            messages.success(request, f"{chosen.reference} linked to {review.reference}")
            return redirect(review.get_absolute_url() + "#arises-from")
    results = []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        results = list(visible.filter(reference__icontains=query).order_by("-received_on")[:25])
    linked = set(linked_feedback_ids(review))
    for item in results:
        item.linked = item.pk in linked
    return render(
        request,
        "learning/review_feedback.html",
        {
            "title": "Link feedback this review arose from",
            "review": review,
            "form": form if form.is_bound and form.errors else None,
            "search_form": form,
            "results": results,
            "searched": form.is_bound and not form.errors,
            "breadcrumbs": crumbs(
                REVIEWS_CRUMB,
                (review.reference, review.get_absolute_url()),
            ),
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
