"""Performance reads for pages, the API, the command and other areas."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from careloop import stats
from careloop.core.areas import EvidenceFact
from careloop.core.areas import Figure as Headline
from careloop.learning import selectors as learning_selectors
from careloop.stats.spc_types import SpcResult

from . import compare, findings
from .models import Council, Figure, Measure

# The built-in sample (synthetic councils and figures) for a machine without the real data.
SAMPLE_CSV = Path(__file__).parent / "data" / "sample-published.csv"
SAMPLE_NEIGHBOURS = Path(__file__).parent / "data" / "sample-neighbours.json"
PUBLISHED_CSV, PUBLISHED_NEIGHBOURS = "ascof-oflog-2015-2023.csv", "nearest-neighbours.json"


def published_files() -> tuple[Path, Path, bool]:
    """The shared published files when the machine has them (settings.PERFORMANCE_DATA),
    else the built-in synthetic sample; and whether they are the real ones."""
    folder = settings.PERFORMANCE_DATA
    real = (folder / PUBLISHED_CSV, folder / PUBLISHED_NEIGHBOURS)
    if all(p.is_file() for p in real):
        return real[0], real[1], True
    return SAMPLE_CSV, SAMPLE_NEIGHBOURS, False


def measures() -> QuerySet[Measure]:
    return Measure.objects.all()


def home_council() -> Council | None:
    return Council.objects.filter(is_home=True).first()


def council(code: str) -> Council | None:
    return Council.objects.filter(code=code.strip().upper()).first()


def described(measure: Measure) -> findings.Described:
    return findings.Described(
        name=measure.name, unit=measure.unit, polarity=measure.polarity, decimals=measure.decimals
    )


def group_codes(target: Council, kind: str | None = None) -> list[str] | None:
    """The comparator group's codes (itself included), or None when there is none."""
    kind = kind or target.comparator
    if kind == "region" and target.region:
        return list(Council.objects.filter(region=target.region).values_list("code", flat=True))
    if kind == "kind" and target.kind:
        return list(Council.objects.filter(kind=target.kind).values_list("code", flat=True))
    if kind == "neighbours" and target.neighbours:
        return list(target.neighbours)
    return None


@dataclass
class MeasureData:
    """Every published figure of one measure: by year, code -> value."""

    measure: Measure
    by_year: dict[str, dict[str, float]]

    @property
    def years(self) -> list[str]:
        return sorted(self.by_year, key=compare.year_start)

    def series(self, code: str) -> dict[str, float]:
        return {y: v[code] for y, v in self.by_year.items() if code in v}


def measure_data(measure: Measure) -> MeasureData:
    by_year: dict[str, dict[str, float]] = defaultdict(dict)
    rows = Figure.objects.filter(measure=measure, value__isnull=False).values_list(
        "period", "council__code", "value"
    )
    for period, code, value in rows:
        if value is not None:  # (filtered out above: for the types)
            by_year[period][code] = value
    return MeasureData(measure, dict(by_year))


def standing(
    target: Council,
    measure: Measure,
    *,
    year: str | None = None,
    group: str | None = None,
    data: MeasureData | None = None,
    codes: list[str] | None = None,
) -> compare.Standing | None:
    """Where the council stands on the measure in `year` (the measure's latest by default);
    None when the measure has no figures at all (or none that year)."""
    data = data or measure_data(measure)
    year = year or (data.years[-1] if data.years else None)
    if year is None or year not in data.by_year:
        return None
    return compare.standing(
        council_code=target.code,
        measure_code=measure.code,
        year=year,
        polarity=measure.polarity,
        england=data.by_year[year],
        group=codes if codes is not None else group_codes(target, group),
        series=data.series(target.code),
    )


@dataclass(frozen=True)
class Row:
    measure: Measure
    standing: compare.Standing
    finding: str
    themes: tuple = ()
    actions: tuple = ()


def overview(target: Council, user=None) -> list[Row]:
    """Each measure's latest standing and finding for the council; with a user, the themes
    and the actions (those the person may see) linked to each measure."""
    codes = group_codes(target)
    out = []
    for measure in measures().exclude(source=Measure.Source.LOCAL).prefetch_related("themes"):
        data = measure_data(measure)
        found = standing(target, measure, data=data, codes=codes)
        if found is not None:
            text = findings.finding(found, target.name, described(measure))
            linked = tuple(learning_selectors.actions_for(measure, user)) if user else ()
            out.append(Row(measure, found, text, tuple(measure.themes.all()), linked))
    return out


@dataclass(frozen=True)
class YearPoint:
    year: str
    value: float | None
    england_median: float | None
    group_low: float | None
    group_high: float | None


def series_points(target: Council, measure: Measure, data: MeasureData) -> list[YearPoint]:
    codes = group_codes(target)
    points = []
    for year in data.years:
        s = standing(target, measure, year=year, data=data, codes=codes)
        if s is not None:
            points.append(YearPoint(year, s.value, s.england_median, s.group_low, s.group_high))
    return points


def strip(target: Council, data: MeasureData, year: str) -> list[tuple[str, str, float, str]]:
    """Every council's figure that year, sorted: (code, name, value, "self"|"group"|"")."""
    names = dict(Council.objects.values_list("code", "name"))
    group = set(group_codes(target) or [])
    return sorted(
        (
            (code, names.get(code, code), value, _mark(code, target.code, group))
            for code, value in data.by_year.get(year, {}).items()
        ),
        key=lambda item: item[2],
    )


def _mark(code: str, home: str, group: set[str]) -> str:
    return "self" if code == home else ("group" if code in group else "")


def headlines(user) -> list[Headline]:
    target = home_council()
    if target is None:
        return []
    rows = overview(target)
    low = sum(1 for r in rows if r.standing.england_quartile == 4)
    return [Headline("Measures in England's bottom quarter", low, url="/performance/")]


def evidence() -> list[EvidenceFact]:
    """The council's standing on each measure, for the CQC evidence library (Outcomes)."""
    target = home_council()
    if target is None:
        return []
    facts = []
    for row in overview(target):
        facts.append(
            EvidenceFact(
                key=f"performance:{row.measure.code}:{row.standing.year}",
                title=f"{row.measure.name} ({row.standing.year})",
                summary=row.finding,
                date=_year_end(row.standing.year),
                source="Performance",
                url=row.measure.get_absolute_url(),
                statements=(1, 2),
                category="outcomes",
                figures=row.standing.as_json(),
            )
        )
    return facts


def _year_end(year: str) -> dt.date:
    return dt.date(compare.year_start(year) + 1, 3, 31)


def local_chart(target: Council | None, measure: Measure) -> SpcResult | None:
    """A local measure's XmR chart (Making Data Count rules, its target), oldest first."""
    if target is None or not measure.is_local:
        return None
    rows = list(
        Figure.objects.filter(council=target, measure=measure, value__isnull=False)
        .order_by("period")
        .values_list("period", "value")
    )
    if not rows:
        return None
    direction = {"higher": "higher", "lower": "lower"}.get(measure.polarity, "neither")
    return stats.xmr(
        [float(v) for _, v in rows if v is not None],
        periods=[p for p, v in rows if v is not None],
        direction=direction,
        target=measure.target,
    )


@dataclass(frozen=True)
class LocalSignal:
    """A local measure whose latest figure is special-cause variation."""

    measure: Measure
    period: str
    value: float
    mean: float
    variation: str  # improvement | concern | neither


def local_signals() -> list[LocalSignal]:
    """Local measures whose latest point is a signal (for QA meeting agendas)."""
    target = home_council()
    found = []
    for measure in measures().filter(source=Measure.Source.LOCAL):
        chart = local_chart(target, measure)
        if chart is None or not chart.points:
            continue
        last = chart.points[-1]
        if last.rules:
            found.append(
                LocalSignal(measure, last.period, last.value, last.mean, last.variation.value)
            )
    return found


def local_options() -> list[tuple[str, str]]:
    """Monthly local measures, as series other areas may measure impact with."""
    return [
        (m.code, f"{m.code}: {m.name}")
        for m in measures().filter(source=Measure.Source.LOCAL, frequency="monthly")
    ]


def local_series(start: dt.date, end: dt.date, option: str) -> list[tuple[dt.date, float]]:
    """A monthly local measure's figures from `start` to `end` (first days of months)."""
    target = home_council()
    if target is None:
        return []
    out = []
    rows = Figure.objects.filter(
        council=target, measure__code=option, measure__frequency="monthly", value__isnull=False
    ).values_list("period", "value")
    for period, value in rows:
        month = dt.date(int(period[:4]), int(period[5:7]), 1)
        if start <= month <= end and value is not None:
            out.append((month, value))
    return sorted(out)
