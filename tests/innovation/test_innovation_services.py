"""Pilot life cycle, figures, stories and evaluations: the rules the services keep."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.innovation import services
from careloop.innovation.models import Evaluation, Measure, Pilot, Reading
from tests.innovation.factories import MeasureFactory, PilotFactory, ReadingFactory, months_ago

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Night support",
    "problem": "Readmissions",
    "idea": "Night carers",
    "hypothesis": "Fewer readmissions",
    "cohort": "60 people a month",
}


def test_a_new_pilot_is_proposed_and_led_by_its_author(users):
    pilot = services.pilot_create(user=users["manager"], **FIELDS)
    assert pilot.status == Pilot.Status.PROPOSED and pilot.lead == users["manager"]
    entry = AuditEntry.objects.for_object(pilot).get()
    assert entry.action == "create"


def test_pilot_dates_and_comparison_are_checked(users):
    with pytest.raises(ServiceError) as error:
        services.pilot_create(
            user=users["manager"],
            baseline_start=dt.date(2026, 3, 1),
            start_date=dt.date(2026, 2, 1),
            end_date=dt.date(2026, 1, 1),
            design=Pilot.Design.COMPARISON,
            **FIELDS,
        )
    assert set(error.value.errors) == {"baseline_start", "end_date", "comparison_group"}
    assert not Pilot.objects.exists()


def test_the_status_cannot_be_edited_directly(users):
    pilot = PilotFactory(status=Pilot.Status.PROPOSED)
    services.pilot_update(pilot=pilot, status=Pilot.Status.SCALED, title="Renamed")
    pilot.refresh_from_db()
    assert pilot.status == Pilot.Status.PROPOSED and pilot.title == "Renamed"


def test_a_pilot_runs_from_proposal_to_evaluation(users):
    pilot = PilotFactory(status=Pilot.Status.PROPOSED, start_date=None)
    with pytest.raises(PermissionDenied):
        services.pilot_move(pilot=pilot, to="approved", user=users["manager"])
    services.pilot_move(pilot=pilot, to="approved", user=users["quality_lead"])
    assert pilot.approved_by == users["quality_lead"] and pilot.approved_on == dt.date.today()
    with pytest.raises(ServiceError, match="Add at least one outcome measure"):
        services.pilot_move(pilot=pilot, to="running", user=users["manager"])
    MeasureFactory(pilot=pilot)
    services.pilot_move(pilot=pilot, to="running", user=users["manager"])
    assert pilot.status == "running" and pilot.start_date == dt.date.today()
    services.pilot_move(pilot=pilot, to="evaluating", user=users["manager"])
    with pytest.raises(ServiceError, match="decided in its evaluation"):
        services.pilot_move(pilot=pilot, to="scaled", user=users["quality_lead"])
    pilot.refresh_from_db()
    assert pilot.status == "evaluating"


def test_moves_that_skip_a_step_are_refused(users):
    pilot = PilotFactory(status=Pilot.Status.PROPOSED)
    with pytest.raises(ServiceError, match="A pilot that is proposed cannot be moved to “Running”"):
        services.pilot_move(pilot=pilot, to="running", user=users["admin"])
    assert services.moves_for(pilot, users["manager"]) == []
    assert [to for to, _ in services.moves_for(pilot, users["quality_lead"])] == [
        "approved",
        "stopped",
    ]


def test_stopping_needs_a_reason_which_is_kept(users):
    pilot = PilotFactory()
    with pytest.raises(ServiceError, match="Give the reason"):
        services.pilot_move(pilot=pilot, to="stopped", user=users["quality_lead"], reason=" ")
    services.pilot_move(
        pilot=pilot, to="stopped", user=users["quality_lead"], reason="Provider withdrew"
    )
    pilot.refresh_from_db()
    assert pilot.status == "stopped" and pilot.stop_reason == "Provider withdrew"
    assert AuditEntry.objects.for_object(pilot).filter(reason="Provider withdrew").exists()


# --- Figures -------------------------------------------------------------------------------------
def test_figures_are_recorded_for_the_month_and_corrected_in_place(users):
    measure = MeasureFactory()
    first = services.reading_record(
        measure=measure,
        period_start=months_ago(2) + dt.timedelta(days=14),
        value=7,
        user=users["practitioner"],
    )
    assert first.period_start == months_ago(2)
    again = services.reading_record(
        measure=measure, period_start=months_ago(2), value=8, user=users["manager"]
    )
    assert (
        again.pk == first.pk
        and again.value == Decimal("8")
        and again.entered_by == users["manager"]
    )
    change = AuditEntry.objects.for_object(again).filter(action="update").get()
    assert change.changes["value"] == ["7.0000", "8.0000"]


def test_weekly_figures_belong_to_the_week_beginning_monday(users):
    measure = MeasureFactory(period=Measure.Period.WEEK)
    thursday = dt.date(2026, 3, 12)
    reading = services.reading_record(
        measure=measure, period_start=thursday, value=3, user=users["manager"]
    )
    assert reading.period_start == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("kind", "value", "denominator", "field", "message"),
    [
        ("count", -1, None, "value", "cannot be negative"),
        ("count", "2.5", None, "value", "must be whole numbers"),
        ("count", 3, 10, "denominator", "has no denominator"),
        ("rate", 3, None, "denominator", "Enter the number of people discharged"),
        ("rate", 3, 0, "denominator", "must be more than 0"),
        ("proportion", 11, 10, "value", "cannot be more than the total"),
    ],
)
def test_bad_figures_are_refused_with_a_reason(users, kind, value, denominator, field, message):
    measure = MeasureFactory(kind=kind, denominator_label="people discharged")
    with pytest.raises(ServiceError) as error:
        services.reading_record(
            measure=measure,
            period_start=months_ago(1),
            value=value,
            denominator=denominator,
            user=users["manager"],
        )
    assert message in error.value.errors[field][0]
    assert not Reading.objects.exists()


def test_future_periods_and_comparison_figures_without_a_comparison_group_are_refused(users):
    measure = MeasureFactory()
    with pytest.raises(ServiceError) as error:
        services.reading_record(
            measure=measure,
            period_start=dt.date.today() + dt.timedelta(days=40),
            value=1,
            group="comparison",
            user=users["manager"],
        )
    assert set(error.value.errors) == {"period_start", "group"}


def test_a_period_is_saved_whole_or_not_at_all(users):
    pilot = PilotFactory(design=Pilot.Design.BOTH, comparison_group="South")
    measure = MeasureFactory(pilot=pilot, kind="proportion", denominator_label="people")
    with pytest.raises(ServiceError) as error:
        services.period_record(
            measure=measure,
            period_start=months_ago(1),
            value=5,
            denominator=10,
            comparison_value=12,
            comparison_denominator=10,
            user=users["manager"],
        )
    assert "comparison_value" in error.value.errors
    assert not Reading.objects.exists()
    saved = services.period_record(
        measure=measure,
        period_start=months_ago(1),
        value=5,
        denominator=10,
        comparison_value=4,
        comparison_denominator=10,
        user=users["manager"],
    )
    assert [r.group for r in saved] == ["pilot", "comparison"]


def test_measures_with_figures_keep_their_kind_and_cannot_be_deleted(users):
    reading = ReadingFactory()
    measure = reading.measure
    with pytest.raises(ServiceError, match="cannot change once it has readings"):
        services.measure_update(measure=measure, kind="mean")
    with pytest.raises(ServiceError, match="has 1 readings and cannot be deleted"):
        services.measure_delete(measure=measure)
    services.reading_delete(reading=reading)
    services.measure_delete(measure=measure)
    assert not Measure.objects.exists()


def test_a_story_needs_the_persons_consent(users):
    pilot = PilotFactory()
    with pytest.raises(ServiceError, match="agreed"):
        services.story_save(
            pilot=pilot,
            user=users["practitioner"],
            title="T",
            story="S",
            whose="W",
            told_on=dt.date.today(),
            consent=False,
        )
    story = services.story_save(
        pilot=pilot,
        user=users["practitioner"],
        title="T",
        story="S",
        whose="W",
        told_on=dt.date.today(),
        consent=True,
    )
    assert story.added_by == users["practitioner"]


# --- Evaluations and decisions ---------------------------------------------------------------
def evaluate(pilot, user, **fields):
    defaults = {"kind": "interim", "data_to": dt.date.today(), "summary": "The figures show…"}
    return services.evaluation_record(pilot=pilot, user=user, **{**defaults, **fields})


def test_an_evaluation_without_a_decision_leaves_the_pilot_running(users):
    pilot = PilotFactory()
    evaluation = evaluate(pilot, users["manager"])
    pilot.refresh_from_db()
    assert (
        pilot.status == "running"
        and evaluation.decision == ""
        and evaluation.author == users["manager"]
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"summary": " "}, "summary"),
        ({"kind": "final"}, "decision"),
        ({"decision": "scale"}, "reasons"),
        ({"decision": "scale", "reasons": "R", "extend_to": dt.date(2030, 1, 1)}, "extend_to"),
        ({"data_to": dt.date.today() + dt.timedelta(days=1)}, "data_to"),
    ],
)
def test_incomplete_evaluations_are_refused(users, fields, field):
    pilot = PilotFactory()
    with pytest.raises(ServiceError) as error:
        evaluate(pilot, users["quality_lead"], **fields)
    assert field in error.value.errors
    assert not Evaluation.objects.exists()


def test_only_a_lead_decides_and_the_decision_moves_the_pilot(users):
    pilot = PilotFactory(status=Pilot.Status.EVALUATING)
    with pytest.raises(PermissionDenied):
        evaluate(pilot, users["manager"], kind="final", decision="scale", reasons="It works")
    evaluation = evaluate(
        pilot, users["quality_lead"], kind="final", decision="scale", reasons="It works"
    )
    pilot.refresh_from_db()
    assert pilot.status == "scaled" and evaluation.decided_by == users["quality_lead"]
    assert evaluation.decided_on == dt.date.today()
    with pytest.raises(ServiceError, match="this one is scaled up"):
        evaluate(pilot, users["quality_lead"], decision="stop", reasons="Changed our minds")


def test_adapting_continues_the_pilot_to_a_new_end_and_stopping_records_why(users):
    pilot = PilotFactory(status=Pilot.Status.EVALUATING)
    new_end = dt.date.today() + dt.timedelta(days=90)
    evaluate(pilot, users["quality_lead"], decision="adapt", reasons="Too short", extend_to=new_end)
    pilot.refresh_from_db()
    assert pilot.status == "running" and pilot.end_date == new_end
    evaluate(pilot, users["quality_lead"], kind="final", decision="stop", reasons="No difference")
    pilot.refresh_from_db()
    assert pilot.status == "stopped" and pilot.stop_reason == "No difference"


def test_the_summary_can_be_reworded_but_not_emptied(users):
    evaluation = evaluate(PilotFactory(), users["manager"])
    services.evaluation_update_summary(evaluation=evaluation, summary="  Clearer words. ")
    assert evaluation.summary == "Clearer words."
    with pytest.raises(ServiceError):
        services.evaluation_update_summary(evaluation=evaluation, summary="")


def test_external_learning_end_date_is_checked(users):
    with pytest.raises(ServiceError) as error:
        services.external_save(
            user=users["manager"],
            title="Network",
            kind="network",
            organisation="Skills for Care",
            description="D",
            started_on=dt.date(2026, 3, 1),
            ended_on=dt.date(2026, 2, 1),
        )
    assert "ended_on" in error.value.errors
    record = services.external_save(
        user=users["manager"],
        title="Network",
        kind="network",
        organisation="Skills for Care",
        description="D",
        started_on=dt.date(2026, 3, 1),
    )
    assert record.lead == users["manager"]
