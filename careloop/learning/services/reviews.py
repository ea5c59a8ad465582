"""Learning reviews and their recommendations."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from careloop.core.attachments import (
    attachment_add_file,
    attachment_add_link,
    attachment_add_record,
    attachments_for,
)
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.learning.models import Recommendation, Review
from careloop.learning.services.common import set_fields

DOCUMENT = "document"  # Attachment role: the review's source documents
ARISES_FROM = "arises_from"  # Attachment role: the feedback or records it arose from

# A review's editable fields, in the order the form and the API show them ("teams" is saved
# apart, as the review's many-to-many).
REVIEW_FIELDS = (
    "title",
    "kind",
    "status",
    "sar_basis",
    "inspection_body",
    "audit_type",
    "conducted_by",
    "started_on",
    "reported_on",
    "response_due_on",
    "responded_on",
    "summary",
    "findings",
    "lead",
    "teams",
    "partners",
    "incident_on",
    "notified_on",
    "apology_given",
    "written_on",
    "is_restricted",
    "restriction_reason",
)
RECOMMENDATION_FIELDS = ("text", "response", "response_note")


def _check(review: Review) -> None:
    if not review.title.strip():
        raise ServiceError("Enter a title for the review")
    if review.kind not in Review.Kind.values:
        raise ServiceError("Choose what kind of review this is")
    if review.reported_on and review.reported_on < review.started_on:
        raise ServiceError("The date it reported must be the same as or after the date it started")
    if review.responded_on and review.responded_on < review.started_on:
        raise ServiceError("The response date must be the same as or after the date it started")
    if review.kind == Review.Kind.SAR and not review.sar_basis:
        raise ServiceError(
            "Say whether the Safeguarding Adults Review is mandatory or discretionary"
        )
    if review.kind == Review.Kind.CANDOUR:
        if not review.incident_on:
            raise ServiceError("Enter the date of the notifiable incident")
        for field, label in (("notified_on", "the person was told"), ("written_on", "the letter")):
            value = getattr(review, field)
            if value and value < review.incident_on:
                raise ServiceError(f"The date {label} cannot be before the incident")
    if review.is_restricted and not review.restriction_reason.strip():
        review.restriction_reason = (
            "Safeguarding Adults Review" if review.kind == Review.Kind.SAR else "Restricted"
        )


@transaction.atomic
def review_create(*, user, teams=(), **fields) -> Review:
    """Record a review. A Safeguarding Adults Review is restricted unless said otherwise; a
    coroner's report gets its 56-day response date."""
    fields.setdefault("is_restricted", fields.get("kind") == Review.Kind.SAR)
    review = Review(created_by=user)
    set_fields(review, fields, REVIEW_FIELDS, refusal="Unknown review fields")
    if not review.started_on:
        raise ServiceError("Enter the date the review started or was received")
    if not review.response_due_on:
        review.response_due_on = Review.default_response_due(review.kind, review.started_on)
    _check(review)
    review.save()
    if teams:
        review.teams.set(teams)
    return review


@transaction.atomic
def review_update(*, review: Review, user, teams=None, **fields) -> Review:
    set_fields(review, fields, REVIEW_FIELDS, refusal="Unknown review fields")
    if not review.response_due_on:
        review.response_due_on = Review.default_response_due(review.kind, review.started_on)
    _check(review)
    review.save()
    if teams is not None:
        review.teams.set(teams)
    return review


def review_add_document(*, review: Review, user, title: str, file=None, url: str = ""):
    common = {"record": review, "title": title, "user": user, "view_permission": "learning.view"}
    if file:
        return attachment_add_file(file=file, role=DOCUMENT, **common)
    if url:
        return attachment_add_link(url=url, role=DOCUMENT, **common)
    raise ServiceError("Upload a file or give a web link")


def review_link_record(*, review: Review, user, record, title: str = ""):
    """Link a record the review arose from (a complaint, a piece of feedback, a case)."""
    return attachment_add_record(
        record=review,
        target=record,
        title=title or str(record),
        user=user,
        view_permission="learning.view",
        role=ARISES_FROM,
    )


def linked_feedback_ids(review: Review) -> list[int]:
    """Ids of the feedback items linked to the review as what it arose from."""
    ids = attachments_for(review, role=ARISES_FROM).filter(
        target_type=ContentType.objects.get_for_model(Feedback)
    )
    return [int(pk) for pk in ids.values_list("target_id", flat=True) if pk.isdigit()]


def review_link_feedback(*, review: Review, user, feedback):
    """Link a feedback item the review arose from. Only items the person may see, once each."""
    if feedback is None or not feedback.is_visible_to(user):
        raise ServiceError("No such feedback item")
    if feedback.pk in linked_feedback_ids(review):
        raise ServiceError(f"{feedback.reference} is already linked to {review.reference}")
    return review_link_record(review=review, user=user, record=feedback, title=str(feedback))


def _check_recommendation(text: str, response: str, note: str) -> None:
    if not text.strip():
        raise ServiceError("Enter the recommendation")
    if response not in Recommendation.Response.values:
        raise ServiceError("Choose the council's response to the recommendation")
    partial = (Recommendation.Response.NOT_ACCEPTED, Recommendation.Response.PARTLY)
    if response in partial and not note.strip():
        raise ServiceError("Say why the recommendation is not accepted in full")


@transaction.atomic
def recommendation_add(
    *,
    review: Review,
    text: str,
    response: str = Recommendation.Response.ACCEPTED,
    response_note: str = "",
) -> Recommendation:
    _check_recommendation(text, response, response_note)
    Review.objects.select_for_update().filter(pk=review.pk).first()  # number in order
    last = review.recommendations.aggregate(n=Max("number"))["n"] or 0
    return Recommendation.objects.create(
        review=review,
        number=last + 1,
        text=text.strip(),
        response=response,
        response_note=response_note.strip(),
    )


def recommendation_update(
    *, recommendation: Recommendation, text: str, response: str, response_note: str = ""
) -> Recommendation:
    _check_recommendation(text, response, response_note)
    recommendation.text, recommendation.response = text.strip(), response
    recommendation.response_note = response_note.strip()
    recommendation.save()
    return recommendation


def review_mark_responded(*, review: Review, on: dt.date) -> Review:
    review.responded_on = on
    _check(review)
    review.save(update_fields=["responded_on"])
    return review
