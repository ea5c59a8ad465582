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


# --- Themes: feedback about a theme a month, and its share of feedback ------------------------
# Counts leave out restricted feedback: anyone who may see a measure may see its figures.
def theme_options() -> list[tuple[str, str]]:
    from careloop.feedback.models import Feedback
    from careloop.themes.models import Theme

    complaint = Feedback.Kind.COMPLAINT
    options = []
    for theme in Theme.objects.active().order_by("name"):
        options.append((f"theme:{theme.pk}", f"Feedback about “{theme.name}”"))
        options.append((f"theme:{theme.pk}/kind:{complaint}", f"Complaints about “{theme.name}”"))
    return options


def _theme_key(option: str):
    from careloop.core.services import ServiceError
    from careloop.themes.series import SeriesKey

    try:
        key = SeriesKey.parse(option)
    except ServiceError:
        return None
    return key.without_rate() if key.theme else None


def theme_counts(start: dt.date, end: dt.date, option: str = ""):
    from careloop.themes import series as S

    key = _theme_key(option)
    if key is None:
        return []
    months = _months(start, end)
    return list(zip(months, S.counts(key, months, with_restricted=False), strict=True))


def theme_shares(start: dt.date, end: dt.date, option: str = ""):
    from careloop.themes import series as S

    key = _theme_key(option)
    if key is None:
        return []
    months = _months(start, end)
    themed = S.counts(key, months, with_restricted=False)
    every = S.counts(key.slice_key, months, with_restricted=False)
    return [(m, n, d) for m, n, d in zip(months, themed, every, strict=True) if d]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(month)
        month = _next_month(month)
    return out


# --- Themes: new signals on the QA meeting agenda --------------------------------------------
def theme_signals(since: dt.date, until: dt.date):
    """Signals in the last complete month first seen since the last meeting (counts without
    restricted feedback, as the agenda is seen by every member of the board)."""
    from careloop.learning.agenda import AgendaCandidate
    from careloop.themes.selectors import new_signals

    for signal in new_signals(since=since, until=until):
        kind = {"concern": "Concern", "improvement": "Improvement"}.get(
            signal.variation, "Special cause"
        )
        yield AgendaCandidate(
            "theme_signal",
            f"Theme signal: {signal.label}",
            f"{kind} in {signal.month:%B %Y}: {signal.value:g} against an average of "
            f"{signal.mean:.1f} ({signal.rules}).",
            signal,
        )


if apps.is_installed("careloop.themes"):
    from careloop.learning.agenda import register_agenda_provider

    register_series_provider(
        "themes.theme_count",
        "Feedback about a theme a month (themes)",
        theme_counts,
        kind="count",
        direction="lower",
        unit="items",
        options=theme_options,
        description="Feedback items with the theme (confirmed or suggested) received each "
        "month, from the themes area; restricted feedback is left out.",
    )
    register_series_provider(
        "themes.theme_share",
        "Share of feedback about a theme a month (themes)",
        theme_shares,
        kind="proportion",
        direction="lower",
        unit="items",
        options=theme_options,
        description="Of the feedback received each month (or the complaints), the share with "
        "the theme; restricted feedback is left out.",
    )
    register_agenda_provider("themes.signals", theme_signals)
