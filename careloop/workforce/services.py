"""Use cases that write: the catalogue, completions, reminders, supervision, registration, CPD,
and the completion figures given to the learning action a course answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from careloop.core import notify
from careloop.core.permissions import can
from careloop.core.services import ServiceError

from .models import (
    Completion,
    Course,
    CpdEntry,
    Registration,
    SupervisionPolicy,
    SupervisionPrivateNote,
    SupervisionSession,
    TrainingReminder,
)
from .models.people import manages

COURSE_FIELDS = {
    "title",
    "kind",
    "provider",
    "description",
    "duration_hours",
    "audience_stages",
    "mandatory",
    "renewal_months",
    "practice_areas",
    "url",
    "action",
    "is_active",
}


# --- The catalogue --------------------------------------------------------------------------------
@transaction.atomic
def course_save(*, user, course: Course | None = None, audience_teams=None, **fields) -> Course:
    unknown = set(fields) - COURSE_FIELDS
    if unknown:
        raise ServiceError(f"These cannot be set on a course: {', '.join(sorted(unknown))}")
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value.strip() if isinstance(value, str) else value)
    if not course.title:
        raise ServiceError("Enter the course title")
    clash = Course.objects.filter(title__iexact=course.title).exclude(pk=course.pk)
    if clash.exists():
        raise ServiceError("Another course already has this title")
    if course.renewal_months is not None and not 1 <= course.renewal_months <= 120:
        raise ServiceError("The renewal period must be between 1 and 120 months")
    course.save()
    if audience_teams is not None:
        course.audience_teams.set(audience_teams)
    return course


# --- Completions ----------------------------------------------------------------------------------
def may_record_for(user, person) -> bool:
    if not can(user, "workforce.record"):
        return False
    return person.pk == user.pk or can(user, "workforce.view_people")


def check_completion(course: Course, completed_on, today: dt.date | None = None) -> str:
    """The reason a completion cannot be recorded, or ""."""
    today = today or dt.date.today()
    if not isinstance(completed_on, dt.date):
        return "Enter the date the course was completed"
    if completed_on > today:
        return "The completion date cannot be in the future"
    return ""


@transaction.atomic
def completion_record(
    *,
    user,
    person,
    course: Course,
    completed_on: dt.date,
    evidence: str = "",
    expires_on: dt.date | None = None,
) -> Completion:
    """Record that `person` completed `course`; the expiry comes from the renewal period."""
    if not may_record_for(user, person):
        raise ServiceError("You may record only your own training")
    if not person.is_active:
        raise ServiceError(f"{person} has left")
    if problem := check_completion(course, completed_on):
        raise ServiceError(problem)
    expires_on = expires_on or course.expiry_for(completed_on)
    if expires_on and expires_on < completed_on:
        raise ServiceError("The expiry date cannot be before the completion date")
    if Completion.objects.filter(person=person, course=course, completed_on=completed_on).exists():
        raise ServiceError(f"{person} already has {course} recorded on that date")
    completion = Completion.objects.create(
        person=person,
        course=course,
        completed_on=completed_on,
        expires_on=expires_on,
        evidence=evidence.strip(),
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    if course.action_id:
        transaction.on_commit(lambda: action_evidence_update(course=course, user=user))
    return completion


def course_figures(course: Course) -> tuple[int, int]:
    """(people who completed it, people it is for): the action's evidence."""
    from careloop.core.models import User

    from .compliance import Training

    done = Completion.objects.filter(course=course).values("person").distinct().count()
    people = User.objects.filter(is_active=True, staff_profile__isnull=False).select_related(
        "staff_profile"
    )
    training = Training(people, courses=[course])
    audience = sum(1 for p in training.people if training.applies(p, course))
    return done, max(audience, done)


FIGURE_LABEL = "Staff who completed “{title}” (from the learning academy's records)"


def action_evidence_update(*, course: Course, user=None, as_of: dt.date | None = None):
    """Give the action the course answers its latest completion figures as evidence: one
    figure, updated as more people complete (its history is in the audit trail)."""
    if not course.action_id:
        return None
    from careloop.learning import services as learning
    from careloop.learning.models import EvidenceFigure

    done, out_of = course_figures(course)
    if not done:
        return None
    label = FIGURE_LABEL.format(title=course.title)[:200]
    as_of = as_of or dt.date.today()
    figure = EvidenceFigure.objects.filter(action_id=course.action_id, label=label).first()
    if figure is None:
        learning.action_add_evidence(
            action=course.action,
            user=user if getattr(user, "pk", None) else None,
            figures=[{"label": label, "value": done, "out_of": out_of or None, "as_of": as_of}],
            note="Added by the learning academy when the training was recorded.",
        )
        return EvidenceFigure.objects.filter(action_id=course.action_id, label=label).first()
    if figure.value != Decimal(done) or figure.out_of != Decimal(out_of):
        figure.value, figure.out_of, figure.as_of = done, out_of or None, as_of
        figure.save()
    return figure


# --- Reminders ------------------------------------------------------------------------------------
def _managers(person) -> list:
    people = [person.line_manager, person.team.manager if person.team_id else None]
    seen, out = {person.pk}, []
    for p in people:
        if p is not None and p.pk not in seen and p.is_active:
            seen.add(p.pk)
            out.append(p)
    return out


def reminder_send(*, user, person, today: dt.date | None = None) -> int:
    """Email `person` (and their managers) what they are overdue for or must renew soon.
    Returns the number of courses named (0: nothing to remind about)."""
    from .compliance import Training

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
    transaction.on_commit(
        lambda: notify.send(
            to=[person],
            subject="Your mandatory training",
            template="workforce/email/reminder.txt",
            context=context,
        )
    )
    managers = _managers(person)
    if managers:
        transaction.on_commit(
            lambda: notify.send(
                to=managers,
                subject=f"Mandatory training: {person}",
                template="workforce/email/manager_reminder.txt",
                context=context,
            )
        )


def reminders_send(today: dt.date | None = None) -> int:
    """The daily job: remind each person once per expiry about courses expiring soon or
    overdue, copying their managers; and alert people whose registration renewal is near."""
    from careloop.core.models import User

    from .compliance import Training

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
    from .models.people import REGISTRATION_ALERT_DAYS

    today = today or dt.date.today()
    due = Registration.objects.filter(
        person__is_active=True, renewal_on__lte=today + dt.timedelta(days=REGISTRATION_ALERT_DAYS)
    ).select_related("person__team__manager", "person__line_manager")
    count = 0
    for registration in due:
        if registration.alerted_for == registration.renewal_on:
            continue
        person = registration.person
        context = {"registration": registration, "person": person}
        transaction.on_commit(
            lambda context=context, person=person: notify.send(
                to=[person, *_managers(person)],
                subject="Professional registration renewal",
                template="workforce/email/registration.txt",
                context=context,
            )
        )
        Registration.objects.filter(pk=registration.pk).update(alerted_for=registration.renewal_on)
        count += 1
    return count


# --- Supervision ----------------------------------------------------------------------------------
def may_record_supervision(user, supervisee, supervisor) -> bool:
    if not can(user, "workforce.supervision"):
        return False
    if user.pk in (supervisor.pk, supervisee.pk) or can(user, "workforce.supervision_all"):
        return True
    return manages(user, supervisee)


@transaction.atomic
def supervision_record(
    *,
    user,
    supervisee,
    supervisor,
    held_on: dt.date,
    kind: str,
    agreed_actions: str = "",
    private_text: str = "",
) -> SupervisionSession:
    if supervisee is None or supervisor is None:
        raise ServiceError("Choose the supervisor and the person supervised")
    if supervisee.pk == supervisor.pk:
        raise ServiceError("The supervisor and the person supervised must be different people")
    if not may_record_supervision(user, supervisee, supervisor):
        raise ServiceError("You may record supervisions you take part in, or of people you manage")
    if not isinstance(held_on, dt.date):
        raise ServiceError("Enter the date of the supervision")
    if held_on > dt.date.today():
        raise ServiceError("The supervision date cannot be in the future")
    if kind not in SupervisionSession.Kind.values:
        raise ServiceError("Choose the type of supervision")
    session = SupervisionSession.objects.create(
        supervisee=supervisee,
        supervisor=supervisor,
        held_on=held_on,
        kind=kind,
        agreed_actions=agreed_actions.strip(),
        created_by=user,
    )
    if private_text.strip():
        if user.pk not in (supervisor.pk, supervisee.pk):
            raise ServiceError(
                "Only the supervisor and the person supervised may write the private section"
            )
        SupervisionPrivateNote.objects.create(session=session, text=private_text.strip())
    return session


@transaction.atomic
def supervision_private_save(*, user, session: SupervisionSession, text: str):
    """Write the private section: the supervisor or the supervisee only."""
    if user.pk not in (session.supervisor_id, session.supervisee_id):
        raise ServiceError(
            "Only the supervisor and the person supervised may write the private section"
        )
    note = SupervisionPrivateNote.objects.filter(session=session).first()
    text = (text or "").strip()
    if note is None:
        if not text:
            raise ServiceError("Enter the private notes")
        return SupervisionPrivateNote.objects.create(session=session, text=text)
    note.text = text
    from django.utils import timezone

    note.updated_at = timezone.now()
    note.save()
    return note


def policy_save(*, career_stage: str, interval_days: int, note: str = "") -> SupervisionPolicy:
    if not interval_days or not 7 <= interval_days <= 180:
        raise ServiceError("The interval must be between 7 and 180 days")
    policy = SupervisionPolicy.objects.filter(career_stage=career_stage).first()
    policy = policy or SupervisionPolicy(career_stage=career_stage)
    policy.interval_days, policy.note = interval_days, note.strip()
    policy.save()
    return policy


# --- Registration and CPD -------------------------------------------------------------------------
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
        raise ServiceError("Enter the registration number")
    if body not in Registration.Body.values:
        raise ServiceError("Choose who the registration is with")
    if not isinstance(renewal_on, dt.date):
        raise ServiceError("Enter the renewal date")
    clash = Registration.objects.filter(body=body, number=number)
    if registration is not None:
        clash = clash.exclude(pk=registration.pk)
    if clash.exists():
        raise ServiceError("That registration number is already recorded for someone")
    registration = registration or Registration(person=person)
    registration.body, registration.number, registration.renewal_on = body, number, renewal_on
    registration.save()
    return registration


@transaction.atomic
def cpd_add(*, user, person, title: str, done_on: dt.date, reflection: str, hours=None):
    if person.pk != user.pk:
        raise ServiceError("People record their own CPD")
    if not (title or "").strip():
        raise ServiceError("Enter what the learning was")
    if not isinstance(done_on, dt.date) or done_on > dt.date.today():
        raise ServiceError("The date cannot be in the future")
    if not (reflection or "").strip():
        raise ServiceError("Enter your reflection")
    return CpdEntry.objects.create(
        person=person,
        title=title.strip(),
        done_on=done_on,
        hours=hours,
        reflection=reflection.strip(),
    )
