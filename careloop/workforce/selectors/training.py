"""Reads about the catalogue and completions, and the completion figures of a course."""

from __future__ import annotations

from django.db.models import QuerySet

from careloop.core.models import User
from careloop.core.permissions import can
from careloop.core.selectors import search

from ..compliance import Training
from ..models import Completion, Course


def courses(*, query: str = "", mandatory: str = "") -> QuerySet[Course]:
    qs = Course.objects.active().select_related("action")
    qs = search(qs, query, "title", "practice_areas", "provider")
    if mandatory == "yes":
        qs = qs.filter(mandatory=True)
    elif mandatory == "no":
        qs = qs.filter(mandatory=False)
    return qs


def course_pages() -> QuerySet[Course]:
    """Courses with what their page shows (the visibility check is the page's)."""
    return Course.objects.select_related("action").prefetch_related("audience_teams")


def completions(user, *, person=None, course=None) -> QuerySet[Completion]:
    qs = Completion.objects.select_related("person", "course", "person__team")
    if not can(user, "workforce.view_people"):
        qs = qs.filter(person=user)
    if person is not None:
        qs = qs.filter(person=person)
    if course is not None:
        qs = qs.filter(course=course)
    return qs


def course_figures(course: Course) -> tuple[int, int]:
    """(people who completed it, people it is for): the action's evidence."""
    done = Completion.objects.filter(course=course).values("person").distinct().count()
    people = User.objects.filter(is_active=True, staff_profile__isnull=False).select_related(
        "staff_profile"
    )
    training = Training(people, courses=[course])
    audience = sum(1 for p in training.people if training.applies(p, course))
    return done, max(audience, done)
