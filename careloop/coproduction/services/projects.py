"""Coproduction projects, and who was involved at which stage and how deeply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from careloop.core.services import ServiceError, save_fields

from ..models import Involvement, Project

PROJECT_FIELDS = (
    "title",
    "kind",
    "summary",
    "lead",
    "team",
    "status",
    "started_on",
    "drafted_on",
    "completed_on",
    "late_response",
)
INVOLVEMENT_FIELDS = ("group", "participant", "stage", "rung", "started_on", "what")


def project_save(*, project: Project | None = None, **fields: Any) -> Project:
    return save_fields(project or Project(), fields, PROJECT_FIELDS)


def involvement_save(
    *, project: Project, involvement: Involvement | None = None, **fields: Any
) -> Involvement:
    group, participant = fields.get("group"), fields.get("participant")
    if bool(group) == bool(participant):
        raise ServiceError("Choose a group or a participant (one of the two)", field="group")
    if participant is not None and involvement is None and not participant.can_be_contacted:
        raise ServiceError(
            "This person has not given consent (or has withdrawn it), so they cannot be involved",
            field="participant",
        )
    if fields.get("started_on") and fields["started_on"] > dt.date.today():
        raise ServiceError("The date cannot be in the future", field="started_on")
    duplicate = Involvement.objects.filter(project=project, stage=fields.get("stage"))
    duplicate = (
        duplicate.filter(group=group) if group else duplicate.filter(participant=participant)
    )
    if involvement is not None:
        duplicate = duplicate.exclude(pk=involvement.pk)
    if duplicate.exists():
        raise ServiceError(
            "They are already recorded at this stage; change that record instead", field="stage"
        )
    return save_fields(involvement or Involvement(project=project), fields, INVOLVEMENT_FIELDS)


def involvement_delete(*, involvement: Involvement) -> None:
    involvement.delete()
