"""The evaluation of one measure of a pilot, through careloop.stats (never reimplementing it):
an XmR chart of the pilot group with its limits fixed on the baseline, the before/after test,
the pilot-against-comparison test, and how much longer the pilot must run."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TypedDict

from careloop import stats
from careloop.stats import (
    Direction,
    ImpactResult,
    Outcome,
    SampleSizeResult,
    SpcOptions,
    SpcResult,
)
from careloop.stats.findings import too_thin_groups

from ..models import Measure, Pilot, Reading
from .results import MIN_PERIODS, STATS_KIND, MeasureAnalysis, Series, measure_words


class _Words(TypedDict):
    """How a test's finding names the measure and its periods (careloop.stats' wording)."""

    measure: str
    period_name: str
    direction: Direction
    min_periods: int


class _BeforeAfterWords(_Words):
    intervention: str


class _GroupWords(_Words):
    pilot: str
    comparison: str


def _words(measure: Measure) -> _Words:
    return {
        "measure": measure_words(measure),
        "period_name": measure.period,
        "direction": Direction(measure.direction),
        "min_periods": MIN_PERIODS,
    }


def _intervention(start: dt.date) -> str:
    return f"the pilot (started {start.day} {start:%B %Y})"


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
    common: _BeforeAfterWords = {**_words(measure), "intervention": intervention}
    idx = len(before)
    kind = measure.kind
    if kind == Measure.Kind.COUNT:
        return stats.count_impact(both.values, idx, **common)
    if kind == Measure.Kind.RATE:
        unit = measure.rate_unit
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
    common: _GroupWords = {
        **_words(measure),
        "pilot": "the pilot group",
        "comparison": "the comparison group",
    }
    kind = measure.kind
    if not shared:
        finding = too_thin_groups(
            common["measure"], 0, MIN_PERIODS, measure.period, common["pilot"], common["comparison"]
        )
        return ImpactResult(STATS_KIND[kind], Outcome.TOO_LITTLE_DATA, finding, 0, 0)
    if kind == Measure.Kind.COUNT:
        return stats.compare_group_counts(p.values, c.values, **common)
    if kind == Measure.Kind.RATE:
        unit = measure.rate_unit
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


def _sample_size(measure: Measure, before: Series, after: Series, hoped: float) -> SampleSizeResult:
    """How many periods the pilot needs to detect its hoped-for change, `hoped`."""
    so_far, period = len(after), measure.period
    if len(before) < 2:
        raise stats.StatsInputError(
            "A sample-size estimate needs at least 2 periods of baseline data before the pilot."
        )
    if measure.kind in (Measure.Kind.COUNT, Measure.Kind.RATE):
        rate = statistics.fmean(before.values)
        return stats.periods_for_rate_change(
            rate,
            hoped / 100,
            baseline_periods=len(before),
            periods_so_far=so_far,
            period_name=period,
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
            periods_so_far=so_far,
            period_name=period,
        )
    sd = statistics.stdev(before.values)
    if sd == 0:
        raise stats.StatsInputError(
            "The baseline values are all the same, so their variation cannot be estimated."
        )
    return stats.periods_for_mean_change(
        sd,
        hoped,
        baseline_periods=len(before),
        unit=measure.unit,
        periods_so_far=so_far,
        period_name=period,
    )


def _minimum_note(measure: Measure, result: MeasureAnalysis) -> str:
    """When the power calculation is satisfied sooner than careloop's minimum run of periods."""
    short = MIN_PERIODS - result.after_n
    sample = result.sample
    if (
        short <= 0
        or sample is None
        or not sample.achievable
        or sample.more_periods is None
        or sample.more_periods >= short
    ):
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
            intervention = _intervention(pilot.start_date)
            result.before_after = _before_after(measure, before, after, intervention)
        if pilot.uses_comparison and len(comparison_series):
            result.comparison = _compare(measure, after, comparison_series)
        elif pilot.uses_comparison:
            result.notes.append("There are no comparison group figures for this measure.")
    except stats.StatsInputError as exc:
        result.notes.append(f"The figures cannot be tested: {exc}")

    # How much longer?
    hoped = measure.hoped_change
    if hoped is None or hoped == 0:
        result.sample_note = (
            "No hoped-for change is set for this measure, so careloop cannot say how long the "
            "pilot must run to detect it."
        )
    else:
        try:
            result.sample = _sample_size(measure, before, after, float(hoped))
            result.sample_note = result.sample.note + _minimum_note(measure, result)
        except stats.StatsInputError as exc:
            result.sample_note = f"How long the pilot must run cannot be estimated: {exc}"
    return result


def analyse_pilot(pilot: Pilot, *, data_to: dt.date | None = None) -> list[MeasureAnalysis]:
    measures = pilot.measures.prefetch_related("readings")
    return [analyse_measure(m, data_to=data_to) for m in measures]
