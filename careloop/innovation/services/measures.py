"""A pilot's outcome measures and their figures, period by period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from careloop.core.services import ServiceError, save_fields

from ..models import Measure, Pilot, Reading

# What a person may set on a measure, on its page and through the API.
MEASURE_FIELDS = (
    "name",
    "definition",
    "kind",
    "denominator_label",
    "per",
    "unit",
    "direction",
    "period",
    "hoped_change",
    "target",
)
# What the API may set on a figure (reading_record's keywords).
READING_FIELDS = ("period_start", "group", "value", "denominator", "note")


def measure_create(*, pilot: Pilot, **fields) -> Measure:
    return save_fields(
        Measure(pilot=pilot), fields, MEASURE_FIELDS, order=pilot.measures.count() + 1
    )


def measure_update(*, measure: Measure, **fields) -> Measure:
    if "kind" in fields and fields["kind"] != measure.kind and measure.readings.exists():
        raise ServiceError(
            "The kind of measure cannot change once it has readings: the figures would mean "
            "something else. Add a new measure instead.",
            field="kind",
        )
    return save_fields(measure, fields, MEASURE_FIELDS)


def measure_delete(*, measure: Measure) -> None:
    if measure.readings.exists():
        raise ServiceError(
            f"“{measure}” has {measure.readings.count()} readings and cannot be deleted, so "
            "that no figures are lost. Delete its readings first if they were entered in error."
        )
    measure.delete()


def check_reading(
    measure: Measure,
    *,
    period_start: dt.date,
    group: str,
    value: Decimal | float | int | None,
    denominator: Decimal | float | int | None,
) -> dict[str, str]:
    """Problems with one reading, by field name (empty when it is fine)."""
    errors: dict[str, str] = {}
    figure = Decimal(str(value)) if value is not None else None
    out_of = Decimal(str(denominator)) if denominator not in (None, "") else None
    if period_start > dt.date.today():
        errors["period_start"] = "The period cannot be in the future"
    if group == Reading.Group.COMPARISON and not measure.pilot.uses_comparison:
        errors["group"] = (
            "This pilot has no comparison group; change how it is judged to add comparison figures"
        )
    elif group not in Reading.Group.values:
        errors["group"] = "The group must be the pilot group or the comparison group"
    if figure is None:
        errors["value"] = "Enter the figure"
    elif figure < 0:
        errors["value"] = "The figure cannot be negative"
    elif measure.kind != Measure.Kind.MEAN and figure != figure.to_integral_value():
        errors["value"] = "Counts of events or people must be whole numbers"
    if measure.needs_denominator:
        if out_of is None:
            errors["denominator"] = f"Enter the number of {measure.denominator_label or 'people'}"
        elif out_of <= 0:
            errors["denominator"] = "The denominator must be more than 0"
        elif figure is not None and measure.kind == Measure.Kind.PROPORTION and figure > out_of:
            errors["value"] = "The number of people cannot be more than the total"
    elif out_of is not None:
        errors["denominator"] = "This measure has no denominator; leave it empty"
    return errors


def _decimal(value) -> Decimal:
    """As the database keeps it (4 places), so the history compares like with like."""
    return Decimal(str(value)).quantize(Decimal("0.0001"))


@transaction.atomic
def reading_record(
    *,
    measure: Measure,
    period_start: dt.date,
    value,
    user,
    group: str = Reading.Group.PILOT,
    denominator=None,
    note: str = "",
) -> Reading:
    """Record (or correct) one period's figure. The period is the one the date falls in."""
    period_start = measure.period_start(period_start)
    errors = check_reading(
        measure, period_start=period_start, group=group, value=value, denominator=denominator
    )
    if errors:
        raise ServiceError({**errors})
    reading = Reading.objects.filter(
        measure=measure, group=group, period_start=period_start
    ).first() or Reading(measure=measure, group=group, period_start=period_start)
    reading.value = _decimal(value)
    reading.denominator = _decimal(denominator) if denominator not in (None, "") else None
    reading.note = note or ""
    reading.entered_by = user
    reading.save()
    return reading


@transaction.atomic
def period_record(
    *,
    measure: Measure,
    period_start: dt.date,
    value,
    user,
    denominator=None,
    comparison_value=None,
    comparison_denominator=None,
    note: str = "",
    period_field: str = "period_start",
) -> list[Reading]:
    """One period's figures for the pilot group and, if given, the comparison group. Errors
    name the field they belong to (comparison ones prefixed `comparison_`, the period's under
    `period_field`, as the page asks for it); nothing is saved unless both are right."""
    period_start = measure.period_start(period_start)
    items = [(Reading.Group.PILOT, value, denominator, "")]
    if comparison_value is not None:
        items.append(
            (Reading.Group.COMPARISON, comparison_value, comparison_denominator, "comparison_")
        )
    errors: dict[str, str | list[str]] = {}
    for group, val, den, prefix in items:
        found = check_reading(
            measure, period_start=period_start, group=group, value=val, denominator=den
        )
        for field, message in found.items():
            if field == "period_start":
                key = period_field
            elif field == "group":
                key = field
            else:
                key = f"{prefix}{field}"
            errors.setdefault(key, message)
    if errors:
        raise ServiceError(errors)
    return [
        reading_record(
            measure=measure,
            period_start=period_start,
            group=group,
            value=val,
            denominator=den,
            note=note,
            user=user,
        )
        for group, val, den, _ in items
    ]


def reading_delete(*, reading: Reading) -> None:
    reading.delete()
