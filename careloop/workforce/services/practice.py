"""Use cases that write practice: reflective practice and quality circles, case file audits
against a standard (whose inadequate answers become follow-up actions in Learn and act's
tracker, `careloop.learning.services`), and peer feedback on support arrangements."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError
from careloop.learning import services as learning

from ..models import (
    AuditAnswer,
    AuditQuestion,
    AuditStandard,
    CaseAudit,
    GroupSession,
    PeerFeedback,
    Rating,
)
from ..selectors import managers_of, may_give_audit_feedback

FOLLOW_UP_DAYS = 28


def past_date(day, what: str, field: str) -> None:
    """Refuse a missing or future date: "Enter the date {what}"."""
    if not isinstance(day, dt.date):
        raise ServiceError(f"Enter the date {what}", field=field)
    if day > dt.date.today():
        raise ServiceError(f"The date {what} cannot be in the future", field=field)


# --- Group sessions ------------------------------------------------------------------------------
@transaction.atomic
def group_session_record(
    *,
    user,
    kind: str,
    topic: str,
    held_on: dt.date,
    practice_issue: str,
    attendees=(),
    learning_outputs: str = "",
    facilitator=None,
) -> GroupSession:
    if kind not in GroupSession.Kind.values:
        raise ServiceError("Choose the type of session", field="kind")
    if not (topic or "").strip():
        raise ServiceError("Enter the topic", field="topic")
    if not (practice_issue or "").strip():
        raise ServiceError("Describe the practice issue discussed", field="practice_issue")
    past_date(held_on, "it was held", "held_on")
    session = GroupSession.objects.create(
        kind=kind,
        topic=topic.strip(),
        held_on=held_on,
        facilitator=facilitator or user,
        practice_issue=practice_issue.strip(),
        learning_outputs=(learning_outputs or "").strip(),
    )
    session.attendees.set(attendees)
    return session


# --- Practice quality audits ---------------------------------------------------------------------
@transaction.atomic
def standard_save(
    *,
    name: str,
    questions: list[str],
    description: str = "",
    standard: AuditStandard | None = None,
) -> AuditStandard:
    questions = [q.strip() for q in questions if q and q.strip()]
    if not (name or "").strip():
        raise ServiceError("Enter the name of the standard", field="name")
    if not questions:
        raise ServiceError("Enter at least one question, one a line", field="questions")
    others = AuditStandard.objects.filter(name__iexact=name.strip())
    if standard is not None:
        others = others.exclude(pk=standard.pk)
    if others.exists():
        raise ServiceError("Another standard already has this name", field="name")
    standard = standard or AuditStandard()
    standard.name, standard.description = name.strip(), (description or "").strip()
    standard.save()
    held = {q.text: q for q in standard.questions.all()}
    for order, text in enumerate(questions, start=1):
        question = held.pop(text, None) or AuditQuestion(standard=standard, text=text[:300])
        question.order = order
        question.save()
    for question in held.values():  # questions no longer asked: kept if answered
        if question.answers.exists():
            question.order = 999
            question.save()
        else:
            question.delete()
    return standard


@transaction.atomic
def audit_record(
    *,
    user,
    standard: AuditStandard,
    practitioner,
    case_reference: str,
    audited_on: dt.date,
    answers: dict[int, tuple[str, str]],
) -> CaseAudit:
    """Record a case file audit. Every inadequate answer gets a follow-up action, owned by the
    practitioner's manager and due in four weeks."""
    if not can(user, "workforce.audit"):
        raise ServiceError("Your role does not allow you to audit case files")
    if practitioner.pk == user.pk:
        raise ServiceError("Someone else must audit your case files", field="practitioner")
    if not (case_reference or "").strip():
        raise ServiceError("Enter the case reference", field="case_reference")
    past_date(audited_on, "of the audit", "audited_on")
    questions = [q for q in standard.questions.all() if q.order != 999]
    for q in questions:
        if not (answers.get(q.pk) or ("", ""))[0]:
            raise ServiceError(
                f"Give a rating for every question: {q.text}", field=f"rating_{q.pk}"
            )
    for pk, (rating, _) in answers.items():
        if rating not in Rating.values:
            raise ServiceError(
                "Choose outstanding, good, requires improvement or inadequate", field=f"rating_{pk}"
            )
    audit = CaseAudit.objects.create(
        standard=standard,
        practitioner=practitioner,
        auditor=user,
        team=practitioner.team,
        case_reference=case_reference.strip(),
        audited_on=audited_on,
    )
    for question in questions:
        rating, comment = answers[question.pk]
        answer = AuditAnswer.objects.create(
            audit=audit, question=question, rating=rating, comment=(comment or "").strip()
        )
        if rating == Rating.INADEQUATE:
            learning.action_create(
                source=audit,
                title=f"{audit.reference}: {question.text}"[:200],
                owner=(managers_of(practitioner) or [user])[0],
                due=dt.date.today() + dt.timedelta(days=FOLLOW_UP_DAYS),
                description=f"Rated inadequate in the case file audit of case "
                f"{audit.case_reference}. {answer.comment}".strip(),
                created_by=user if getattr(user, "pk", None) else None,
            )
    return audit


def audit_feedback(*, user, audit: CaseAudit, text: str) -> CaseAudit:
    """The practitioner's or their manager's feedback on the audit."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("Enter your feedback", field="text")
    if user.pk == audit.practitioner_id:
        audit.practitioner_feedback = text
    elif may_give_audit_feedback(user, audit):
        audit.manager_feedback = text
    else:
        raise ServiceError("Only the practitioner and their manager give feedback on an audit")
    audit.save()
    return audit


def peer_feedback_add(
    *, user, practitioner, case_reference: str, effectiveness: str, comment: str
) -> PeerFeedback:
    if practitioner.pk == user.pk:
        raise ServiceError("Peer feedback comes from a colleague, not yourself")
    if practitioner.team_id and practitioner.team_id == user.team_id:
        raise ServiceError("Peer feedback comes from a colleague in another team")
    if effectiveness not in PeerFeedback.Effectiveness.values:
        raise ServiceError("Say how effective the support arrangement was", field="effectiveness")
    if not (comment or "").strip() or not (case_reference or "").strip():
        raise ServiceError("Enter the case reference and your comments")
    return PeerFeedback.objects.create(
        practitioner=practitioner,
        given_by=user,
        case_reference=case_reference.strip(),
        effectiveness=effectiveness,
        comment=comment.strip(),
    )
