"""Evaluations of a pilot and the decision to scale up, adapt and continue, or stop."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError, save_fields

from ..models import Evaluation, Pilot

Status = Pilot.Status

# What an evaluation records (evaluation_record's keywords), on its page and through the API.
EVALUATION_FIELDS = ("kind", "data_to", "summary", "decision", "reasons", "extend_to")

NO_SUMMARY = "Write the plain-English summary"


@transaction.atomic
def evaluation_record(
    *,
    pilot: Pilot,
    user,
    kind: str,
    data_to: dt.date,
    summary: str,
    decision: str = "",
    reasons: str = "",
    extend_to: dt.date | None = None,
) -> Evaluation:
    """Record an evaluation; with a decision, the pilot scales up, continues adapted, or stops."""
    errors: dict[str, str | list[str]] = {}
    summary, reasons = (summary or "").strip(), (reasons or "").strip()
    if not summary:
        errors["summary"] = NO_SUMMARY
    if data_to > dt.date.today():
        errors["data_to"] = "The data cannot run beyond today"
    if kind == Evaluation.Kind.FINAL and not decision:
        errors["decision"] = "A final evaluation needs a decision: scale up, adapt or stop"
    if decision and not reasons:
        errors["reasons"] = "Give the reasons for the decision"
    if extend_to and decision != Evaluation.Decision.ADAPT:
        errors["extend_to"] = "A new end date goes with a decision to adapt and continue"
    elif extend_to and extend_to <= data_to:
        errors["extend_to"] = "The new end date must be after the date the data runs to"
    if errors:
        raise ServiceError(errors)
    if decision:
        if not can(user, "innovation.approve"):
            raise PermissionDenied
        if pilot.status not in (Status.RUNNING, Status.EVALUATING):
            raise ServiceError(
                f"A decision can be made on a running or evaluating pilot; this one is "
                f"{pilot.get_status_display().lower()}.",
                field="decision",
            )
    evaluation = Evaluation.objects.create(
        pilot=pilot,
        kind=kind,
        data_to=data_to,
        summary=summary,
        decision=decision,
        reasons=reasons,
        extend_to=extend_to,
        author=user,
        decided_by=user if decision else None,
        decided_on=dt.date.today() if decision else None,
    )
    if decision:
        _apply_decision(pilot, evaluation)
    return evaluation


def _apply_decision(pilot: Pilot, evaluation: Evaluation) -> None:
    if evaluation.decision == Evaluation.Decision.SCALE:
        pilot.status = Status.SCALED
    elif evaluation.decision == Evaluation.Decision.STOP:
        pilot.status, pilot.stop_reason = Status.STOPPED, evaluation.reasons
    else:
        pilot.status = Status.RUNNING
        if evaluation.extend_to:
            pilot.end_date = evaluation.extend_to
    pilot.status_changed_on = dt.date.today()
    pilot.save()


def evaluation_update_summary(*, evaluation: Evaluation, summary: str) -> Evaluation:
    """Reword the summary. A decision, once made, stands: record a new evaluation to change it."""
    if not (summary or "").strip():
        raise ServiceError(NO_SUMMARY, field="summary")
    return save_fields(evaluation, {"summary": summary.strip()}, ("summary",))
