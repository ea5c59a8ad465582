"""The evaluation of a pilot's measures: tests, charts, sample sizes and the summary."""

import datetime as dt
from decimal import Decimal

import pytest

from careloop.innovation import analysis
from careloop.innovation.analysis import Verdict
from careloop.innovation.models import Measure, Pilot, Reading
from tests.innovation.factories import MeasureFactory, PilotFactory, months_ago

pytestmark = pytest.mark.django_db

FALLING = [11, 12, 10, 13, 11, 12, 12, 11, 5, 6, 4, 5, 6, 5, 4, 5]  # 8 before, 8 after


def pilot_with(values, *, before=8, comparison=None, denominators=None, kind="count", **fields):
    """A pilot that started `before` months into the series, with one measure's figures."""
    n = len(values)
    pilot = PilotFactory(
        baseline_start=months_ago(n),
        start_date=months_ago(n - before),
        **fields,
    )
    measure = MeasureFactory(pilot=pilot, name="Readmissions", kind=kind, direction="lower")
    for i, value in enumerate(values):
        Reading.objects.create(
            measure=measure,
            period_start=months_ago(n - i),
            value=Decimal(str(value)),
            denominator=None if denominators is None else Decimal(str(denominators[i])),
        )
        if comparison is not None and i >= before:
            Reading.objects.create(
                measure=measure,
                group=Reading.Group.COMPARISON,
                period_start=months_ago(n - i),
                value=Decimal(str(comparison[i - before])),
                denominator=None if denominators is None else Decimal(str(denominators[i])),
            )
    return pilot, measure


def test_a_clear_fall_after_the_pilot_began_is_an_improvement():
    pilot, measure = pilot_with(FALLING)
    measure.hoped_change = Decimal("-40")
    measure.save()
    result = analysis.analyse_measure(measure)
    assert (result.before_n, result.after_n) == (8, 8)
    assert result.verdict == Verdict.IMPROVED
    finding = result.before_after.finding
    assert finding.startswith("Readmissions fell from 11.5 a month to 5.0 a month after the pilot")
    assert "rate ratio 0.43" in finding and "95% CI" in finding
    # The chart's limits rest on the baseline, and the pilot's start is marked.
    assert result.spc.segments[0].baseline_points == 8
    assert result.markers == ((8, "Pilot began"),)
    assert any(p.rules for p in result.spc.points[8:])  # later points signal against the baseline
    assert "already has enough data" in result.sample_note


def test_a_rise_in_a_lower_is_better_measure_is_worse():
    pilot, measure = pilot_with(list(reversed(FALLING)))
    assert analysis.analyse_measure(measure).verdict == Verdict.WORSENED


def test_too_few_pilot_months_says_so_and_how_long_to_wait():
    pilot, measure = pilot_with(FALLING[:11])  # 8 before, 3 after
    measure.hoped_change = Decimal("-60")  # big enough that 3 months would have the power
    measure.save()
    result = analysis.analyse_measure(measure)
    assert result.verdict == Verdict.TOO_LITTLE_DATA
    assert "too little data to judge the effect of the pilot" in result.before_after.finding
    assert "8 months before and 3 after; at least 6 on each side" in result.before_after.finding
    # The power calculation is met, but careloop still waits for its minimum run.
    assert result.sample_note.endswith(
        "careloop judges a change only after at least 6 months of the pilot, so it needs 3 "
        "more months before it can say."
    )
    summary = analysis.draft_summary(pilot, [result])
    assert "not yet enough data to tell" in summary and "More time is needed" in summary
    assert analysis.overall([result]) == Verdict.TOO_LITTLE_DATA
    assert "too little data to decide" in analysis.suggestion([result])


def test_a_baseline_too_short_for_the_hoped_for_change_says_so():
    pilot, measure = pilot_with(FALLING)  # hoping for a 25% fall on 8 months of baseline
    note = analysis.analyse_measure(measure).sample_note
    assert note.startswith("The baseline is too short or too variable to detect a 25% fall")


def test_no_baseline_cannot_estimate_how_long():
    pilot, measure = pilot_with(FALLING[8:], before=0)
    result = analysis.analyse_measure(measure)
    assert result.verdict == Verdict.TOO_LITTLE_DATA
    assert "needs at least 2 periods of baseline data" in result.sample_note
    assert result.markers == ()


def test_no_hoped_for_change_means_no_sample_size():
    pilot, measure = pilot_with(FALLING)
    measure.hoped_change = None
    measure.save()
    result = analysis.analyse_measure(measure)
    assert result.sample is None and "No hoped-for change is set" in result.sample_note


def test_pilot_against_comparison_group_with_rates():
    people = [60] * 16
    pilot, measure = pilot_with(
        FALLING,
        comparison=[12, 11, 12, 13, 11, 12, 12, 11],
        denominators=people,
        kind=Measure.Kind.RATE,
        design=Pilot.Design.BOTH,
        comparison_group="South locality",
    )
    measure.denominator_label = "people discharged"
    measure.save()
    result = analysis.analyse_measure(measure)
    assert result.comparison.finding.startswith(
        "Readmissions ran lower in the pilot group than in the comparison group over the same "
        "period: 8.3 per 100 people discharged against 19.6 per 100 people discharged"
    )
    assert result.before_after.improvement is True
    assert result.comparison_spc is not None and len(result.comparison_spc.points) == 8
    assert result.verdict == Verdict.IMPROVED


def test_a_comparison_design_with_no_comparison_figures_says_so():
    pilot, measure = pilot_with(FALLING, design=Pilot.Design.BOTH, comparison_group="South")
    result = analysis.analyse_measure(measure)
    assert result.comparison is None
    assert "There are no comparison group figures for this measure." in result.notes


def test_proportions_and_averages():
    pilot, measure = pilot_with(
        [30, 31, 29, 30, 32, 30, 31, 30, 45, 47, 46, 44, 48, 46, 45, 47],
        denominators=[60] * 16,
        kind=Measure.Kind.PROPORTION,
    )
    measure.direction, measure.hoped_change = "higher", Decimal("10")
    measure.save()
    result = analysis.analyse_measure(measure)
    assert result.verdict == Verdict.IMPROVED
    assert "rose from 50.6% to 76.7%" in result.before_after.finding
    assert "rise from 51% to 61%" in result.sample_note

    pilot, mean = pilot_with([7.0] * 8 + [8.0] * 8, kind=Measure.Kind.MEAN)
    mean.hoped_change = Decimal("1")
    mean.save()
    result = analysis.analyse_measure(mean)
    assert "values are all the same" in result.sample_note


def test_data_up_to_a_date_leaves_later_figures_out():
    pilot, measure = pilot_with(FALLING)
    cutoff = months_ago(4)  # the last 3 months are after it
    result = analysis.analyse_measure(measure, data_to=cutoff)
    assert (result.before_n, result.after_n) == (8, 5)
    assert result.verdict == Verdict.TOO_LITTLE_DATA


def test_missing_months_are_noted():
    pilot, measure = pilot_with(FALLING)
    measure.readings.filter(period_start=months_ago(5)).delete()
    notes = " ".join(analysis.analyse_measure(measure).notes)
    assert "1 month between" in notes and "have no reading" in notes


def test_a_pilot_with_no_measures_cannot_be_evaluated():
    pilot = PilotFactory(title="Empty pilot")
    assert analysis.analyse_pilot(pilot) == []
    assert "has no outcome measures yet" in analysis.draft_summary(pilot, [])
    assert analysis.overall([]) == Verdict.TOO_LITTLE_DATA


def test_the_draft_summary_counts_and_explains_each_measure():
    pilot, falls = pilot_with(FALLING)
    flat = MeasureFactory(pilot=pilot, name="Care hours", kind=Measure.Kind.MEAN, unit="hours")
    flat.hoped_change = Decimal("-0.5")
    flat.save()
    for i, value in enumerate([10.1, 9.8, 10.3, 9.9, 10.0, 10.2, 9.7, 10.1] * 2):
        Reading.objects.create(measure=flat, period_start=months_ago(16 - i), value=value)
    analyses = analysis.analyse_pilot(pilot)
    summary = analysis.draft_summary(pilot, analyses)
    assert summary.startswith("Of the 2 measures, 1 improved and 1 showed no clear change.")
    assert "Readmissions fell from 11.5 a month" in summary
    assert "Care hours showed no clear change" in summary
    assert "cannot on their own prove the pilot caused a change" in summary
    assert analysis.overall(analyses) == Verdict.IMPROVED
    assert "scaling up" in analysis.suggestion(analyses)


def test_weekly_measures_use_weeks():
    pilot = PilotFactory(
        baseline_start=dt.date.today() - dt.timedelta(weeks=20),
        start_date=dt.date.today() - dt.timedelta(weeks=10),
    )
    measure = MeasureFactory(pilot=pilot, period=Measure.Period.WEEK, name="Falls")
    monday = measure.period_start(dt.date.today()) - dt.timedelta(weeks=16)
    for i, value in enumerate(FALLING):
        Reading.objects.create(
            measure=measure, period_start=monday + dt.timedelta(weeks=i), value=value
        )
    result = analysis.analyse_measure(measure)
    assert result.before_n == 6
    assert "a week" in result.before_after.finding
    assert result.spc.points[0].period.startswith("w/c ")
