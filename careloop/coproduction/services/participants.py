"""Groups and partners, and participants: their consent, erasure, and payments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from careloop.core import access
from careloop.core.services import ServiceError, save_fields

from ..models import Group, Participant, Payment

GROUP_CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
GROUP_FIELDS = ("name", "kind", "description", "how_we_work", *GROUP_CONTACT_FIELDS, "is_active")
PARTICIPANT_FIELDS = (
    "full_name",
    "known_as",
    "groups",
    "contact_preference",
    "email",
    "phone",
    "address",
    "contact_times",
    "access_needs",
    "access_other",
    "consent",
    "consent_on",
    "consent_scope",
    "payment_preference",
    "benefits_advice",
    "notes",
    "is_restricted",
    "restriction_reason",
)
PAYMENT_FIELDS = ("kind", "project", "for_date", "description", "amount", "status", "paid_on")

# What erasure blanks (the name becomes "Former participant <id>"; access needs are emptied).
PERSONAL_TEXT_FIELDS = (
    "known_as",
    "email",
    "phone",
    "address",
    "contact_times",
    "access_other",
    "notes",
    "consent_scope",
)


def group_save(*, group: Group | None = None, **fields: Any) -> Group:
    return save_fields(group or Group(), fields, GROUP_FIELDS)


@transaction.atomic
def participant_save(
    *, participant: Participant | None = None, groups=None, **fields: Any
) -> Participant:
    participant = save_fields(participant or Participant(), fields, PARTICIPANT_FIELDS)
    if groups is not None:
        participant.groups.set(groups)
    return participant


@transaction.atomic
def participant_withdraw_consent(
    *, participant: Participant, on: dt.date | None = None
) -> Participant:
    """The person no longer wants to be contacted: stop, and keep only what must be kept."""
    if participant.consent_withdrawn_on:
        raise ServiceError("This person has already withdrawn their consent.")
    participant.consent = False
    participant.consent_withdrawn_on = on or dt.date.today()
    participant.save()
    return participant


@transaction.atomic
def participant_erase(*, participant: Participant) -> Participant:
    """Erase a person's personal details (right to erasure). Their involvement stays as an
    anonymous count, and payments stay as financial records against an anonymous name."""
    if participant.erased_on:
        raise ServiceError("This person’s details have already been erased.")
    participant.full_name = f"Former participant {participant.pk}"
    for field in PERSONAL_TEXT_FIELDS:
        setattr(participant, field, "")
    participant.access_needs = []
    participant.consent = False
    participant.consent_withdrawn_on = participant.consent_withdrawn_on or dt.date.today()
    participant.erased_on = dt.date.today()
    if participant.is_restricted:
        access.allow_lift(participant, "details erased: nothing personal is left to restrict")
    participant.is_restricted = False
    participant.restriction_reason = ""
    participant.save()
    participant.groups.clear()
    return participant


def payment_save(
    *, participant: Participant, payment: Payment | None = None, **fields: Any
) -> Payment:
    if participant.erased_on and payment is None:
        raise ServiceError(
            "No new payments can be recorded for a person whose details were erased."
        )
    if fields.get("status") == Payment.Status.PAID and not fields.get("paid_on"):
        fields["paid_on"] = dt.date.today()
    project = fields.get("project")
    if project is not None and not project.involvements.filter(participant=participant).exists():
        raise ServiceError("This person is not involved in that project", field="project")
    return save_fields(payment or Payment(participant=participant), fields, PAYMENT_FIELDS)
