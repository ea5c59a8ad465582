"""Reads about supervision: the sessions someone may see and the policy per career stage.
Never the private section: a session's page reads it only through
`SupervisionSession.private_visible_to`."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import CareerStage, SupervisionPolicy, SupervisionSession


def supervisions(user, *, person=None) -> QuerySet[SupervisionSession]:
    qs = SupervisionSession.objects.visible_to(user).select_related(
        "supervisee", "supervisor", "supervisee__team"
    )
    if person is not None:
        qs = qs.filter(supervisee=person)
    return qs


def policy_for(career_stage: str) -> SupervisionPolicy | None:
    return SupervisionPolicy.objects.filter(career_stage=career_stage).first()


def policy_rows() -> list[tuple[str, str, SupervisionPolicy | None]]:
    """(stage, label, policy or None) for every career stage."""
    held = {p.career_stage: p for p in SupervisionPolicy.objects.all()}
    return [(value, label, held.get(value)) for value, label in CareerStage.choices]
