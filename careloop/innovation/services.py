"""Use cases that write: pilots and their life cycle, measures and readings, stories, risks,
evaluations and decisions, external learning. Keyword-only; every write is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careloop.core import audit
from careloop.core.models import AuditEntry
from careloop.core.permissions import can
from careloop.core.services import ServiceError

from .models import Evaluation, ExternalLearning, Measure, Pilot, Reading, Risk, Story

Status = Pilot.Status

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


def _save(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


# --- Pilots -----------------------------------------------------------------------------------
def pilot_create(*, user, **fields) -> Pilot:
    fields.setdefault("lead", user)
    return _save(Pilot(status=Status.PROPOSED), **fields)


def pilot_update(*, pilot: Pilot, **fields) -> Pilot:
    fields.pop("status", None)  # the status moves only through pilot_move and evaluations
    return _save(pilot, **fields)


def moves_for(pilot: Pilot, user) -> list[tuple[str, str]]:
    """(status, label) the person may move this pilot to now."""
    return [
        (to, Status(to).label)
        for (frm, to), perm in MOVES.items()
        if frm == pilot.status and can(user, perm)
    ]


@transaction.atomic
def pilot_move(*, pilot: Pilot, to: str, user, reason: str = "") -> Pilot:
    """Move a pilot along its life cycle: approve, start, begin evaluating, or stop."""
    key = (pilot.status, to)
    if key not in MOVES:
        current = pilot.get_status_display().lower()
        if to in (Status.SCALED, Status.RUNNING) and pilot.status == Status.EVALUATING:
            raise ServiceError(
                "Scaling up or continuing a pilot is decided in its evaluation: record an "
                "evaluation with the decision and its reasons."
            )
        raise ServiceError(f"A pilot that is {current} cannot be moved to “{Status(to).label}”.")
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
            raise ServiceError("Give the reason the pilot is being stopped.")
        pilot.stop_reason = reason
    pilot.status, pilot.status_changed_on = to, today
    pilot.save()
    if reason:
        audit.record(AuditEntry.Action.UPDATE, pilot, reason=reason, changes={})
    return pilot


# --- Measures and readings ----------------------------------------------------------------------
def measure_create(*, pilot: Pilot, **fields) -> Measure:
    if "order" not in fields:
        fields["order"] = pilot.measures.count() + 1
    return _save(Measure(pilot=pilot), **fields)


def measure_update(*, measure: Measure, **fields) -> Measure:
    if "kind" in fields and fields["kind"] != measure.kind and measure.readings.exists():
        raise ServiceError(
            "The kind of measure cannot change once it has readings: the figures would mean "
            "something else. Add a new measure instead."
        )
    return _save(measure, **fields)


def measure_delete(*, measure: Measure) -> None:
    if measure.readings.exists():
        raise ServiceError(
            f"“{measure}” has {measure.readings.count()} readings and cannot be deleted, so "
            "that no figures are lost. Delete its readings first if they were entered in error."
        )
    measure.delete()


def check_reading(
    measure: Measure,
    *,
    period_start: dt.date,
    group: str,
    value: Decimal | float | int,
    denominator: Decimal | float | int | None,
) -> dict[str, str]:
    """Problems with one reading, by field name (empty when it is fine)."""
    errors: dict[str, str] = {}
    value = Decimal(str(value)) if value is not None else None
    denominator = Decimal(str(denominator)) if denominator not in (None, "") else None
    if period_start > dt.date.today():
        errors["period_start"] = "The period cannot be in the future"
    if group == Reading.Group.COMPARISON and not measure.pilot.uses_comparison:
        errors["group"] = (
            "This pilot has no comparison group; change how it is judged to add comparison figures"
        )
    elif group not in Reading.Group.values:
        errors["group"] = "The group must be the pilot group or the comparison group"
    if value is None:
        errors["value"] = "Enter the figure"
    elif value < 0:
        errors["value"] = "The figure cannot be negative"
    elif measure.kind != Measure.Kind.MEAN and value != value.to_integral_value():
        errors["value"] = "Counts of events or people must be whole numbers"
    if measure.needs_denominator:
        if denominator is None:
            errors["denominator"] = f"Enter the number of {measure.denominator_label or 'people'}"
        elif denominator <= 0:
            errors["denominator"] = "The denominator must be more than 0"
        elif value is not None and measure.kind == Measure.Kind.PROPORTION and value > denominator:
            errors["value"] = "The number of people cannot be more than the total"
    elif denominator is not None:
        errors["denominator"] = "This measure has no denominator; leave it empty"
    return errors


def _decimal(value) -> Decimal:
    """As the database keeps it (4 places), so the history compares like with like."""
    return Decimal(str(value)).quantize(Decimal("0.0001"))


@transaction.atomic
def reading_record(
    *,
    measure: Measure,
    period_start: dt.date,
    value,
    user,
    group: str = Reading.Group.PILOT,
    denominator=None,
    note: str = "",
) -> Reading:
    """Record (or correct) one period's figure. The period is the one the date falls in."""
    period_start = measure.period_start(period_start)
    errors = check_reading(
        measure, period_start=period_start, group=group, value=value, denominator=denominator
    )
    if errors:
        raise ValidationError(errors)
    reading = Reading.objects.filter(
        measure=measure, group=group, period_start=period_start
    ).first() or Reading(measure=measure, group=group, period_start=period_start)
    reading.value = _decimal(value)
    reading.denominator = _decimal(denominator) if denominator not in (None, "") else None
    reading.note = note or ""
    reading.entered_by = user
    reading.save()
    return reading


@transaction.atomic
def period_record(
    *,
    measure: Measure,
    period_start: dt.date,
    value,
    user,
    denominator=None,
    comparison_value=None,
    comparison_denominator=None,
    note: str = "",
) -> list[Reading]:
    """One period's figures for the pilot group and, if given, the comparison group. Errors
    name the field they belong to (comparison ones prefixed `comparison_`); nothing is saved
    unless both are right."""
    period_start = measure.period_start(period_start)
    items = [(Reading.Group.PILOT, value, denominator, "")]
    if comparison_value is not None:
        items.append(
            (Reading.Group.COMPARISON, comparison_value, comparison_denominator, "comparison_")
        )
    errors = {}
    for group, val, den, prefix in items:
        found = check_reading(
            measure, period_start=period_start, group=group, value=val, denominator=den
        )
        for field, message in found.items():
            key = field if field in ("period_start", "group") else f"{prefix}{field}"
            errors.setdefault(key, message)
    if errors:
        raise ValidationError(errors)
    return [
        reading_record(
            measure=measure,
            period_start=period_start,
            group=group,
            value=val,
            denominator=den,
            note=note,
            user=user,
        )
        for group, val, den, _ in items
    ]


def reading_delete(*, reading: Reading) -> None:
    reading.delete()


# --- Stories and risks ---------------------------------------------------------------------------
def story_save(*, pilot: Pilot, user, record: Story | None = None, **fields) -> Story:
    if not fields.get("consent", getattr(record, "consent", False)):
        raise ValidationError(
            {"consent": "A story can only be kept when the person has agreed to it being used"}
        )
    if record is None:
        record = Story(pilot=pilot, added_by=user)
    return _save(record, **fields)


def risk_save(*, pilot: Pilot, risk: Risk | None = None, **fields) -> Risk:
    return _save(risk or Risk(pilot=pilot), **fields)


# --- Evaluations ----------------------------------------------------------------------------------
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
    errors: dict[str, str] = {}
    summary, reasons = (summary or "").strip(), (reasons or "").strip()
    if not summary:
        errors["summary"] = "Write the plain-English summary"
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
        raise ValidationError(errors)
    if decision:
        if not can(user, "innovation.approve"):
            raise PermissionDenied
        if pilot.status not in (Status.RUNNING, Status.EVALUATING):
            raise ServiceError(
                f"A decision can be made on a running or evaluating pilot; this one is "
                f"{pilot.get_status_display().lower()}."
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
    today = dt.date.today()
    if evaluation.decision == Evaluation.Decision.SCALE:
        pilot.status = Status.SCALED
    elif evaluation.decision == Evaluation.Decision.STOP:
        pilot.status, pilot.stop_reason = Status.STOPPED, evaluation.reasons
    else:
        pilot.status = Status.RUNNING
        if evaluation.extend_to:
            pilot.end_date = evaluation.extend_to
    pilot.status_changed_on = today
    pilot.save()


def evaluation_update_summary(*, evaluation: Evaluation, summary: str) -> Evaluation:
    """Reword the summary. A decision, once made, stands: record a new evaluation to change it."""
    if not (summary or "").strip():
        raise ValidationError({"summary": "Write the plain-English summary"})
    return _save(evaluation, summary=summary.strip())


# --- External learning ----------------------------------------------------------------------------
def external_save(*, user, record: ExternalLearning | None = None, **fields) -> ExternalLearning:
    if record is None:
        fields.setdefault("lead", user)
        record = ExternalLearning()
    return _save(record, **fields)


# --- Reminders ---------------------------------------------------------------------------------
def reminders_send(*, today: dt.date | None = None) -> int:
    """Email pilot leads: on the first working day of a month, to enter last month's figures
    (pilots still missing them); on a running pilot's planned end, and each Monday after
    until it is evaluated, to evaluate it. Returns the number of emails sent."""
    from django.conf import settings

    from careloop.core import notify, workdays

    today = today or dt.date.today()
    first_working = workdays.next_working_day(today.replace(day=1))
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    lines: dict = {}
    for pilot in Pilot.objects.filter(status=Status.RUNNING, lead__isnull=False).select_related(
        "lead"
    ):
        if (
            today == first_working
            and pilot.measures.exclude(readings__period_start=last_month).exists()
        ):
            lines.setdefault(pilot.lead, []).append(
                f"Enter {last_month:%B %Y}’s figures for “{pilot.title}”."
            )
        ended = pilot.end_date is not None and pilot.end_date <= today
        if ended and (pilot.end_date == today or today.weekday() == 0):
            lines.setdefault(pilot.lead, []).append(
                f"“{pilot.title}” reached its planned end on {pilot.end_date.day} "
                f"{pilot.end_date:%B %Y}: evaluate it and record the decision."
            )
    sent = 0
    for lead, items in lines.items():
        sent += notify.send(
            to=[lead],
            subject="Pilots: figures and evaluations due",
            template="innovation/email/reminder.txt",
            context={
                "lines": items,
                "site_url": getattr(settings, "CARELOOP_SITE_URL", "").rstrip("/"),
            },
        )
    return sent
