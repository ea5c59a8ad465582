"""Pilots and their life cycle: propose, edit, approve, start, begin evaluating, stop."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from careloop.core import audit
from careloop.core.models import AuditEntry
from careloop.core.permissions import can
from careloop.core.services import ServiceError, save_fields

from ..models import Pilot

Status = Pilot.Status

# What a person may set on a pilot, on its page and through the API. The status moves only
# through pilot_move and evaluations.
PILOT_FIELDS = (
    "title",
    "problem",
    "idea",
    "hypothesis",
    "cohort",
    "design",
    "comparison_group",
    "baseline_start",
    "start_date",
    "end_date",
    "partners",
    "providers",
    "budget",
    "lead",
    "team",
)

# Moves a person may make directly; scaling, adapting and stopping after an evaluation go
# through evaluation_record.
MOVES = {
    (Status.PROPOSED, Status.APPROVED): "innovation.approve",
    (Status.APPROVED, Status.RUNNING): "innovation.edit",
    (Status.RUNNING, Status.EVALUATING): "innovation.edit",
    (Status.PROPOSED, Status.STOPPED): "innovation.approve",
    (Status.APPROVED, Status.STOPPED): "innovation.approve",
    (Status.RUNNING, Status.STOPPED): "innovation.approve",
    (Status.EVALUATING, Status.STOPPED): "innovation.approve",
}


def pilot_create(*, user, **fields) -> Pilot:
    fields.setdefault("lead", user)
    return save_fields(Pilot(status=Status.PROPOSED), fields, PILOT_FIELDS)


def pilot_update(*, pilot: Pilot, **fields) -> Pilot:
    fields.pop("status", None)  # the status moves only through pilot_move and evaluations
    return save_fields(pilot, fields, PILOT_FIELDS)


def moves_for(pilot: Pilot, user) -> list[tuple[str, str]]:
    """(status, label) the person may move this pilot to now."""
    return [
        (to, Status(to).label)
        for (frm, to), perm in MOVES.items()
        if frm == pilot.status and can(user, perm)
    ]


@transaction.atomic
def pilot_move(*, pilot: Pilot, to: str, user, reason: str = "") -> Pilot:
    """Move a pilot along its life cycle: approve, start, begin evaluating, or stop.

    Refusals about stopping are about the reason the stop page asks for (field ``reason``)."""
    key = (pilot.status, to)
    if key not in MOVES:
        current = pilot.get_status_display().lower()
        if to in (Status.SCALED, Status.RUNNING) and pilot.status == Status.EVALUATING:
            raise ServiceError(
                "Scaling up or continuing a pilot is decided in its evaluation: record an "
                "evaluation with the decision and its reasons."
            )
        raise ServiceError(
            f"A pilot that is {current} cannot be moved to “{Status(to).label}”.",
            field="reason" if to == Status.STOPPED else None,
        )
    if not can(user, MOVES[key]):
        raise PermissionDenied
    reason = (reason or "").strip()
    today = dt.date.today()
    if to == Status.APPROVED:
        pilot.approved_by, pilot.approved_on = user, today
    elif to == Status.RUNNING:
        if not pilot.measures.exists():
            raise ServiceError(
                "Add at least one outcome measure before the pilot starts, so there is "
                "something to evaluate it on."
            )
        if pilot.start_date is None:
            pilot.start_date = today
    elif to == Status.STOPPED:
        if not reason:
            raise ServiceError("Give the reason the pilot is being stopped.", field="reason")
        pilot.stop_reason = reason
    pilot.status, pilot.status_changed_on = to, today
    pilot.save()
    if reason:
        audit.record(AuditEntry.Action.UPDATE, pilot, reason=reason, changes={})
    return pilot
