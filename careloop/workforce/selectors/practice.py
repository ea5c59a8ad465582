"""Reads about practice: group sessions, case file audits and their themes, and development
pathways (who may see which, and the figures across them)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q, QuerySet

from careloop.core.models import User
from careloop.core.permissions import can
from careloop.core.selectors import chosen

from ..models import AuditAnswer, AuditStandard, CaseAudit, Enrolment, GroupSession, Rating
from ..models.people import manager_q, manages


# --- Group sessions ------------------------------------------------------------------------------
def group_sessions(*, kind: str = "") -> QuerySet[GroupSession]:
    """Every group session (they are not restricted to their attendees), of one kind if given."""
    return chosen(GroupSession.objects.select_related("facilitator"), kind=kind)


# --- Case file audits ----------------------------------------------------------------------------
def audits(user) -> QuerySet[CaseAudit]:
    """Audits `user` may see: all for auditors, otherwise those of their own case files."""
    qs = CaseAudit.objects.select_related("practitioner", "auditor", "standard", "team")
    if can(user, "workforce.audit"):
        return qs
    return qs.filter(practitioner=user)


def active_standards() -> QuerySet[AuditStandard]:
    return AuditStandard.objects.filter(is_active=True)


def standard_audits(standard: AuditStandard, *, team: str = "") -> QuerySet[CaseAudit]:
    """The audits against a standard, of one team when `team` is a team's id."""
    qs = CaseAudit.objects.filter(standard=standard)
    if team.isdigit():
        qs = qs.filter(team_id=int(team))
    return qs


def may_give_audit_feedback(user, audit: CaseAudit) -> bool:
    """The practitioner, their manager, and those who set the standards."""
    return (
        user.pk == audit.practitioner_id
        or manages(user, audit.practitioner)
        or can(user, "workforce.standard_edit")
    )


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


# --- Development pathways ------------------------------------------------------------------------
def enrolments(user) -> QuerySet[Enrolment]:
    """Enrolments `user` may see: all for those who decide, otherwise their own and those of
    people they manage."""
    qs = Enrolment.objects.select_related("person", "person__team")
    if can(user, "workforce.pathway_decide"):
        return qs
    return qs.filter(Q(person=user) | manager_q(user, "person__"))


def pathway_applicants(user) -> QuerySet[User]:
    """Whom `user` may apply for: anyone for those who decide, else themselves and the people
    they manage."""
    people = User.objects.filter(is_active=True)
    if not can(user, "workforce.pathway_decide"):
        people = people.filter(Q(pk=user.pk) | manager_q(user))
    return people.order_by("full_name")


def enrolment_moves(user, enrolment: Enrolment) -> list[tuple[str, str]]:
    """The moves `user` may make: all for those who decide; a person may withdraw."""
    moves = enrolment.next_statuses
    if not can(user, "workforce.pathway_decide"):
        moves = [m for m in moves if m[0] == "withdrawn" and user.pk == enrolment.person_id]
    return moves


def pathway_counts(enrolments) -> list[tuple]:
    """(team name, {pathway: {status: n}}) for the enrolments given."""
    table: dict[str, Counter] = {}
    for team, pathway, status in enrolments.values_list("person__team__name", "pathway", "status"):
        table.setdefault(team or "No team", Counter())[(pathway, status)] += 1
    return sorted(table.items())
