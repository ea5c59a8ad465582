"""The statutory annual complaints report for a year to 31 March (2009 Regulations, reg 18):
complaints received, how many were well-founded, how many were referred to the Ombudsman,
their subjects (the themes of the complaints, with the services they were about),
matters of general importance, and the improvements made as a result (the
actions closed in the year, with their measured impact)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps

from careloop.feedback.selectors import annual_figures
from careloop.learning.charts import bar_chart
from careloop.learning.evaluation import evaluate
from careloop.learning.models import Action, AnnualReportText, LgscoCase, LgscoYear
from careloop.learning.selectors.lgsco import tracker_figures
from careloop.learning.selectors.provided import complaint_counts
from careloop.learning.series import months_between, normalise
from careloop.stats import xmr


def year_start_for(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def label(year_start: int) -> str:
    return f"{year_start}-{str(year_start + 1)[2:]}"


def available_years(today: dt.date | None = None) -> list[int]:
    current = year_start_for(today or dt.date.today())
    return list(range(current, current - 6, -1))


def _feedback(year_start: int) -> dict:
    return annual_figures(dt.date(year_start, 4, 1))


def _subjects(start: dt.date, end: dt.date):
    """The themes of the year's complaints (None without the themes area)."""
    if not apps.is_installed("careloop.themes"):
        return None
    # imported here: the themes area is optional (its models load only when it is installed)
    from careloop.themes.selectors import complaint_subjects

    return complaint_subjects(start, end)


def _monthly_complaints(start: dt.date, end: dt.date):
    months = months_between(start, end)
    return normalise(complaint_counts(months[0], months[-1]), months, "count")


def improvements(year_start: int, user=None) -> list[dict]:
    """Actions signed off in the year, with each measured impact."""
    start, end = dt.date(year_start, 4, 1), dt.date(year_start + 1, 3, 31)
    qs = Action.objects.filter(status=Action.Status.CLOSED, signed_off_on__range=(start, end))
    if user is not None:
        qs = qs.visible_to(user)
    out: list[dict[str, Any]] = []
    for action in qs.select_related("recommendation__review").prefetch_related("impacts__measure"):
        out.append(
            {
                "action": action,
                "evaluations": [evaluate(link) for link in action.impacts.all()],
                "figures": list(action.figures.all()),
            }
        )
    # measured improvements first
    out.sort(
        key=lambda row: (not any(e.concluded for e in row["evaluations"]), row["action"].title)
    )
    return out


def build(year_start: int, user=None, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    start, end = dt.date(year_start, 4, 1), dt.date(year_start + 1, 3, 31)
    complete = end < today
    feedback = _feedback(year_start)
    text = AnnualReportText.objects.filter(year_start=year_start).first()
    lgsco_year = LgscoYear.objects.filter(year_start=year_start).first()
    cases = LgscoCase.objects.filter(received_on__range=(start, end))
    lgsco_subjects = [
        (label_, cases.filter(subject=value).count()) for value, label_ in LgscoCase.Subject.choices
    ]
    context: dict[str, Any] = {
        "year_start": year_start,
        "year_label": label(year_start),
        "start": start,
        "end": end,
        "complete": complete,
        "text": text,
        "feedback": feedback,
        "lgsco_year": lgsco_year,
        "tracker": tracker_figures(year_start),
        "lgsco_subjects": [row for row in lgsco_subjects if row[1]],
        "improvements": improvements(year_start, user),
    }
    subjects = _subjects(start, end)
    if subjects is not None:
        context["subjects"], context["unthemed"] = subjects
        context["themes_installed"] = True
        if context["subjects"]:
            context["subject_chart"] = bar_chart(
                [(row.theme, row.total) for row in context["subjects"]],
                title=f"Complaints by subject, {label(year_start)}",
                id_prefix="by-subject",
            )
    if feedback["complaints"]:
        by_service = [
            (row["service__name"] or "Not recorded", row["n"]) for row in feedback["by_service"]
        ]
        context["by_service"] = by_service
        context["service_chart"] = bar_chart(
            by_service, title=f"Complaints by service, {label(year_start)}", id_prefix="by-service"
        )
        context["outcome_chart"] = bar_chart(
            feedback["by_outcome"], title="Outcome of complaints decided", id_prefix="by-outcome"
        )
        last = min(end, dt.date(today.year, today.month, 1) - dt.timedelta(days=1))
        if last >= start:
            series = _monthly_complaints(start, last)
            if len(series) >= 2:
                context["monthly"] = xmr(
                    list(series.values), periods=list(series.months), direction="lower"
                )
    if context["lgsco_subjects"]:
        context["lgsco_chart"] = bar_chart(
            context["lgsco_subjects"],
            title="Ombudsman cases by subject",
            id_prefix="lgsco-subjects",
        )
    return context
