"""Series built into careloop, registered at start-up (LearningConfig.ready):

- complaints received each month, from the feedback register (all statutory complaints, or
  those about one service area or team);
- Ombudsman cases received each month, from this area's tracker.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count
from django.db.models.functions import TruncMonth

from careloop.learning.series import register_series_provider


def _monthly(qs, field: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    rows = (
        qs.filter(**{f"{field}__gte": start, f"{field}__lt": _next_month(end)})
        .annotate(m=TruncMonth(field))
        .values("m")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(r["m"].date() if isinstance(r["m"], dt.datetime) else r["m"], r["n"]) for r in rows]


def _next_month(day: dt.date) -> dt.date:
    year, month = divmod(day.year * 12 + day.month, 12)
    return dt.date(year, month + 1, 1)


# --- Feedback: complaints a month ---------------------------------------------------------------
def complaint_options() -> list[tuple[str, str]]:
    from careloop.core.models import ServiceArea, Team

    options = [("", "All adult social care complaints")]
    options += [
        (f"service:{s.pk}", f"Complaints about {s.name}") for s in ServiceArea.objects.all()
    ]
    options += [(f"team:{t.pk}", f"Complaints about the {t.name}") for t in Team.objects.all()]
    return options


def complaint_counts(start: dt.date, end: dt.date, option: str = ""):
    from careloop.feedback.models import Feedback

    qs = Feedback.objects.filter(kind=Feedback.Kind.COMPLAINT)
    kind, _, pk = option.partition(":")
    if kind == "service" and pk.isdigit():
        qs = qs.filter(service_id=int(pk))
    elif kind == "team" and pk.isdigit():
        qs = qs.filter(team_id=int(pk))
    return _monthly(qs, "received_on", start, end)


if apps.is_installed("careloop.feedback"):
    register_series_provider(
        "feedback.complaints",
        "Complaints received a month (feedback register)",
        complaint_counts,
        kind="count",
        direction="lower",
        unit="complaints",
        options=complaint_options,
        description="Statutory adult social care complaints received each month, counted "
        "from the feedback register.",
    )


# --- Ombudsman cases a month ---------------------------------------------------------------
def lgsco_counts(start: dt.date, end: dt.date):
    from careloop.learning.models import LgscoCase

    return _monthly(LgscoCase.objects.all(), "received_on", start, end)


register_series_provider(
    "learning.lgsco_cases",
    "Ombudsman cases received a month",
    lgsco_counts,
    kind="count",
    direction="lower",
    unit="cases",
    description="Enquiries and complaints the Ombudsman made about the council each month.",
)
