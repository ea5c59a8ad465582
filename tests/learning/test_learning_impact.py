"""Impact: before/after evaluation of an action on a monthly series, honest when thin."""

import datetime as dt
import io

import pytest

from careloop.core.services import ServiceError
from careloop.learning import services
from careloop.learning.evaluation import evaluate, intervention_text
from careloop.learning.models import MeasurePoint
from careloop.learning.series import add_months, last_complete_month, register_series_provider
from careloop.learning.services.impact import ImportRefused
from tests.learning import factories as f

pytestmark = pytest.mark.django_db


def story(users, values, after_index, **measure_kwargs):
    lead = users["quality_lead"]
    measure = f.measure(lead, values, **measure_kwargs)
    first = add_months(last_complete_month(), -(len(values) - 1))
    action = f.action(
        lead, title="Financial assessment training", start=first, due=first + dt.timedelta(days=400)
    )
    link = services.impact_link(
        action=action,
        measure=measure,
        effect_on=add_months(first, after_index),
        baseline_from=first,
        user=lead,
    )
    return link


def test_a_clear_fall_is_found_with_its_figures(users):
    before = [8, 9, 7, 8, 10, 8, 9, 7, 8]
    after = [3, 2, 4, 3, 3, 2, 4, 3, 3]
    evaluation = evaluate(story(users, before + after, len(before)))
    assert evaluation.concluded and evaluation.improved is True
    finding = evaluation.finding
    assert finding.startswith(
        "Charging complaints fell from 8.2 a month to 3.0 a month after financial assessment "
        "training"
    )
    assert "rate ratio 0.36, 95% CI" in finding
    assert evaluation.tag == ("Improved", "green")
    assert (evaluation.months_before, evaluation.months_after) == (9, 9)
    # the SPC limits rest on the before months, so the fall shows as special cause after
    spc = evaluation.spc
    assert spc.segments[0].baseline_points == 9
    assert any(p.special_cause for p in spc.points[9:])
    assert evaluation.markers == [(9, "Change took effect")]


def test_too_few_months_says_it_cannot_conclude(users):
    evaluation = evaluate(story(users, [8, 9, 7, 8, 10, 8, 9, 3, 2], 7))
    assert not evaluation.concluded
    assert "too little data to judge the effect" in evaluation.finding
    assert "2 after" in evaluation.finding and "at least 6" in evaluation.finding
    assert evaluation.tag == ("Too little data", "grey")


def test_no_clear_change_is_said_plainly(users):
    values = [5, 6, 4, 5, 6, 5, 4, 6, 5, 6, 4, 5]
    evaluation = evaluate(story(users, values, 6))
    assert evaluation.result.outcome == "no clear change"
    assert "showed no clear change after" in evaluation.finding


def test_values_use_a_difference_in_means(users):
    link = story(
        users,
        [40, 42, 41, 39, 43, 40, 30, 31, 29, 30, 32, 28],
        6,
        kind="value",
        name="Waiting list",
    )
    evaluation = evaluate(link)
    assert evaluation.result.kind == "mean" and evaluation.concluded
    assert "Waiting list fell from 40.8 to 30.0" in evaluation.finding


def test_no_data_yet(users):
    lead = users["quality_lead"]
    measure = services.measure_create(user=lead, name="Empty")
    link = services.impact_link(
        action=f.action(lead), measure=measure, effect_on=dt.date.today(), user=lead
    )
    assert "there are no figures" in evaluate(link).finding


def test_a_provided_series_and_the_current_month_left_out(users):
    calls = []

    def fake(start, end, option=""):
        calls.append((start, end, option))
        months = []
        month = start
        while month <= end:
            months.append(month)
            month = add_months(month, 1)
        return [(m, 9 if i < 8 else 3) for i, m in enumerate(months)]

    register_series_provider(
        "test.fake", "Fake counts", fake, direction="lower", options=lambda: [("a", "Option A")]
    )
    lead = users["quality_lead"]
    measure = services.measure_create(user=lead, provider_key="test.fake", provider_option="a")
    assert measure.name == "Option A" and measure.direction == "lower"
    assert (
        services.measure_create(user=lead, provider_key="test.fake", provider_option="a") == measure
    )
    with pytest.raises(ServiceError, match="Choose which series"):
        services.measure_create(user=lead, provider_key="test.fake", provider_option="zzz")
    end = last_complete_month()
    start = add_months(end, -15)
    link = services.impact_link(
        action=f.action(lead),
        measure=measure,
        effect_on=add_months(start, 8),
        baseline_from=start,
        user=lead,
    )
    evaluation = evaluate(link)
    assert calls[-1] == (start, end, "a")  # never the month in progress
    assert evaluation.concluded and "fell from 9.0 a month to 3.0 a month" in evaluation.finding
    with pytest.raises(ServiceError, match="cannot be typed in"):
        services.measure_set_value(measure=measure, month=end, value=1)


def test_the_feedback_series_counts_complaints(users):
    from careloop.feedback.models import Feedback
    from careloop.learning.selectors.provided import complaint_counts

    month = last_complete_month()
    for i, kind in enumerate(["complaint", "complaint", "compliment"]):
        Feedback.objects.create(
            reference=f"FB-T-{i}",
            kind=kind,
            channel="email",
            received_on=month + dt.timedelta(days=i),
            text="x",
            team=users["manager"].team,
        )
    assert complaint_counts(month, month) == [(month, 2)]
    assert complaint_counts(month, month, f"team:{users['manager'].team.pk}") == [(month, 2)]
    assert complaint_counts(month, month, "team:999999") == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"value": "-1"}, "cannot be negative"),
        ({"value": "2.5"}, "whole number"),
        ({"value": "x"}, "must be a number"),
    ],
)
def test_bad_values_are_refused(users, kwargs, message):
    measure = services.measure_create(user=users["quality_lead"], name="Counts")
    with pytest.raises(ServiceError, match=message):
        services.measure_set_value(measure=measure, month=dt.date(2026, 1, 1), **kwargs)
    assert not MeasurePoint.objects.exists()


def test_import_reports_every_bad_row_and_writes_nothing(users):
    measure = services.measure_create(user=users["quality_lead"], name="Waiting", kind="value")
    bad = io.BytesIO(b"month,value\n2026-01,40\nJanuary,41\n2026-02,abc\n2026-01,3\n")
    with pytest.raises(ImportRefused) as refused:
        services.measure_import(measure=measure, file=bad)
    assert [(e.row, e.column) for e in refused.value.rows] == [
        (3, "month"),
        (4, "value"),
        (5, "month"),
    ]
    assert "also on row 2" in str(refused.value.rows[2])
    assert not MeasurePoint.objects.exists()
    good = io.BytesIO(b"month,value\n2026-01,40\nFebruary 2026,41.5\n")
    assert services.measure_import(measure=measure, file=good, dry_run=True) == 2
    assert not MeasurePoint.objects.exists()
    good.seek(0)
    assert services.measure_import(measure=measure, file=good) == 2
    assert [float(p.value) for p in measure.points.all()] == [40.0, 41.5]


def test_a_baseline_after_the_change_is_refused(users):
    lead = users["quality_lead"]
    measure = services.measure_create(user=lead, name="X")
    with pytest.raises(ServiceError, match="must start before the month the change took effect"):
        services.impact_link(
            action=f.action(lead),
            measure=measure,
            effect_on=dt.date(2026, 3, 10),
            baseline_from=dt.date(2026, 3, 1),
            user=lead,
        )


def test_intervention_wording():
    assert intervention_text("Financial assessment training") == "financial assessment training"
    assert intervention_text("LGSCO remedy") == "LGSCO remedy"
