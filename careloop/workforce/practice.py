"""Use cases for reflective practice, practice quality audits, peer feedback and development
pathways. Follow-up actions go to the learning area's tracker (`careloop.learning.services`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError
from careloop.learning import services as learning

from .models import (
    AuditAnswer,
    AuditQuestion,
    AuditStandard,
    CaseAudit,
    Enrolment,
    GroupSession,
    PeerFeedback,
    Rating,
)
from .models.people import manages

FOLLOW_UP_DAYS = 28


def _past(day, what: str) -> None:
    if not isinstance(day, dt.date):
        raise ServiceError(f"Enter the date {what}")
    if day > dt.date.today():
        raise ServiceError(f"The date {what} cannot be in the future")


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
        raise ServiceError("Choose the type of session")
    if not (topic or "").strip():
        raise ServiceError("Enter the topic")
    if not (practice_issue or "").strip():
        raise ServiceError("Describe the practice issue discussed")
    _past(held_on, "it was held")
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
    *, name: str, questions: list[str], description: str = "", standard=None
) -> AuditStandard:
    questions = [q.strip() for q in questions if q and q.strip()]
    if not (name or "").strip():
        raise ServiceError("Enter the name of the standard")
    if not questions:
        raise ServiceError("Enter at least one question, one a line")
    if (
        AuditStandard.objects.filter(name__iexact=name.strip())
        .exclude(pk=getattr(standard, "pk", None))
        .exists()
    ):
        raise ServiceError("Another standard already has this name")
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


def _follow_up_owner(practitioner, auditor):
    for person in (
        practitioner.line_manager,
        practitioner.team.manager if practitioner.team_id else None,
    ):
        if person is not None and person.is_active and person.pk != practitioner.pk:
            return person
    return auditor


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
        raise ServiceError("Someone else must audit your case files")
    if not (case_reference or "").strip():
        raise ServiceError("Enter the case reference")
    _past(audited_on, "of the audit")
    questions = [q for q in standard.questions.all() if q.order != 999]
    missing = [q.text for q in questions if not (answers.get(q.pk) or ("", ""))[0]]
    if missing:
        raise ServiceError(f"Give a rating for every question: {missing[0]}")
    for rating, _ in answers.values():
        if rating not in Rating.values:
            raise ServiceError("Choose outstanding, good, requires improvement or inadequate")
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
                owner=_follow_up_owner(practitioner, user),
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
        raise ServiceError("Enter your feedback")
    if user.pk == audit.practitioner_id:
        audit.practitioner_feedback = text
    elif manages(user, audit.practitioner) or can(user, "workforce.standard_edit"):
        audit.manager_feedback = text
    else:
        raise ServiceError("Only the practitioner and their manager give feedback on an audit")
    audit.save()
    return audit


def rating_distribution(standard: AuditStandard, audits=None) -> list[tuple]:
    """(question, {rating: count}, total) for each question: the themes across audits."""
    qs = AuditAnswer.objects.filter(audit__standard=standard)
    if audits is not None:
        qs = qs.filter(audit__in=audits)
    counts: dict[int, Counter] = {}
    for question_id, rating in qs.values_list("question_id", "rating"):
        counts.setdefault(question_id, Counter())[rating] += 1
    out = []
    for question in standard.questions.all():
        c = counts.get(question.pk, Counter())
        out.append((question, [(r.value, r.label, c[r.value]) for r in Rating], sum(c.values())))
    return out


def peer_feedback_add(
    *, user, practitioner, case_reference: str, effectiveness: str, comment: str
) -> PeerFeedback:
    if practitioner.pk == user.pk:
        raise ServiceError("Peer feedback comes from a colleague, not yourself")
    if practitioner.team_id and practitioner.team_id == user.team_id:
        raise ServiceError("Peer feedback comes from a colleague in another team")
    if effectiveness not in PeerFeedback.Effectiveness.values:
        raise ServiceError("Say how effective the support arrangement was")
    if not (comment or "").strip() or not (case_reference or "").strip():
        raise ServiceError("Enter the case reference and your comments")
    return PeerFeedback.objects.create(
        practitioner=practitioner,
        given_by=user,
        case_reference=case_reference.strip(),
        effectiveness=effectiveness,
        comment=comment.strip(),
    )


# --- Development pathways -----------------------------------------------------------------------
@transaction.atomic
def enrolment_apply(*, user, person, pathway: str, reason: str = "") -> Enrolment:
    from .models import Pathway

    if pathway not in Pathway.values:
        raise ServiceError("Choose a pathway")
    if person.pk != user.pk and not (
        manages(user, person) or can(user, "workforce.pathway_decide")
    ):
        raise ServiceError("You may apply for yourself, or for people you manage")
    open_ = Enrolment.objects.filter(person=person, pathway=pathway).exclude(
        status__in=("declined", "completed", "withdrawn")
    )
    if open_.exists():
        raise ServiceError(f"{person} already has an open application for this pathway")
    return Enrolment.objects.create(person=person, pathway=pathway, reason=(reason or "").strip())


@transaction.atomic
def enrolment_move(*, user, enrolment: Enrolment, to: str, note: str = "", on=None) -> Enrolment:
    """Approve or decline an application, start, complete or withdraw."""
    if to not in Enrolment.MOVES[enrolment.status]:
        raise ServiceError(
            f"An enrolment that is {enrolment.get_status_display().lower()} cannot become "
            f"{Enrolment.Status(to).label.lower() if to in Enrolment.Status.values else to}"
        )
    own_withdrawal = to == "withdrawn" and user.pk == enrolment.person_id
    if not own_withdrawal and not can(user, "workforce.pathway_decide"):
        raise ServiceError("Your role does not allow you to decide on pathways")
    if to in ("approved", "declined") and user.pk == enrolment.person_id:
        raise ServiceError("Someone else must decide on your own application")
    on = on or dt.date.today()
    enrolment.status = to
    if to in ("approved", "declined"):
        enrolment.decided_by, enrolment.decided_on = user, on
    elif to == "in_progress":
        enrolment.started_on = on
    elif to == "completed":
        enrolment.completed_on = on
    if note and note.strip():
        enrolment.progress_note = note.strip()
    enrolment.save()
    return enrolment


def pathway_counts(enrolments) -> list[tuple]:
    """(team name, {pathway: {status: n}}) for the enrolments given."""
    table: dict[str, Counter] = {}
    for team, pathway, status in enrolments.values_list("person__team__name", "pathway", "status"):
        table.setdefault(team or "No team", Counter())[(pathway, status)] += 1
    return sorted(table.items())
