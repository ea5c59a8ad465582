"""Reads for the pages, the API and the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.models import Team, User
from careloop.core.permissions import can

from . import compliance
from .models import Completion, Course, Registration, SupervisionSession
from .models.people import REGISTRATION_ALERT_DAYS, manager_q, people_visible_to

AREA = "Workforce"


def staff(qs=None):
    """Active people with staff details, ready for the compliance calculations."""
    qs = qs if qs is not None else User.objects.all()
    return (
        qs.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile", "team", "line_manager")
        .order_by("full_name")
    )


def team_people(team: Team):
    return staff(User.objects.filter(team=team))


def courses(*, query: str = "", mandatory: str = ""):
    qs = Course.objects.active().select_related("action")
    if query:
        qs = qs.filter(
            Q(title__icontains=query)
            | Q(practice_areas__icontains=query)
            | Q(provider__icontains=query)
        )
    if mandatory == "yes":
        qs = qs.filter(mandatory=True)
    elif mandatory == "no":
        qs = qs.filter(mandatory=False)
    return qs


@dataclass
class TeamFigures:
    team: Team
    people: int
    training: int | None
    overdue: int
    supervision: int | None

    @property
    def url(self) -> str:
        return reverse("workforce:team", args=[self.team.pk])


@dataclass
class Picture:
    """Everyone's training and supervision, loaded once for a page's figures."""

    people: list
    training: compliance.Training
    supervision: compliance.Supervision


def picture(people=None) -> Picture:
    people = list(people if people is not None else staff())
    return Picture(people, compliance.Training(people), compliance.Supervision(people))


def team_figures(
    teams=None, today: dt.date | None = None, data: Picture | None = None
) -> list[TeamFigures]:
    """Training and supervision compliance of every team with staff, worst first."""
    today = today or dt.date.today()
    data = data or picture()
    people, training, supervision = data.people, data.training, data.supervision
    rows = {r.person.pk: r for r in training.rows(today)}
    by_team: dict[int, list] = {}
    for person in people:
        if person.team_id:
            by_team.setdefault(person.team_id, []).append(person)
    teams = list(
        teams
        if teams is not None
        else Team.objects.filter(pk__in=by_team).select_related("service")
    )
    out = []
    for team in teams:
        members = by_team.get(team.pk, [])
        cells = [c for p in members for c in rows[p.pk].required]
        good = sum(c.status in compliance.COMPLIANT for c in cells)
        overdue = sum(1 for p in members if rows[p.pk].overdue)
        in_date = sum(supervision.in_date(p, today) for p in members)
        out.append(
            TeamFigures(
                team=team,
                people=len(members),
                training=round(100 * good / len(cells)) if cells else None,
                overdue=overdue,
                supervision=round(100 * in_date / len(members)) if members else None,
            )
        )
    return sorted(out, key=lambda f: (f.training if f.training is not None else 101, f.team.name))


def registrations_due(user, today: dt.date | None = None):
    today = today or dt.date.today()
    qs = Registration.objects.filter(
        person__is_active=True,
        renewal_on__lte=today + dt.timedelta(days=REGISTRATION_ALERT_DAYS),
    ).select_related("person", "person__team")
    if not can(user, "workforce.view_people"):
        qs = qs.filter(person=user)
    return qs


def supervisions(user, *, person=None):
    qs = SupervisionSession.objects.visible_to(user).select_related(
        "supervisee", "supervisor", "supervisee__team"
    )
    if person is not None:
        qs = qs.filter(supervisee=person)
    return qs


def completions(user, *, person=None, course=None):
    qs = Completion.objects.select_related("person", "course", "person__team")
    if not can(user, "workforce.view_people"):
        qs = qs.filter(person=user)
    if person is not None:
        qs = qs.filter(person=person)
    if course is not None:
        qs = qs.filter(course=course)
    return qs


def visible_person(user, pk):
    return people_visible_to(user).filter(pk=pk).select_related("staff_profile", "team").first()


# --- The home page ------------------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    today = dt.date.today()
    me = staff(User.objects.filter(pk=user.pk)).first()
    if me is not None:
        row = compliance.Training([me]).rows(today)[0]
        for cell in row.required:
            if cell.status == compliance.DONE:
                continue
            items.append(
                WorkItem(
                    title=f"{cell.label}: {cell.course.title}",
                    url=reverse("workforce:person", args=[me.pk]),
                    area=AREA,
                    kind="Mandatory training",
                    due=cell.expires_on or today,
                    status=cell.label,
                )
            )
    for registration in Registration.objects.filter(
        person=user, renewal_on__lte=today + dt.timedelta(days=REGISTRATION_ALERT_DAYS)
    ):
        items.append(
            WorkItem(
                title=f"Renew your {registration.get_body_display()} registration",
                url=reverse("workforce:person", args=[user.pk]),
                area=AREA,
                kind="Professional registration",
                due=registration.renewal_on,
                status=registration.status_label,
            )
        )
    # Supervisions overdue for the people this person supervises.
    supervisees = staff(User.objects.filter(manager_q(user)).exclude(pk=user.pk))
    if supervisees:
        supervision = compliance.Supervision(supervisees)
        for person in supervision.people:
            if not supervision.in_date(person, today):
                items.append(
                    WorkItem(
                        title=f"Supervise {person.full_name}",
                        url=reverse("workforce:supervision_new"),
                        area=AREA,
                        kind="Supervision",
                        due=supervision.due(person, today),
                        status="Overdue" if supervision.last(person, today) else "None recorded",
                    )
                )
    if can(user, "workforce.pathway_decide"):
        from .models import Enrolment

        waiting = (
            Enrolment.objects.filter(status="applied")
            .filter(manager_q(user, "person__"))
            .select_related("person")
        )
        for enrolment in waiting:
            items.append(
                WorkItem(
                    title=f"Decide on {enrolment}",
                    url=enrolment.get_absolute_url(),
                    area=AREA,
                    kind="Development pathway",
                    status="Applied",
                )
            )
    if can(user, "workforce.remind"):
        managed = staff(User.objects.filter(manager_q(user)).exclude(pk=user.pk))
        rows = [r for r in compliance.Training(managed).rows(today) if r.overdue]
        for team_id in {r.person.team_id for r in rows if r.person.team_id}:
            n = sum(1 for r in rows if r.person.team_id == team_id)
            items.append(
                WorkItem(
                    title=f"{n} {'person is' if n == 1 else 'people are'} overdue for "
                    "mandatory training in your team",
                    url=reverse("workforce:team", args=[team_id]),
                    area=AREA,
                    kind="Team training",
                    status="Overdue",
                )
            )
    return items


def headlines(user, data: Picture | None = None) -> list[Figure]:
    data = data or picture()
    people, training, supervision = data.people, data.training, data.supervision
    if not people:
        return []
    good, total = training.percent_at(dt.date.today())
    in_date = sum(supervision.in_date(p) for p in people)
    due = Registration.objects.filter(
        person__is_active=True,
        renewal_on__lte=dt.date.today() + dt.timedelta(days=REGISTRATION_ALERT_DAYS),
    ).count()
    index = reverse("workforce:index")
    from .models import Enrolment

    developing = Enrolment.objects.filter(status__in=("approved", "in_progress")).count()
    return [
        Figure(
            "Mandatory training compliance",
            f"{round(100 * good / total)}%" if total else "–",
            index,
        ),
        Figure("Supervision in date", f"{round(100 * in_date / len(people))}%", index),
        Figure("Registrations due for renewal", due, index),
        Figure("Staff on development pathways", developing, reverse("workforce:pathway_index")),
    ]
