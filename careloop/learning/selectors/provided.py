"""What this area provides to measure impact and to build QA agendas, registered at start-up
(`register()`, from LearningConfig.ready):

- complaints received each month, from the feedback register (all statutory complaints, or
  those about one service area or team);
- Ombudsman cases received each month, from this area's tracker;
- with the themes area: feedback about a theme a month, its share of feedback, and new theme
  signals on the QA meeting agenda.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count
from django.db.models.functions import TruncMonth

from careloop.core.models import ServiceArea, Team
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.learning.agenda import AgendaCandidate, register_agenda_provider
from careloop.learning.models import LgscoCase
from careloop.learning.series import months_between, register_series_provider


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
    options = [("", "All adult social care complaints")]
    options += [
        (f"service:{s.pk}", f"Complaints about {s.name}") for s in ServiceArea.objects.all()
    ]
    options += [(f"team:{t.pk}", f"Complaints about the {t.name}") for t in Team.objects.all()]
    return options


def complaint_counts(start: dt.date, end: dt.date, option: str = ""):
    qs = Feedback.objects.filter(kind=Feedback.Kind.COMPLAINT)
    kind, _, pk = option.partition(":")
    if kind == "service" and pk.isdigit():
        qs = qs.filter(service_id=int(pk))
    elif kind == "team" and pk.isdigit():
        qs = qs.filter(team_id=int(pk))
    return _monthly(qs, "received_on", start, end)


# --- Ombudsman cases a month ---------------------------------------------------------------
def lgsco_counts(start: dt.date, end: dt.date):
    return _monthly(LgscoCase.objects.all(), "received_on", start, end)


# --- Themes: feedback about a theme a month, and its share of feedback ------------------------
# Counts leave out restricted feedback: anyone who may see a measure may see its figures.
def theme_options() -> list[tuple[str, str]]:
    # imported here: the themes area is optional (its models load only when it is installed)
    from careloop.themes.models import Theme

    complaint = Feedback.Kind.COMPLAINT
    options = []
    for theme in Theme.objects.active().order_by("name"):
        options.append((f"theme:{theme.pk}", f"Feedback about “{theme.name}”"))
        options.append((f"theme:{theme.pk}/kind:{complaint}", f"Complaints about “{theme.name}”"))
    return options


def _theme_key(option: str):
    # imported here: the themes area is optional
    from careloop.themes.selectors import SeriesKey

    try:
        key = SeriesKey.parse(option)
    except ServiceError:
        return None
    return key.without_rate() if key.theme else None


def theme_counts(start: dt.date, end: dt.date, option: str = ""):
    # imported here: as in _theme_key
    from careloop.themes.selectors import series_counts

    key = _theme_key(option)
    if key is None:
        return []
    months = months_between(start, end)
    return list(zip(months, series_counts(key, months, with_restricted=False), strict=True))


def theme_shares(start: dt.date, end: dt.date, option: str = ""):
    # imported here: as in _theme_key
    from careloop.themes.selectors import series_counts

    key = _theme_key(option)
    if key is None:
        return []
    months = months_between(start, end)
    themed = series_counts(key, months, with_restricted=False)
    every = series_counts(key.slice_key, months, with_restricted=False)
    return [(m, n, d) for m, n, d in zip(months, themed, every, strict=True) if d]


# --- Themes: new signals on the QA meeting agenda --------------------------------------------
def theme_signals(since: dt.date, until: dt.date):
    """Signals in the last complete month first seen since the last meeting (counts without
    restricted feedback, as the agenda is seen by every member of the board)."""
    # imported here: the themes area is optional
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


def emerging_topics(since: dt.date, until: dt.date):
    """Open emerging topics, found since the last meeting, that grew in their latest month
    (topics never hold restricted feedback, so every member of the board may see them)."""
    # imported here: the themes area is optional
    from careloop.themes.selectors import growing_topics

    for topic in growing_topics().filter(found_at__date__gte=since, found_at__date__lte=until):
        yield AgendaCandidate(
            "emerging_topic",
            f"Emerging topic: {topic.label}",
            f"{topic.size} comments between {topic.period_start:%-d %B %Y} and "
            f"{topic.period_end:%-d %B %Y} that no theme covers well, more in its latest month.",
            topic,
        )


# --- Performance: local indicators' signals and monthly series -------------------------------
def performance_signals(since: dt.date, until: dt.date):
    """Local indicators whose latest figure is a signal (Making Data Count rules)."""
    # imported here: the performance area is optional
    from careloop.performance.selectors import local_signals

    for signal in local_signals():
        word = {"concern": "Concern", "improvement": "Improvement"}.get(
            signal.variation, "Special cause"
        )
        yield AgendaCandidate(
            "other",
            f"Performance signal: {signal.measure.code} {signal.measure.name}",
            f"{word} in {signal.period}: {signal.value:g} against an average of {signal.mean:.1f}.",
            signal.measure,
        )


def performance_options():
    # imported here: the performance area is optional
    from careloop.performance.selectors import local_options

    return local_options()


def performance_series(start: dt.date, end: dt.date, option: str = ""):
    # imported here: the performance area is optional
    from careloop.performance.selectors import local_series

    return local_series(start, end, option)


def register() -> None:
    """Register the series (and, with the themes area, the agenda's theme signals)."""
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
    register_series_provider(
        "learning.lgsco_cases",
        "Ombudsman cases received a month",
        lgsco_counts,
        kind="count",
        direction="lower",
        unit="cases",
        description="Enquiries and complaints the Ombudsman made about the council each month.",
    )
    if apps.is_installed("careloop.performance"):
        register_series_provider(
            "performance.local",
            "A local performance indicator, a month",
            performance_series,
            kind="value",
            direction="neither",
            options=performance_options,
            description="The council's own monthly figures of a local measure (Performance).",
        )
        register_agenda_provider("performance.signals", performance_signals)
    if not apps.is_installed("careloop.themes"):
        return
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
    register_agenda_provider("themes.emerging", emerging_topics)
