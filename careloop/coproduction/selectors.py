"""Reads for coproduction pages, the public "You said, we did" pages, my work and headlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can
from careloop.core.selectors import search
from careloop.learning.models import Action

from .models import (
    Contribution,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Project,
    Rung,
    Stage,
    Statement,
)


def projects(user, *, status: str = "", late: bool = False):
    qs = (
        Project.objects.visible_to(user)
        .select_related("lead")
        .prefetch_related("involvements")
        .annotate(
            group_count=Count("involvements__group", distinct=True),
            participant_count=Count("involvements__participant", distinct=True),
        )
    )
    if status:
        qs = qs.filter(status=status)
    rows = list(qs)
    for project in rows:
        project.late_reasons = project.late_involvement(project.involvements.all())
        involvements = list(project.involvements.all())
        project.first_involved = min((i.started_on for i in involvements), default=None)
        project.top_rung = max((i.rung for i in involvements), default=None)
        project.top_rung_label = Rung(project.top_rung).label if project.top_rung else ""
    if late:
        rows = [p for p in rows if p.late_reasons]
    return rows


@dataclass
class MapRow:
    """One row of a project's involvement map: who, and their rung at each stage."""

    who: str
    url: str = ""
    kind: str = ""
    cells: list = field(default_factory=list)  # per stage: Involvement or None (or a rung)


def involvement_map(project: Project, user) -> dict:
    """Who was involved at which stage, and how deeply: groups by name; individual
    participants by name only for those allowed to see participants."""
    involvements = list(
        project.involvements.select_related("group", "participant").order_by("started_on")
    )
    stages = list(Stage)
    see_people = can(user, "coproduction.participants")
    visible_people = (
        set(
            Participant.objects.visible_to(user)
            .filter(pk__in=[i.participant_id for i in involvements if i.participant_id])
            .values_list("pk", flat=True)
        )
        if see_people
        else set()
    )
    rows: dict[tuple, MapRow] = {}
    anonymous = MapRow(who="Individual participants", kind="People taking part as themselves")
    anonymous.cells = [None] * len(stages)
    anonymous_people = set()
    for inv in involvements:
        index = stages.index(Stage(inv.stage))
        key: tuple[str, int]
        if group := inv.group:
            key = ("group", group.pk)
            row = rows.get(key) or MapRow(
                who=group.name, url=group.get_absolute_url(), kind=group.get_kind_display()
            )
        elif (person := inv.participant) and person.pk in visible_people:
            key = ("participant", person.pk)
            row = rows.get(key) or MapRow(
                who=person.full_name, url=person.get_absolute_url(), kind="Participant"
            )
        else:
            anonymous_people.add(inv.participant_id)
            current = anonymous.cells[index]
            if current is None or inv.rung > current.rung:
                anonymous.cells[index] = inv
            continue
        if not row.cells:
            row.cells = [None] * len(stages)
        if row.cells[index] is None or inv.rung > row.cells[index].rung:
            row.cells[index] = inv
        rows[key] = row
    out = list(rows.values())
    if anonymous_people:
        n = len(anonymous_people)
        anonymous.kind = f"{n} {'person' if n == 1 else 'people'} taking part as themselves"
        out.append(anonymous)
    summary = []
    for stage in stages:
        here = [i for i in involvements if i.stage == stage]
        top = max((i.rung for i in here), default=None)
        summary.append(
            {
                "stage": stage,
                "count": len({(i.group_id, i.participant_id) for i in here}),
                "top": Rung(top).label if top else "",
                "first": min((i.started_on for i in here), default=None),
            }
        )
    return {"stages": stages, "rows": out, "summary": summary, "involvements": involvements}


def windows_for(project: Project):
    return project.windows.select_related("group").annotate(said_count=Count("contributions"))


def contributions_for(project: Project):
    return project.contributions.select_related("group", "window")


def groups(*, kind: str = ""):
    qs = Group.objects.annotate(
        member_count=Count("participants", distinct=True),
        project_count=Count("involvements__project", distinct=True),
    )
    return qs.filter(kind=kind) if kind else qs


def participants(user, *, query: str = "", group: str = ""):
    qs = Participant.objects.visible_to(user).prefetch_related("groups")
    qs = search(qs, query, "full_name", "known_as")
    if group.isdigit():
        qs = qs.filter(groups=group)
    return qs


def consenting_participants(user):
    """The people `user` may involve in a project (None: their role may not see participants)."""
    if not can(user, "coproduction.participants"):
        return None
    return Participant.objects.visible_to(user).filter(
        consent=True, consent_withdrawn_on__isnull=True, erased_on__isnull=True
    )


def projects_of(participant: Participant) -> QuerySet[Project]:
    """The projects a person was involved in (what a payment to them can be for)."""
    return Project.objects.filter(involvements__participant=participant).distinct()


def actions_to_name(user) -> QuerySet[Action]:
    """The actions `user` may see, for a statement to name the one that did what it says."""
    return Action.objects.visible_to(user).order_by("-created_at")


def named_action(statement: Statement, user) -> Action | None:
    """The action a statement names, if `user` may see it."""
    if statement.action_id is None:
        return None
    return actions_to_name(user).filter(pk=statement.action_id).first()


def statements(*, status: str = "", topic: str = ""):
    qs = Statement.objects.select_related("project")
    if status:
        qs = qs.filter(status=status)
    if topic:
        qs = qs.filter(topic=topic)
    return qs


def public_statements(*, topic: str = ""):
    qs = Statement.objects.published().select_related("project").prefetch_related("themes")
    if topic:
        qs = qs.filter(topic=topic)
    return qs.order_by("topic", "-published_on", "-pk")


def public_topics() -> list[str]:
    return list(
        Statement.objects.published().order_by("topic").values_list("topic", flat=True).distinct()
    )


# --- Home page ---------------------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    if not can(user, "coproduction.edit"):
        return []
    items = []
    today = dt.date.today()
    led = Project.objects.filter(lead=user).exclude(status=Project.Status.COMPLETE)
    for window in (
        FeedbackWindow.objects.filter(project__in=led)
        .select_related("project")
        .annotate(said=Count("contributions"))
    ):
        if window.closes_on < today and window.said == 0:
            items.append(
                WorkItem(
                    title=f"Record what people said: {window.title}",
                    url=window.project.get_absolute_url() + "#windows",
                    area="Coproduction",
                    kind="Feedback window closed",
                    due=window.closes_on,
                )
            )
    pending = (
        Contribution.objects.filter(project__in=led, outcome=Contribution.Outcome.PENDING)
        .values("project")
        .annotate(n=Count("pk"))
    )
    titles = dict(led.values_list("pk", "title"))
    for row in pending:
        items.append(
            WorkItem(
                title=f"Say what changed: {row['n']} comment{'s' if row['n'] != 1 else ''} on "
                f"{titles[row['project']]}",
                url=reverse("coproduction:project_show", args=[row["project"]]) + "#said",
                area="Coproduction",
                kind="What people said",
            )
        )
    return items


def headlines(user) -> list[Figure]:
    live = projects(user, status=Project.Status.ACTIVE)
    today = dt.date.today()
    open_windows = FeedbackWindow.objects.filter(opens_on__lte=today, closes_on__gte=today).count()
    index = reverse("coproduction:index")
    return [
        Figure("Coproduction projects under way", len(live), f"{index}?status=active"),
        Figure(
            "Projects that involved people late",
            len([p for p in projects(user) if p.late_reasons]),
            f"{index}?late=1",
            hint="First involved after the work was drafted",
        ),
        Figure("Feedback windows open", open_windows, index + "#windows"),
        Figure(
            "“You said, we did” published",
            Statement.objects.published().count(),
            reverse("coproduction:public_index"),
        ),
    ]


def open_windows():
    today = dt.date.today()
    return (
        FeedbackWindow.objects.filter(closes_on__gte=today)
        .select_related("project", "group")
        .order_by("closes_on")
    )


def pending_contributions():
    return Contribution.objects.filter(outcome=Contribution.Outcome.PENDING).select_related(
        "project", "group"
    )


def project_detail():
    return Project.objects.select_related("lead", "team").prefetch_related(
        Prefetch("involvements", queryset=Involvement.objects.select_related("group"))
    )
