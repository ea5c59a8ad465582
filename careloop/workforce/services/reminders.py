"""Use cases that remind: a manager's reminder about a person's training, the daily reminders
and the professional registration renewal alerts (each copied to the person's managers)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction

from careloop.core import notify
from careloop.core.models import User
from careloop.core.permissions import can
from careloop.core.services import ServiceError

from ..compliance import Training
from ..models import Registration, TrainingReminder
from ..models.people import REGISTRATION_ALERT_DAYS
from ..selectors import managers_of


def _email_on_commit(*, to: list, subject: str, template: str, context: dict) -> None:
    """Send the email once the transaction has committed (never for a rolled-back write)."""
    transaction.on_commit(
        partial(notify.send, to=to, subject=subject, template=template, context=context)
    )


def reminder_send(*, user, person, today: dt.date | None = None) -> int:
    """Email `person` (and their managers) what they are overdue for or must renew soon.
    Returns the number of courses named (0: nothing to remind about)."""
    if not can(user, "workforce.remind"):
        raise ServiceError("Your role does not allow you to send reminders")
    today = today or dt.date.today()
    row = Training([person]).rows(today)[0]
    cells = [c for c in row.cells if c.needs_action]
    if not cells:
        raise ServiceError(f"{person} is up to date with mandatory training")
    _send(person, cells, sender=user)
    TrainingReminder.objects.bulk_create(
        TrainingReminder(
            person=person,
            course=c.course,
            status=c.status,
            for_expiry=c.expires_on,
            sent_by=user if getattr(user, "pk", None) else None,
        )
        for c in cells
    )
    return len(cells)


def _send(person, cells, sender=None) -> None:
    context = {"person": person, "cells": cells, "sender": sender}
    _email_on_commit(
        to=[person],
        subject="Your mandatory training",
        template="workforce/email/reminder.txt",
        context=context,
    )
    managers = managers_of(person)
    if managers:
        _email_on_commit(
            to=managers,
            subject=f"Mandatory training: {person}",
            template="workforce/email/manager_reminder.txt",
            context=context,
        )


def reminders_send(today: dt.date | None = None) -> int:
    """The daily job: remind each person once per expiry about courses expiring soon or
    overdue, copying their managers; and alert people whose registration renewal is near."""
    today = today or dt.date.today()
    people = User.objects.filter(is_active=True, staff_profile__isnull=False).select_related(
        "staff_profile", "team__manager", "line_manager"
    )
    sent_before = set(
        TrainingReminder.objects.values_list("person_id", "course_id", "status", "for_expiry")
    )
    sent = 0
    with transaction.atomic():
        for row in Training(people).rows(today):
            cells = [
                c
                for c in row.cells
                if c.applies
                and c.status in ("expiring", "overdue")
                and (row.person.pk, c.course.pk, c.status, c.expires_on) not in sent_before
            ]
            if not cells:
                continue
            _send(row.person, cells)
            TrainingReminder.objects.bulk_create(
                TrainingReminder(
                    person=row.person, course=c.course, status=c.status, for_expiry=c.expires_on
                )
                for c in cells
            )
            sent += 1
        sent += registration_alerts_send(today)
    return sent


def registration_alerts_send(today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    due = Registration.objects.filter(
        person__is_active=True, renewal_on__lte=today + dt.timedelta(days=REGISTRATION_ALERT_DAYS)
    ).select_related("person__team__manager", "person__line_manager")
    count = 0
    for registration in due:
        if registration.alerted_for == registration.renewal_on:
            continue
        person = registration.person
        _email_on_commit(
            to=[person, *managers_of(person)],
            subject="Professional registration renewal",
            template="workforce/email/registration.txt",
            context={"registration": registration, "person": person},
        )
        Registration.objects.filter(pk=registration.pk).update(alerted_for=registration.renewal_on)
        count += 1
    return count
