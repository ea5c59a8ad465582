"""What Learn and act adds to the home page: my work and headline figures."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can
from careloop.learning.models import Action, BriefRecipient, LgscoRemedy, LgscoYear

from .actions import action_counts, awaiting_my_sign_off
from .meetings import next_meeting

AREA = "Learn and act"


def my_work(user) -> list[WorkItem]:
    items = [
        WorkItem(
            title=f"{a.reference}: {a.title}",
            url=a.get_absolute_url(),
            area=AREA,
            kind="Action you own",
            due=a.due_on,
            status=a.effective_status_label,
        )
        for a in Action.objects.visible_to(user).open().filter(owner=user)
    ]
    items += [
        WorkItem(
            title=f"Sign off {a.reference}: {a.title}",
            url=a.get_absolute_url(),
            area=AREA,
            kind="Action to sign off",
            status=f"Owner: {a.owner}",
        )
        for a in awaiting_my_sign_off(user).select_related("owner")
    ]
    items += [
        WorkItem(
            title=f"Read: {r.brief.title}",
            url=r.brief.get_absolute_url(),
            area=AREA,
            kind=r.brief.get_format_display(),
            due=r.brief.read_by,
            status="Not yet confirmed as read",
        )
        for r in BriefRecipient.objects.filter(
            person=user, acknowledged_at__isnull=True
        ).select_related("brief")
    ]
    items += [
        WorkItem(
            title=f"Ombudsman remedy: {r.get_kind_display()} ({r.case.reference})",
            url=r.get_absolute_url(),
            area=AREA,
            kind="Remedy to comply with",
            due=r.due_on,
        )
        for r in LgscoRemedy.objects.filter(
            case__officer=user, complied_on__isnull=True
        ).select_related("case")
    ]
    return items


def headlines(user) -> list[Figure]:
    counts = action_counts(user)
    url = reverse("learning:action_index")
    figures = [
        Figure("Open actions", counts["open"], f"{url}?status=open"),
        Figure(
            "Overdue actions",
            counts["overdue"],
            f"{url}?status=overdue",
            hint="Each is on the next quality assurance meeting's agenda",
        ),
        Figure("Closed in the last 12 months", counts["closed_12_months"], f"{url}?status=closed"),
    ]
    year = LgscoYear.objects.order_by("-year_start").first()
    if year and year.upheld_rate is not None:
        hint = f"{year.upheld} of {year.detailed_investigations} investigated, {year.label}"
        if year.similar_upheld_rate is not None:
            hint += f"; similar councils {year.similar_upheld_rate}%"
        figures.append(
            Figure(
                "Ombudsman upheld rate",
                f"{year.upheld_rate}%",
                reverse("learning:lgsco_figures"),
                hint,
            )
        )
    meeting = next_meeting(dt.date.today())
    if meeting and can(user, "learning.view"):
        figures.append(
            Figure(
                "Next QA meeting",
                f"{meeting.held_on.day} {meeting.held_on:%b}",
                meeting.get_absolute_url(),
                hint=meeting.series.name,
            )
        )
    return figures
