"""What the evaluation of a measure gives: the groups' series, the charts and tests, and the
verdict that follows from them (careloop.stats computes; this holds and words the results)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from careloop import stats
from careloop.stats import (
    ImpactResult,
    Kind,
    MeanDifferenceTest,
    Outcome,
    ProportionTest,
    SampleSizeResult,
    SpcResult,
)

from ..models import Measure, Reading

MIN_PERIODS = 6  # periods needed on each side before a test is run (careloop.stats default)
STATS_KIND: dict[str, Kind] = {
    Measure.Kind.COUNT: Kind.COUNT,
    Measure.Kind.RATE: Kind.COUNT,
    Measure.Kind.PROPORTION: Kind.PROPORTION,
    Measure.Kind.MEAN: Kind.MEAN,
}


class Verdict:
    IMPROVED = "improved"
    WORSENED = "worsened"
    MIXED = "mixed"
    CHANGED = "changed"
    NO_CLEAR_CHANGE = "no clear change"
    TOO_LITTLE_DATA = "too little data"

    LABELS = {
        IMPROVED: ("Improved", "green"),
        WORSENED: ("Got worse", "red"),
        MIXED: ("Mixed results", "orange"),
        CHANGED: ("Changed", "blue"),
        NO_CLEAR_CHANGE: ("No clear change", "grey"),
        TOO_LITTLE_DATA: ("Too little data", "yellow"),
    }


@dataclass
class Series:
    """One group's readings for a measure, oldest first."""

    readings: list[Reading]

    @property
    def periods(self) -> list[dt.date]:
        return [r.period_start for r in self.readings]

    @property
    def values(self) -> list[float]:
        return [float(r.value) for r in self.readings]

    @property
    def denominators(self) -> list[float]:
        return [float(r.denominator) if r.denominator is not None else 0.0 for r in self.readings]

    def __len__(self) -> int:
        return len(self.readings)

    def split(self, at: dt.date) -> tuple[Series, Series]:
        return (
            Series([r for r in self.readings if r.period_start < at]),
            Series([r for r in self.readings if r.period_start >= at]),
        )


@dataclass
class MeasureAnalysis:
    measure: Measure
    pilot_series: Series
    comparison_series: Series
    before_n: int = 0
    after_n: int = 0
    spc: SpcResult | None = None
    comparison_spc: SpcResult | None = None
    markers: tuple = ()
    before_after: ImpactResult | None = None
    comparison: ImpactResult | None = None
    sample: SampleSizeResult | None = None
    notes: list[str] = field(default_factory=list)
    sample_note: str = ""

    @property
    def results(self) -> list[ImpactResult]:
        return [r for r in (self.before_after, self.comparison) if r is not None]

    @property
    def verdict(self) -> str:
        judged = [r for r in self.results if r.outcome is not Outcome.TOO_LITTLE_DATA]
        if not judged:
            return Verdict.TOO_LITTLE_DATA
        better = any(r.improvement is True for r in judged)
        worse = any(r.improvement is False for r in judged)
        if better and worse:
            return Verdict.MIXED
        if better:
            return Verdict.IMPROVED
        if worse:
            return Verdict.WORSENED
        if any(r.concluded for r in judged):
            return Verdict.CHANGED
        return Verdict.NO_CLEAR_CHANGE

    @property
    def verdict_label(self) -> str:
        return Verdict.LABELS[self.verdict][0]

    @property
    def verdict_colour(self) -> str:
        return Verdict.LABELS[self.verdict][1]

    @property
    def findings(self) -> list[str]:
        return [r.summary for r in self.results]

    @property
    def improvement_figures(self) -> tuple[float, float] | None:
        """(before, after) on the measure's own scale, rounded, from the before/after test."""
        test = self.before_after.test if self.before_after else None
        if test is None:
            return None
        if isinstance(test, MeanDifferenceTest):  # averages
            return round(test.mean_first, 1), round(test.mean_second, 1)
        if isinstance(test, ProportionTest):
            return round(test.p_first * 100, 1), round(test.p_second * 100, 1)
        per = self.measure.per if self.measure.kind == Measure.Kind.RATE else 1
        return round(test.rate_first * per, 1), round(test.rate_second * per, 1)

    @property
    def pdf_charts(self) -> list[dict]:
        """The charts as SVG with their data tables, for the PDF report."""
        charts = []
        for spc, title, chart_id, markers in (
            (self.spc, self.chart_title, self.chart_id, self.markers),
            (self.comparison_spc, self.comparison_chart_title, self.comparison_chart_id, ()),
        ):
            if spc is None:
                continue
            svg = stats.xmr_svg(
                spc,
                title=title,
                y_label=self.y_label,
                markers=tuple(stats.ChartMarker(i, label) for i, label in markers),
                id_prefix=chart_id,
            )
            charts.append(
                {
                    "title": title,
                    "svg": mark_safe(svg),  # noqa: S308 - careloop.stats escapes its text
                    "summary": stats.describe_spc(spc, title),
                    "headers": stats.TABLE_HEADERS,
                    "rows": stats.chart_table(spc),
                }
            )
        return charts

    @property
    def chart_id(self) -> str:
        return f"measure-{self.measure.pk}"

    @property
    def comparison_chart_id(self) -> str:
        return f"measure-{self.measure.pk}-comparison"

    @property
    def chart_title(self) -> str:
        return (
            f"{self.measure.name}: pilot group"
            if len(self.comparison_series)
            else self.measure.name
        )

    @property
    def comparison_chart_title(self) -> str:
        return f"{self.measure.name}: comparison group"

    @property
    def y_label(self) -> str:
        m = self.measure
        if m.kind == Measure.Kind.RATE:
            return m.rate_unit
        if m.kind == Measure.Kind.PROPORTION:
            return "per cent"
        return m.unit or "count"


def measure_words(measure: Measure) -> str:
    """The measure's name as it reads mid-sentence ('Falls' -> 'falls'; 'NHS' stays)."""
    name = measure.name
    if name[:1].isupper() and name[1:2].islower():
        return name[:1].lower() + name[1:]
    return name
