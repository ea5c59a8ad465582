"""The self-assessment: start one, draft and edit each statement, review, approve, sign off."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from careloop.assurance.drafting import draft_narrative, linked_sentences
from careloop.assurance.models import (
    EvidenceItem,
    ReviewEvent,
    SelfAssessment,
    StatementAssessment,
)
from careloop.assurance.services.framework import framework_ensure
from careloop.core import audit
from careloop.core.services import ServiceError

Status = StatementAssessment.Status
# What a person may set on a self-assessment and on each statement (the forms' fields).
ASSESSMENT_FIELDS = (
    "title",
    "as_at",
    "summary",
    "evidence_max_age_months",
    "min_items_per_category",
)
STATEMENT_FIELDS = ("score", "rationale", "strengths", "areas_for_development", "key_findings")


@transaction.atomic
def assessment_create(
    *,
    title: str,
    as_at: dt.date,
    user,
    evidence_max_age_months: int = 12,
    min_items_per_category: int = 2,
    draft: bool = True,
) -> SelfAssessment:
    """A new self-assessment on the current framework, one draft per quality statement,
    with the key findings drafted from the evidence library when `draft` is true."""
    framework = framework_ensure()
    assessment = SelfAssessment.objects.create(
        title=title.strip(),
        framework=framework,
        as_at=as_at,
        evidence_max_age_months=evidence_max_age_months,
        min_items_per_category=min_items_per_category,
        created_by=user,
    )
    for statement in framework.statements.all():
        sa = StatementAssessment.objects.create(
            self_assessment=assessment, statement=statement, updated_by=user
        )
        if draft:
            statement_draft(statement_assessment=sa, user=user)
    return assessment


def _check_open(assessment: SelfAssessment) -> None:
    """Refuse changes to a signed-off self-assessment (read afresh, and locked, so that a
    sign-off at the same moment cannot slip past)."""
    assessment.status = (
        SelfAssessment.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=assessment.pk)
    )
    if assessment.is_signed_off:
        raise ServiceError(
            "This self-assessment has been signed off. Withdraw the sign-off to change it."
        )


@transaction.atomic
def assessment_update(*, form) -> SelfAssessment:
    _check_open(form.instance)
    return form.save()


def _check_editable(sa: StatementAssessment) -> None:
    _check_open(sa.self_assessment)
    if sa.status != Status.DRAFT:
        raise ServiceError(
            f"{sa.statement.name} is {sa.get_status_display().lower()}: it can be changed only "
            "after it is returned or reopened for editing."
        )


@transaction.atomic
def statement_save(*, form, user) -> StatementAssessment:
    """Save the person's score, rationale, strengths, areas for development and narrative."""
    _check_editable(form.instance)
    sa = form.save(commit=False)
    sa.updated_by = user
    sa.save()
    return sa


@transaction.atomic
def statement_draft(*, statement_assessment: StatementAssessment, user) -> StatementAssessment:
    """Replace the key findings with a fresh draft from the evidence (the old text stays in
    the history)."""
    sa = statement_assessment
    _check_editable(sa)
    narrative = draft_narrative(sa)
    sa.key_findings = narrative.text
    sa.sentence_evidence = narrative.sentence_evidence()
    sa.drafted_at = timezone.now()
    sa.updated_by = user
    sa.save()
    return sa


@transaction.atomic
def sentence_link(
    *, statement_assessment: StatementAssessment, sentence: str, evidence_ids: list[int], user
) -> StatementAssessment:
    """Say which evidence one sentence of the narrative rests on."""
    sa = statement_assessment
    _check_editable(sa)
    sentence = " ".join(sentence.split())
    known = set(
        EvidenceItem.objects.for_statement(sa.statement.number)
        .filter(pk__in=evidence_ids)
        .values_list("pk", flat=True)
    )
    if set(evidence_ids) - known:
        raise ServiceError("Choose evidence tagged to this quality statement")
    current = {s.text: s.evidence_ids for p in linked_sentences(sa) for s in p}
    if sentence not in current:
        raise ServiceError("That sentence is no longer in the key findings")
    links = [link for link in sa.sentence_evidence if " ".join(link["text"].split()) != sentence]
    links.append({"text": sentence, "evidence": sorted(known)})
    sa.sentence_evidence = links
    sa.updated_by = user
    sa.save(update_fields=["sentence_evidence", "updated_by", "updated_at"])
    audit.record(
        "update",
        sa,
        changes={"evidence for a sentence": [current[sentence], sorted(known)]},
        reason=sentence[:200],
    )
    return sa


def _event(sa: StatementAssessment | None, assessment, action: str, user, comment: str = ""):
    return ReviewEvent.objects.create(
        self_assessment=assessment,
        statement_assessment=sa,
        action=action,
        comment=comment.strip(),
        by=user,
    )


def _move(
    sa: StatementAssessment, status: str, user, action: str, comment: str
) -> StatementAssessment:
    """Move a statement to `status`, with the review event that says who did it and why."""
    sa.status = status
    sa.updated_by = user
    sa.save(update_fields=["status", "updated_by", "updated_at"])
    _event(sa, sa.self_assessment, action, user, comment)
    return sa


@transaction.atomic
def statement_submit(*, statement_assessment: StatementAssessment, user, comment: str = ""):
    """Send a statement for review: it needs a proposed score and key findings."""
    sa = statement_assessment
    _check_editable(sa)
    missing = [
        label
        for label, value in (("a proposed score", sa.score), ("key findings", sa.key_findings))
        if not value
    ]
    if missing:
        raise ServiceError(f"Add {' and '.join(missing)} before sending it for review")
    return _move(sa, Status.IN_REVIEW, user, ReviewEvent.Action.SUBMITTED, comment)


@transaction.atomic
def statement_approve(*, statement_assessment: StatementAssessment, user, comment: str = ""):
    sa = statement_assessment
    _check_open(sa.self_assessment)
    if sa.status != Status.IN_REVIEW:
        raise ServiceError("Only a statement sent for review can be approved")
    submitted = (
        sa.reviews.filter(action=ReviewEvent.Action.SUBMITTED).order_by("-at", "-id").first()
    )
    if submitted is not None and submitted.by_id == user.pk:
        raise ServiceError(
            "You sent this statement for review, so someone else must approve it: "
            "approval is a second person's check"
        )
    return _move(sa, Status.APPROVED, user, ReviewEvent.Action.APPROVED, comment)


@transaction.atomic
def statement_return(*, statement_assessment: StatementAssessment, user, comment: str):
    """Send a statement back for changes, saying what needs changing."""
    sa = statement_assessment
    _check_open(sa.self_assessment)
    if sa.status != Status.IN_REVIEW:
        raise ServiceError("Only a statement sent for review can be returned")
    if not comment.strip():
        raise ServiceError("Say what needs to change", field="comment")
    return _move(sa, Status.DRAFT, user, ReviewEvent.Action.RETURNED, comment)


@transaction.atomic
def statement_reopen(*, statement_assessment: StatementAssessment, user, comment: str = ""):
    """Take an approved (or in review) statement back to draft to change it."""
    sa = statement_assessment
    _check_open(sa.self_assessment)
    if sa.status == Status.DRAFT:
        raise ServiceError("This statement is already a draft")
    return _move(sa, Status.DRAFT, user, ReviewEvent.Action.REOPENED, comment)


@transaction.atomic
def assessment_sign_off(*, assessment: SelfAssessment, user, comment: str = "") -> SelfAssessment:
    """Sign off the whole self-assessment once all nine statements are scored and approved."""
    _check_open(assessment)
    waiting = [
        sa.statement.name for sa in assessment.statements.all() if sa.status != Status.APPROVED
    ]
    if waiting:
        raise ServiceError(
            f"{len(waiting)} of 9 quality statements are not approved yet: {', '.join(waiting)}"
        )
    outcome = assessment.rating()
    if outcome.rating is None:
        raise ServiceError(outcome.reason or "The overall rating cannot be worked out")
    assessment.status = SelfAssessment.Status.APPROVED
    assessment.approved_by, assessment.approved_at = user, timezone.now()
    assessment.save(update_fields=["status", "approved_by", "approved_at"])
    _event(None, assessment, ReviewEvent.Action.SIGNED_OFF, user, comment)
    return assessment


@transaction.atomic
def assessment_withdraw_sign_off(*, assessment: SelfAssessment, user, comment: str):
    if not assessment.is_signed_off:
        raise ServiceError("This self-assessment has not been signed off")
    if not comment.strip():
        raise ServiceError("Say why the sign-off is withdrawn", field="comment")
    assessment.status = SelfAssessment.Status.DRAFT
    assessment.approved_by = assessment.approved_at = None
    assessment.save(update_fields=["status", "approved_by", "approved_at"])
    _event(None, assessment, ReviewEvent.Action.SIGN_OFF_WITHDRAWN, user, comment)
    return assessment
