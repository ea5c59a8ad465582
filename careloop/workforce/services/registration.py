"""Use cases that write professional registration and continuing professional development."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError

from ..models import CpdEntry, Registration

# What a person's registration form records and the API shows (besides whose it is).
REGISTRATION_FIELDS = ("body", "number", "renewal_on")


def _own_or_managed(user, person, what: str) -> None:
    if person.pk != user.pk and not can(user, "workforce.view_people"):
        raise ServiceError(f"You may record only your own {what}")


@transaction.atomic
def registration_save(
    *, user, person, body: str, number: str, renewal_on: dt.date, registration=None
) -> Registration:
    _own_or_managed(user, person, "registration")
    number = (number or "").strip().upper()
    if not number:
        raise ServiceError("Enter the registration number", field="number")
    if body not in Registration.Body.values:
        raise ServiceError("Choose who the registration is with", field="body")
    if not isinstance(renewal_on, dt.date):
        raise ServiceError("Enter the renewal date", field="renewal_on")
    clash = Registration.objects.filter(body=body, number=number)
    if registration is not None:
        clash = clash.exclude(pk=registration.pk)
    if clash.exists():
        raise ServiceError(
            "That registration number is already recorded for someone", field="number"
        )
    registration = registration or Registration(person=person)
    registration.body, registration.number, registration.renewal_on = body, number, renewal_on
    registration.save()
    return registration


@transaction.atomic
def cpd_add(*, user, person, title: str, done_on: dt.date, reflection: str, hours=None):
    if person.pk != user.pk:
        raise ServiceError("People record their own CPD")
    if not (title or "").strip():
        raise ServiceError("Enter what the learning was", field="title")
    if not isinstance(done_on, dt.date) or done_on > dt.date.today():
        raise ServiceError("The date cannot be in the future", field="done_on")
    if not (reflection or "").strip():
        raise ServiceError("Enter your reflection", field="reflection")
    return CpdEntry.objects.create(
        person=person,
        title=title.strip(),
        done_on=done_on,
        hours=hours,
        reflection=reflection.strip(),
    )
