"""Use cases of the complaint clock: acknowledge, revise the response period, respond, decide on
a late complaint, move to stage 2, refer to the Ombudsman."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from careloop.core.services import ServiceError
from careloop.feedback import clocks
from careloop.feedback.models import (
    ClockSettings,
    Feedback,
    ResponsePeriodRevision,
    next_references,
)
from careloop.feedback.services.records import _locked, _save, start_clock


# --- The complaint clock ------------------------------------------------------------------------
def _complaint(feedback: Feedback) -> Feedback:
    current = _locked(feedback)
    if not current.is_complaint:
        raise ServiceError("Only complaints have a complaint clock")
    return current


@transaction.atomic
def complaint_acknowledge(
    *, feedback: Feedback, user, on: dt.date, response_due_on: dt.date | None = None
) -> Feedback:
    """Record the acknowledgement and (statutory complaints) the agreed response period."""
    current = _complaint(feedback)
    if on < current.received_on:
        raise ServiceError("The acknowledgement cannot be before the complaint was received")
    if current.acknowledged_on:
        raise ServiceError("This complaint has already been acknowledged")
    current.acknowledged_on = on
    if response_due_on:
        if response_due_on <= on:
            raise ServiceError("The response date must be after the acknowledgement")
        _within_code(current, response_due_on)
        if response_due_on != current.response_due_on:
            _revise(
                current,
                user,
                response_due_on,
                "Agreed with the person when the complaint was acknowledged",
            )
    if current.status == Feedback.Status.NEW:
        current.status = Feedback.Status.ACKNOWLEDGED
    return _save(current)


@transaction.atomic
def complaint_revise_response_period(
    *, feedback: Feedback, user, new_due_on: dt.date, reason: str
) -> Feedback:
    current = _locked(feedback)
    if not reason.strip():
        raise ServiceError("Give the reason for changing the response period")
    if current.responded_on:
        raise ServiceError("This has already been responded to")
    if new_due_on <= current.received_on:
        raise ServiceError("The new response date must be after the date received")
    _revise(current, user, new_due_on, reason.strip())
    return _save(current)


def _within_code(current: Feedback, due: dt.date) -> None:
    """Refuse a response date past the Complaint Handling Code's longest period (corporate
    complaints)."""
    limit = clocks.longest_response_due(current, ClockSettings.current())
    if limit and due > limit:
        raise ServiceError(
            f"Under the Complaint Handling Code the response is due by {limit:%-d %B %Y} "
            "at the latest"
        )


def _revise(current: Feedback, user, due: dt.date, reason: str) -> None:
    """A new agreed response date, within the Code's longest period, recorded with its reason."""
    _within_code(current, due)
    ResponsePeriodRevision.objects.create(
        feedback=current,
        previous_due_on=current.response_due_on,
        new_due_on=due,
        reason=reason,
        revised_by=user,
    )
    current.response_due_on = due


@transaction.atomic
def complaint_respond(
    *,
    feedback: Feedback,
    user,
    on: dt.date,
    outcome: str = "",
    actions_promised: str = "",
) -> Feedback:
    """Record the response: the date, the outcome (complaints) and the actions promised."""
    current = _locked(feedback)
    if on < current.received_on:
        raise ServiceError("The response cannot be before the feedback was received")
    if current.responded_on:
        raise ServiceError("The response has already been recorded")
    if current.is_complaint and outcome not in Feedback.Outcome.values:
        raise ServiceError("Choose the outcome: upheld, partly upheld or not upheld")
    late = current.is_statutory and clocks.is_late(current)
    if late and current.late_decision != Feedback.LateDecision.ACCEPTED:
        raise ServiceError(
            "This complaint was made more than 12 months after the event: record the "
            "decision to accept it first"
        )
    current.responded_on = on
    current.outcome = outcome if current.is_complaint else ""
    current.actions_promised = actions_promised.strip()
    if current.acknowledgement_due_on and not current.acknowledged_on:
        current.acknowledged_on = on  # a full response also acknowledges it
    current.status = Feedback.Status.RESPONDED
    return _save(current)


@transaction.atomic
def complaint_decide_late(*, feedback: Feedback, user, decision: str, reason: str) -> Feedback:
    current = _complaint(feedback)
    if decision not in Feedback.LateDecision.values:
        raise ServiceError("Choose whether to accept the complaint")
    if not reason.strip():
        raise ServiceError("Give the reason for the decision")
    current.late_decision = decision
    current.late_decision_reason = reason.strip()
    if decision == Feedback.LateDecision.DECLINED:
        current.status = Feedback.Status.CLOSED
    return _save(current)


@transaction.atomic
def complaint_escalate(*, feedback: Feedback, user, on: dt.date) -> Feedback:
    """Corporate complaints: the person asks for stage 2 (a new clock starts)."""
    current = _complaint(feedback)
    if current.kind != Feedback.Kind.CORPORATE:
        raise ServiceError(
            "Statutory adult social care complaints have one local stage; the next step is "
            "the Ombudsman"
        )
    if current.stage != 1:
        raise ServiceError("This complaint is already at stage 2")
    if not current.responded_on:
        raise ServiceError("Stage 2 follows the stage 1 response: record that first")
    if on < current.responded_on:
        raise ServiceError("Stage 2 cannot start before the stage 1 response")
    current.stage1_responded_on = current.responded_on
    current.stage = 2
    current.stage_started_on = on
    current.acknowledged_on = current.responded_on = None
    current.outcome = ""
    current.status = Feedback.Status.IN_PROGRESS
    settings = ClockSettings.current()
    current.acknowledgement_due_on = clocks.acknowledgement_due(current, settings)
    current.response_due_on = clocks.default_response_due(current, settings)
    return _save(current)


@transaction.atomic
def complaint_refer_to_lgsco(
    *,
    feedback: Feedback,
    user,
    on: dt.date,
    lgsco_reference: str = "",
    enquiry_due_on: dt.date | None = None,
    details: str = "",
) -> Feedback:
    """The person took the complaint to the Ombudsman: record it and open the Ombudsman
    enquiry, linked to the complaint. Returns the enquiry."""
    current = _complaint(feedback)
    if current.lgsco_referred_on:
        raise ServiceError("This complaint has already been referred to the Ombudsman")
    if on < current.received_on:
        raise ServiceError("The referral cannot be before the complaint was received")
    current.lgsco_referred_on = on
    current.lgsco_reference = lgsco_reference.strip()
    _save(current)
    enquiry = Feedback(
        kind=Feedback.Kind.OMBUDSMAN,
        channel=Feedback.Channel.EMAIL,
        received_on=on,
        summary=f"Ombudsman enquiry about {current.reference}",
        text=details.strip()
        or f"The Local Government and Social Care Ombudsman is considering complaint "
        f"{current.reference}.",
        complaint=current,
        from_organisation=None,
        from_name="Local Government and Social Care Ombudsman",
        about_name=current.about_name or current.from_name,
        service=current.service,
        team=current.team,
        provider=current.provider,
        owner=current.owner,
        is_restricted=current.is_restricted,
        restriction_reason=current.restriction_reason,
        response_due_on=enquiry_due_on,
        external_ref=current.lgsco_reference,
        source="LGSCO" if current.lgsco_reference else "",
        created_by=user,
    )
    enquiry.reference = next_references(on.year)[0]
    start_clock(enquiry)
    enquiry.save()
    return enquiry
