"""Use cases that write development pathways: applying, and deciding on and recording the
progress of an application (BIA, AMHP, practice educator, apprenticeships, ASYE)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError

from ..models import Enrolment, Pathway
from ..models.people import manages


@transaction.atomic
def enrolment_apply(*, user, person, pathway: str, reason: str = "") -> Enrolment:
    if pathway not in Pathway.values:
        raise ServiceError("Choose a pathway", field="pathway")
    if person.pk != user.pk and not (
        manages(user, person) or can(user, "workforce.pathway_decide")
    ):
        raise ServiceError("You may apply for yourself, or for people you manage", field="person")
    open_ = Enrolment.objects.filter(person=person, pathway=pathway).exclude(
        status__in=("declined", "completed", "withdrawn")
    )
    if open_.exists():
        raise ServiceError(
            f"{person} already has an open application for this pathway", field="pathway"
        )
    return Enrolment.objects.create(person=person, pathway=pathway, reason=(reason or "").strip())


@transaction.atomic
def enrolment_move(*, user, enrolment: Enrolment, to: str, note: str = "", on=None) -> Enrolment:
    """Approve or decline an application, start, complete or withdraw."""
    if to not in Enrolment.MOVES[enrolment.status]:
        raise ServiceError(
            f"An enrolment that is {enrolment.get_status_display().lower()} cannot become "
            f"{Enrolment.Status(to).label.lower() if to in Enrolment.Status.values else to}",
            field="to",
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
