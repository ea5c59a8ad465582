"""The evaluation of a pilot's measures, using careloop.stats (never reimplementing it).

For each measure: an XmR chart of the pilot group (limits fixed on the baseline period, so
points after the pilot began are judged against what was normal before), the before/after
test, the pilot-against-comparison test, and a sample-size note saying how much longer the
pilot must run to detect the change it hopes for. A verdict per measure and a plain-English
draft summary for the pilot follow from those results; a person edits the summary and makes
the decision.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from careloop import stats
from careloop.stats import (
    Direction,
    ImpactResult,
    Kind,
    Outcome,
    SampleSizeResult,
    SpcOptions,
    SpcResult,
)
from careloop.stats.findings import too_thin_groups

from .models import Measure, Pilot, Reading

MIN_PERIODS = 6  # periods needed on each side before a test is run (careloop.stats default)
STATS_KIND = {
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
        kind = self.measure.kind
        if kind == Measure.Kind.MEAN:
            return round(test.mean_first, 1), round(test.mean_second, 1)
        if kind == Measure.Kind.PROPORTION:
            return round(test.p_first * 100, 1), round(test.p_second * 100, 1)
        per = self.measure.per if kind == Measure.Kind.RATE else 1
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
            return f"per {m.per:,} {m.denominator_label}".strip()
        if m.kind == Measure.Kind.PROPORTION:
            return "per cent"
        return m.unit or "count"


def _intervention(pilot: Pilot) -> str:
    return f"the pilot (started {pilot.start_date.day} {pilot.start_date:%B %Y})"


def _readings(measure: Measure, data_to: dt.date | None) -> tuple[Series, Series]:
    readings = list(measure.readings.all())
    if data_to is not None:
        readings = [r for r in readings if r.period_start <= data_to]
    readings.sort(key=lambda r: r.period_start)
    pilot = [r for r in readings if r.group == Reading.Group.PILOT]
    comparison = [r for r in readings if r.group == Reading.Group.COMPARISON]
    return Series(pilot), Series(comparison)


def _chart(measure: Measure, series: Series, baseline_points: int | None) -> SpcResult:
    options = SpcOptions(baseline_points=baseline_points) if baseline_points else None
    direction = Direction(measure.direction)
    target = float(measure.target) if measure.target is not None else None
    labels = [measure.period_label(p) for p in series.periods]
    if measure.needs_denominator:
        per = 100.0 if measure.kind == Measure.Kind.PROPORTION else float(measure.per)
        return stats.xmr_rate(
            series.values,
            series.denominators,
            per=per,
            periods=labels,
            direction=direction,
            target=target,
            options=options,
        )
    return stats.xmr(
        series.values, periods=labels, direction=direction, target=target, options=options
    )


def _gaps(measure: Measure, series: Series) -> str:
    """A note when periods are missing between the first and the last reading."""
    if len(series) < 2:
        return ""
    expected, day = 0, series.periods[0]
    while day <= series.periods[-1]:
        expected += 1
        day = (
            day + dt.timedelta(days=7)
            if measure.period == Measure.Period.WEEK
            else (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        )
    missing = expected - len(series)
    if missing <= 0:
        return ""
    return (
        f"{missing} {measure.period}{'s' if missing != 1 else ''} between "
        f"{measure.period_label(series.periods[0])} and "
        f"{measure.period_label(series.periods[-1])} have no reading; the chart joins the "
        "periods either side."
    )


def _before_after(measure: Measure, before: Series, after: Series, intervention: str):
    both = Series(before.readings + after.readings)
    common = dict(
        measure=_measure_words(measure),
        intervention=intervention,
        period_name=measure.period,
        direction=Direction(measure.direction),
        min_periods=MIN_PERIODS,
    )
    idx = len(before)
    kind = measure.kind
    if kind == Measure.Kind.COUNT:
        return stats.count_impact(both.values, idx, **common)
    if kind == Measure.Kind.RATE:
        unit = f"per {measure.per:,} {measure.denominator_label}".strip()
        return stats.count_impact(
            both.values, idx, exposures=both.denominators, per=measure.per, rate_unit=unit, **common
        )
    if kind == Measure.Kind.PROPORTION:
        return stats.proportion_impact(both.values, both.denominators, idx, **common)
    return stats.mean_impact(both.values, idx, unit=measure.unit, **common)


def _compare(measure: Measure, pilot: Series, comparison: Series):
    shared = sorted(set(pilot.periods) & set(comparison.periods))
    p = Series([r for r in pilot.readings if r.period_start in shared])
    c = Series([r for r in comparison.readings if r.period_start in shared])
    common = dict(
        measure=_measure_words(measure),
        pilot="the pilot group",
        comparison="the comparison group",
        period_name=measure.period,
        direction=Direction(measure.direction),
        min_periods=MIN_PERIODS,
    )
    kind = measure.kind
    if not shared:
        finding = too_thin_groups(
            common["measure"], 0, MIN_PERIODS, measure.period, common["pilot"], common["comparison"]
        )
        return ImpactResult(STATS_KIND[kind], Outcome.TOO_LITTLE_DATA, finding, 0, 0)
    if kind == Measure.Kind.COUNT:
        return stats.compare_group_counts(p.values, c.values, **common)
    if kind == Measure.Kind.RATE:
        unit = f"per {measure.per:,} {measure.denominator_label}".strip()
        return stats.compare_group_counts(
            p.values,
            c.values,
            pilot_exposures=p.denominators,
            comparison_exposures=c.denominators,
            per=measure.per,
            rate_unit=unit,
            **common,
        )
    if kind == Measure.Kind.PROPORTION:
        return stats.compare_group_proportions(
            p.values, p.denominators, c.values, c.denominators, **common
        )
    return stats.compare_group_means(p.values, c.values, unit=measure.unit, **common)


def _measure_words(measure: Measure) -> str:
    """The measure's name as it reads mid-sentence ('Falls' -> 'falls'; 'NHS' stays)."""
    name = measure.name
    if name[:1].isupper() and name[1:2].islower():
        return name[:1].lower() + name[1:]
    return name


def _sample_size(measure: Measure, before: Series, after: Series) -> SampleSizeResult:
    """How many periods the pilot needs to detect its hoped-for change."""
    hoped = float(measure.hoped_change)
    common = dict(periods_so_far=len(after), period_name=measure.period)
    if len(before) < 2:
        raise stats.StatsInputError(
            "A sample-size estimate needs at least 2 periods of baseline data before the pilot."
        )
    if measure.kind in (Measure.Kind.COUNT, Measure.Kind.RATE):
        rate = statistics.fmean(before.values)
        return stats.periods_for_rate_change(
            rate, hoped / 100, baseline_periods=len(before), **common
        )
    if measure.kind == Measure.Kind.PROPORTION:
        den_before = sum(before.denominators)
        if den_before <= 0:
            raise stats.StatsInputError("The baseline has no people in it (denominators are 0).")
        p0 = sum(before.values) / den_before
        per_period = statistics.fmean((after if len(after) else before).denominators)
        return stats.periods_for_proportion_change(
            p0,
            p0 + hoped / 100,
            baseline_denominator=den_before,
            denominator_per_period=per_period,
            **common,
        )
    sd = statistics.stdev(before.values)
    if sd == 0:
        raise stats.StatsInputError(
            "The baseline values are all the same, so their variation cannot be estimated."
        )
    return stats.periods_for_mean_change(
        sd, hoped, baseline_periods=len(before), unit=measure.unit, **common
    )


def _minimum_note(measure: Measure, result: MeasureAnalysis) -> str:
    """When the power calculation is satisfied sooner than careloop's minimum run of periods."""
    short = MIN_PERIODS - result.after_n
    sample = result.sample
    if short <= 0 or sample is None or not sample.achievable or sample.more_periods >= short:
        return ""
    period = measure.period if short == 1 else f"{measure.period}s"
    return (
        f" But careloop judges a change only after at least {MIN_PERIODS} {measure.period}s of "
        f"the pilot, so it needs {short} more {period} before it can say."
    )


def analyse_measure(measure: Measure, *, data_to: dt.date | None = None) -> MeasureAnalysis:
    pilot = measure.pilot
    pilot_series, comparison_series = _readings(measure, data_to)
    result = MeasureAnalysis(measure, pilot_series, comparison_series)
    if pilot.start_date is None:
        result.notes.append("The pilot has no start date yet, so there is no before and after.")
        before, after = Series([]), pilot_series
    else:
        start = measure.period_start(pilot.start_date)
        before, after = pilot_series.split(start)
        if pilot.baseline_start:
            before = Series([r for r in before.readings if r.period_start >= pilot.baseline_start])
        result.before_n, result.after_n = len(before), len(after)
        pilot_series = Series(before.readings + after.readings)
        result.pilot_series = pilot_series

    if gap := _gaps(measure, pilot_series):
        result.notes.append(gap)

    # Statistical process control: limits fixed on the baseline when there is one.
    if len(pilot_series):
        baseline = result.before_n if result.before_n >= 2 and result.after_n else None
        try:
            result.spc = _chart(measure, pilot_series, baseline)
            if baseline:
                result.markers = ((result.before_n, "Pilot began"),)
                result.notes.append(
                    f"The chart's limits rest on the {result.before_n} {measure.period}s before "
                    "the pilot, so later points are judged against what was normal before it."
                )
        except stats.StatsInputError as exc:
            result.notes.append(f"The chart cannot be drawn: {exc}")
    if len(comparison_series):
        try:
            result.comparison_spc = _chart(measure, comparison_series, None)
        except stats.StatsInputError as exc:
            result.notes.append(f"The comparison group's chart cannot be drawn: {exc}")

    # Tests.
    try:
        if pilot.uses_baseline and pilot.start_date is not None:
            result.before_after = _before_after(measure, before, after, _intervention(pilot))
        if pilot.uses_comparison and len(comparison_series):
            result.comparison = _compare(measure, after, comparison_series)
        elif pilot.uses_comparison:
            result.notes.append("There are no comparison group figures for this measure.")
    except stats.StatsInputError as exc:
        result.notes.append(f"The figures cannot be tested: {exc}")

    # How much longer?
    if measure.hoped_change is None or measure.hoped_change == 0:
        result.sample_note = (
            "No hoped-for change is set for this measure, so careloop cannot say how long the "
            "pilot must run to detect it."
        )
    else:
        try:
            result.sample = _sample_size(measure, before, after)
            result.sample_note = result.sample.note + _minimum_note(measure, result)
        except stats.StatsInputError as exc:
            result.sample_note = f"How long the pilot must run cannot be estimated: {exc}"
    return result


def analyse_pilot(pilot: Pilot, *, data_to: dt.date | None = None) -> list[MeasureAnalysis]:
    measures = pilot.measures.prefetch_related("readings")
    return [analyse_measure(m, data_to=data_to) for m in measures]


# --- The pilot as a whole ----------------------------------------------------------------------
def overall(analyses: list[MeasureAnalysis]) -> str:
    """The pilot's overall reading: one of the Verdict values."""
    verdicts = Counter(a.verdict for a in analyses)
    if not analyses or verdicts[Verdict.TOO_LITTLE_DATA] == len(analyses):
        return Verdict.TOO_LITTLE_DATA
    better, worse = verdicts[Verdict.IMPROVED], verdicts[Verdict.WORSENED]
    if verdicts[Verdict.MIXED] or (better and worse):
        return Verdict.MIXED
    if better:
        return Verdict.IMPROVED
    if worse:
        return Verdict.WORSENED
    return Verdict.NO_CLEAR_CHANGE


def suggestion(analyses: list[MeasureAnalysis]) -> str:
    """What the figures point to, for the person deciding (never decided for them)."""
    reading = overall(analyses)
    if reading == Verdict.TOO_LITTLE_DATA:
        return (
            "There is too little data to decide on the evidence yet: the figures point to "
            "continuing (adapt, with a new end date) until there is enough."
        )
    if reading == Verdict.IMPROVED:
        return "The figures point to scaling up: measures improved and none got worse."
    if reading == Verdict.WORSENED:
        return "The figures point to stopping or adapting: measures got worse."
    if reading == Verdict.MIXED:
        return "The figures are mixed: weigh what improved against what got worse."
    return (
        "The figures show no clear difference yet: consider adapting the pilot, or running it "
        "longer if the sample-size notes say more time would tell."
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def draft_summary(pilot: Pilot, analyses: list[MeasureAnalysis]) -> str:
    """A plain-English first draft of the evaluation summary, honest about thin data."""
    if not analyses:
        return (
            f"“{pilot.title}” has no outcome measures yet, so it cannot be evaluated. Add the "
            "measures it is meant to change and record them each period."
        )
    verdicts = Counter(a.verdict for a in analyses)
    n = len(analyses)
    thin = verdicts[Verdict.TOO_LITTLE_DATA]
    paragraphs = []
    if thin == n:
        paragraphs.append(
            f"There is not yet enough data to tell whether “{pilot.title}” is making a "
            "difference. More time is needed before the figures can show it."
        )
    else:
        parts = []
        for verdict, words in [
            (Verdict.IMPROVED, "improved"),
            (Verdict.NO_CLEAR_CHANGE, "showed no clear change"),
            (Verdict.CHANGED, "changed"),
            (Verdict.WORSENED, "got worse"),
            (Verdict.MIXED, "gave mixed results"),
            (Verdict.TOO_LITTLE_DATA, "have too little data to judge"),
        ]:
            if verdicts[verdict]:
                parts.append(f"{verdicts[verdict]} {words}")
        if n == 1:
            paragraphs.append(f"The measure {parts[0].split(' ', 1)[1]}.")
        elif len(parts) == 1:
            paragraphs.append(f"All {n} measures {parts[0].split(' ', 1)[1]}.")
        else:
            listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
            paragraphs.append(f"Of the {n} measure{'s' if n != 1 else ''}, {listed}.")
    paragraphs.append(" ".join(f for a in analyses for f in a.findings))
    waiting = [
        a for a in analyses if a.verdict in (Verdict.TOO_LITTLE_DATA, Verdict.NO_CLEAR_CHANGE)
    ]
    notes, enough = [], []
    for a in waiting:
        if a.sample is None:
            continue
        if (
            a.verdict == Verdict.NO_CLEAR_CHANGE
            and a.sample.achievable
            and not a.sample.more_periods
        ):
            enough.append(_measure_words(a.measure))
        else:
            notes.append(f"{a.measure.name}: {a.sample_note}")
    if notes:
        paragraphs.append("How much longer: " + " ".join(notes))
    if enough:
        paragraphs.append(
            f"For {_and(enough)} there is already enough data to detect the hoped-for change, "
            "so no clear change suggests the pilot is not making that difference."
        )
    paragraphs.append(
        "Before and after comparisons cannot on their own prove the pilot caused a change; "
        "other changes at the same time may have played a part."
        if pilot.uses_baseline
        else "The pilot and comparison groups may differ in ways the figures do not show."
    )
    return "\n\n".join(p for p in paragraphs if p.strip())
