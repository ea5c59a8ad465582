"""Reads about people: staff with their details, whom someone may see, their managers, and
registrations due for renewal."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from careloop.core.models import Team, User
from careloop.core.permissions import can

from ..models import Registration
from ..models.people import REGISTRATION_ALERT_DAYS, people_visible_to


def active_people() -> QuerySet[User]:
    """Everyone with an active account, by name: the choices of the academy's forms."""
    return User.objects.filter(is_active=True).order_by("full_name")


def staff(qs: QuerySet[User] | None = None) -> QuerySet[User]:
    """Active people with staff details, ready for the compliance calculations."""
    qs = qs if qs is not None else User.objects.all()
    return (
        qs.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile", "team", "line_manager")
        .order_by("full_name")
    )


def team_people(team: Team) -> QuerySet[User]:
    return staff(User.objects.filter(team=team))


def visible_person(user, pk) -> User | None:
    return people_visible_to(user).filter(pk=pk).select_related("staff_profile", "team").first()


def managers_of(person: User) -> list[User]:
    """The person's line manager and their team's manager: active, each once, never the
    person themselves."""
    people = [person.line_manager, person.team.manager if person.team else None]
    seen, out = {person.pk}, []
    for p in people:
        if p is not None and p.pk not in seen and p.is_active:
            seen.add(p.pk)
            out.append(p)
    return out


def registrations_due(user, today: dt.date | None = None) -> QuerySet[Registration]:
    today = today or dt.date.today()
    qs = Registration.objects.filter(
        person__is_active=True,
        renewal_on__lte=today + dt.timedelta(days=REGISTRATION_ALERT_DAYS),
    ).select_related("person", "person__team")
    if not can(user, "workforce.view_people"):
        qs = qs.filter(person=user)
    return qs


def registrations(user) -> QuerySet[Registration]:
    """Registrations `user` may see: everyone's for managers and leads, otherwise their own."""
    qs = Registration.objects.select_related("person").order_by("renewal_on", "id")
    if not can(user, "workforce.view_people"):
        qs = qs.filter(person=user)
    return qs
