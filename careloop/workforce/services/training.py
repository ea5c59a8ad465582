"""Use cases that write the catalogue and completions, and the completion figures given to
the learning action a course answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from careloop.core.permissions import can
from careloop.core.services import ServiceError
from careloop.learning import services as learning
from careloop.learning.models import EvidenceFigure

from ..models import Completion, Course
from ..selectors import course_figures

# What a course's form and API may set, in the order the form asks for them.
COURSE_FIELDS = (
    "title",
    "kind",
    "provider",
    "description",
    "duration_hours",
    "mandatory",
    "renewal_months",
    "audience_teams",
    "audience_stages",
    "practice_areas",
    "url",
    "action",
    "is_active",
)
# What a person recording a completion gives (the expiry comes from the course).
COMPLETION_FIELDS = ("person", "course", "completed_on", "evidence")


# --- The catalogue --------------------------------------------------------------------------------
@transaction.atomic
def course_save(*, user, course: Course | None = None, audience_teams=None, **fields) -> Course:
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise ServiceError(f"These cannot be set on a course: {', '.join(sorted(unknown))}")
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value.strip() if isinstance(value, str) else value)
    if not course.title:
        raise ServiceError("Enter the course title", field="title")
    clash = Course.objects.filter(title__iexact=course.title).exclude(pk=course.pk)
    if clash.exists():
        raise ServiceError("Another course already has this title", field="title")
    if course.renewal_months is not None and not 1 <= course.renewal_months <= 120:
        raise ServiceError(
            "The renewal period must be between 1 and 120 months", field="renewal_months"
        )
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
        raise ServiceError("You may record only your own training", field="person")
    if not person.is_active:
        raise ServiceError(f"{person} has left", field="person")
    if problem := check_completion(course, completed_on):
        raise ServiceError(problem, field="completed_on")
    expires_on = expires_on or course.expiry_for(completed_on)
    if expires_on and expires_on < completed_on:
        raise ServiceError(
            "The expiry date cannot be before the completion date", field="expires_on"
        )
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


FIGURE_LABEL = "Staff who completed “{title}” (from the learning academy's records)"


def action_evidence_update(
    *, course: Course, user=None, as_of: dt.date | None = None
) -> EvidenceFigure | None:
    """Give the action the course answers its latest completion figures as evidence: one
    figure, updated as more people complete (its history is in the audit trail)."""
    action = course.action
    if action is None:
        return None
    done, out_of = course_figures(course)
    label = FIGURE_LABEL.format(title=course.title)[:200]
    as_of = as_of or dt.date.today()
    figure = EvidenceFigure.objects.filter(action=action, label=label).first()
    if figure is None and not done:
        return None
    if figure is None:
        learning.action_add_evidence(
            action=action,
            user=user if getattr(user, "pk", None) else None,
            figures=[{"label": label, "value": done, "out_of": out_of or None, "as_of": as_of}],
            note="Added by the learning academy when the training was recorded.",
        )
        return EvidenceFigure.objects.filter(action=action, label=label).first()
    if figure.value != Decimal(done) or figure.out_of != Decimal(out_of):
        figure.value, figure.out_of, figure.as_of = done, out_of or None, as_of
        figure.save()
    return figure


def course_figures_build() -> str:
    """Derived figures (core/derived.py): each linked action's completion figures again, so
    a completion imported, corrected or deleted moves them."""
    courses = Course.objects.filter(action__isnull=False)
    for course in courses:
        action_evidence_update(course=course)
    return f"{len(courses)} courses' figures"
