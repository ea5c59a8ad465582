"""Reads for the innovation pages, the API, "my work" and the home page's headline figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import reverse

from careloop.core import workdays
from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can
from careloop.core.selectors import search

from . import analysis
from .models import Evaluation, ExternalLearning, Measure, Pilot, Reading


def pilots(user, *, status: str = "", query: str = ""):
    qs = (
        Pilot.objects.visible_to(user)
        .select_related("lead", "team")
        .annotate(measure_count=Count("measures", distinct=True))
    )
    if status == "live":
        qs = qs.live()
    elif status:
        qs = qs.filter(status=status)
    return search(qs, query, "title", "idea", "problem").order_by("title")


def status_counts(user) -> list[tuple[str, str, int]]:
    counts = dict(
        Pilot.objects.visible_to(user).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in Pilot.Status.choices]


def latest_decision(pilot: Pilot) -> Evaluation | None:
    return pilot.evaluations.exclude(decision="").order_by("-decided_on", "-pk").first()


@dataclass
class MeasureRow:
    measure: Measure
    latest: Reading | None
    count: int
    verdict: str
    verdict_colour: str


def measure_rows(pilot: Pilot, analyses) -> list[MeasureRow]:
    rows = []
    for a in analyses:
        readings = a.pilot_series.readings
        rows.append(
            MeasureRow(
                measure=a.measure,
                latest=readings[-1] if readings else None,
                count=len(readings) + len(a.comparison_series),
                verdict=a.verdict_label,
                verdict_colour=a.verdict_colour,
            )
        )
    return rows


def readings_table(measure: Measure) -> list[dict]:
    """One row per period: the pilot and comparison readings side by side, newest first."""
    rows: dict[dt.date, dict] = {}
    for r in measure.readings.select_related("entered_by"):
        row = rows.setdefault(
            r.period_start,
            {
                "period": r.period_start,
                "label": measure.period_label(r.period_start),
                "pilot": None,
                "comparison": None,
            },
        )
        row[r.group] = r
    pilot_start = measure.pilot.start_date
    start = measure.period_start(pilot_start) if pilot_start else None
    out = []
    for period in sorted(rows, reverse=True):
        row = rows[period]
        row["phase"] = "" if start is None else ("Pilot" if period >= start else "Baseline")
        out.append(row)
    return out


def evaluation_context(pilot: Pilot, *, data_to: dt.date | None = None) -> dict:
    analyses = analysis.analyse_pilot(pilot, data_to=data_to)
    verdict = analysis.overall(analyses)
    return {
        "analyses": analyses,
        "overall": verdict,
        "overall_label": analysis.Verdict.LABELS[verdict][0],
        "overall_colour": analysis.Verdict.LABELS[verdict][1],
        "suggestion": analysis.suggestion(analyses),
        "draft_summary": analysis.draft_summary(pilot, analyses),
    }


def evaluations(pilot: Pilot):
    return pilot.evaluations.select_related("author", "decided_by")


def external(user, *, kind: str = "", query: str = ""):
    qs = ExternalLearning.objects.select_related("lead")
    if kind:
        qs = qs.filter(kind=kind)
    return search(qs, query, "title", "organisation", "learned")


# --- Home page ---------------------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    """Pilots the person leads that need an evaluation, or this period's figures."""
    if not can(user, "innovation.edit"):
        return []
    items = []
    today = dt.date.today()
    led = (
        Pilot.objects.filter(lead=user)
        .live()
        .annotate(last_reading=Max("measures__readings__period_start"))
    )
    for pilot in led:
        url = reverse("innovation:show", args=[pilot.pk])
        if pilot.evaluation_due:
            items.append(
                WorkItem(
                    title=f"Evaluate {pilot.title}",
                    url=reverse("innovation:evaluation", args=[pilot.pk]),
                    area="Innovation",
                    kind="Pilot evaluation",
                    due=pilot.end_date if pilot.status == Pilot.Status.RUNNING else None,
                    status=pilot.get_status_display(),
                )
            )
        elif pilot.status == Pilot.Status.RUNNING:
            last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            if pilot.last_reading is None or pilot.last_reading < last_month:
                items.append(
                    WorkItem(
                        title=f"Enter {last_month:%B}’s figures for {pilot.title}",
                        url=url,
                        area="Innovation",
                        kind="Pilot measures",
                        due=workdays.add_working_days(today.replace(day=1), 10),
                    )
                )
        elif pilot.status == Pilot.Status.APPROVED:
            items.append(
                WorkItem(
                    title=f"Start {pilot.title}",
                    url=url,
                    area="Innovation",
                    kind="Approved pilot",
                    due=pilot.start_date,
                )
            )
    return items


def headlines(user) -> list[Figure]:
    counts = dict(Pilot.objects.values_list("status").annotate(n=Count("pk")).order_by())
    running = counts.get(Pilot.Status.RUNNING, 0)
    evaluating = counts.get(Pilot.Status.EVALUATING, 0)
    scaled = counts.get(Pilot.Status.SCALED, 0)
    year_ago = dt.date.today() - dt.timedelta(days=365)
    external_count = ExternalLearning.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=year_ago)
    ).count()
    index = reverse("innovation:index")
    return [
        Figure("Pilots running", running, f"{index}?status=running"),
        Figure("Pilots being evaluated", evaluating, f"{index}?status=evaluating"),
        Figure("Pilots scaled up", scaled, f"{index}?status=scaled"),
        Figure(
            "External learning in the last year",
            external_count,
            reverse("innovation:external_index"),
        ),
    ]
