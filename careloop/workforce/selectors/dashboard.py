"""Reads for the dashboard, the team pages and the home page: compliance figures by team, the
monthly charts, the headlines and each person's work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.models import Team, User
from careloop.core.permissions import can
from careloop.stats import StatsInputError, xmr

from .. import compliance
from ..models import Enrolment, Registration
from ..models.people import REGISTRATION_ALERT_DAYS, manager_q
from .people import staff, team_people

AREA = "Workforce"


def chart(series):
    """An XmR chart of a monthly percentage series (None when too few months)."""
    points = [(end, value) for end, value in series if value is not None]
    if len(points) < 6:
        return None
    try:
        return xmr(
            [v for _, v in points], periods=[f"{e:%b %Y}" for e, _ in points], direction="higher"
        )
    except StatsInputError:
        return None


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


@dataclass
class TeamMatrix:
    """A team's compliance matrix: a row per person, with their supervision added."""

    courses: list
    rows: list
    training_chart: object
    supervision_chart: object


def team_matrix(team: Team, *, needs_action: bool = False) -> TeamMatrix:
    """The team page's matrix; with `needs_action`, only the people who have something to do."""
    people = list(team_people(team))
    training = compliance.Training(people)
    rows = training.rows()
    supervision = compliance.Supervision(people)
    if needs_action:
        rows = [r for r in rows if any(c.needs_action for c in r.cells)]
    for row in rows:
        row.supervised_on = supervision.last(row.person)
        row.supervision_due = supervision.due(row.person)
        row.supervision_in_date = supervision.in_date(row.person)
    return TeamMatrix(
        courses=training.courses,
        rows=rows,
        training_chart=chart(training.series()),
        supervision_chart=chart(supervision.series()),
    )


@dataclass
class PersonCompliance:
    """One person's training row and supervision dates (all None without staff details)."""

    row: compliance.Row | None = None
    last_supervision: dt.date | None = None
    supervision_due: dt.date | None = None


def person_compliance(person: User) -> PersonCompliance:
    people = list(staff(User.objects.filter(pk=person.pk)))
    if not people:
        return PersonCompliance()
    supervision = compliance.Supervision(people)
    return PersonCompliance(
        row=compliance.Training(people).rows()[0],
        last_supervision=supervision.last(person),
        supervision_due=supervision.due(person),
    )


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
