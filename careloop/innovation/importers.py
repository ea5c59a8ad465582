"""The pilot figures importer: a month's (or many months') figures for a pilot's measures from
a CSV or Excel file, through the core import machinery (careloop/core/imports).

One row is one figure: measure, period, group (pilot or comparison), figure and, for rates and
proportions, what it is out of. A figure already held with the same value is skipped; a
different value for a period already held corrects it (audited as a change), so a corrected
return can be imported again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms

from careloop.core.imports import Importer, ImportField, register
from careloop.core.imports.parsing import CellError, RowCheck, parse_choice, parse_date
from careloop.core.imports.reading import cell_text

from . import services
from .models import Measure, Pilot, Reading

_MONTH_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}


def parse_period(value) -> dt.date | None:
    """A period from a date, '2026-03', 'Mar 2026' or 'March 2026'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date | dt.datetime):
        return parse_date(value)
    text = cell_text(value).strip().lower()
    if m := _YEAR_MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return dt.date(year, month, 1)
    if (m := _MONTH_YEAR.match(text)) and m.group(1) in _MONTHS:
        return dt.date(int(m.group(2)), _MONTHS[m.group(1)], 1)
    try:
        return parse_date(value)
    except CellError:
        raise CellError(
            f"“{cell_text(value)}” is not a period (use 2026-03, March 2026 or a date)"
        ) from None


def parse_number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    text = cell_text(value).replace(",", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{cell_text(value)}” is not a number") from None
    if not number.is_finite():
        raise CellError(f"“{cell_text(value)}” is not a number")
    return number


def _key(measure_id, group, period, value, denominator) -> str:
    den = "" if denominator is None else f"{denominator:.4f}"
    return f"{measure_id}|{group}|{period:%Y-%m-%d}|{value:.4f}|{den}"


@dataclass
class Context:
    pilot: Pilot | None
    measures: dict
    seen: dict = field(default_factory=dict)


class PilotFiguresImporter(Importer):
    name = "pilot-figures"
    label = "Pilot figures"
    permission = "innovation.record"
    back_url_name = "innovation:index"
    key = "external_ref"
    help = (
        "Import a pilot's figures from a CSV or Excel file: one row per measure, period and "
        "group. Figures already held are skipped; a different figure for a period already held "
        "replaces it, and the change is kept in the history."
    )
    fields = [
        ImportField(
            "measure",
            "Measure",
            required=True,
            help="The measure's name as it is in careloop",
            aliases=("measure name", "indicator", "metric", "outcome measure"),
        ),
        ImportField(
            "period",
            "Period",
            required=True,
            help="The month (2026-03 or March 2026) or the week's Monday",
            aliases=("month", "date", "week", "week beginning", "period start"),
        ),
        ImportField(
            "group",
            "Group",
            help="Pilot or comparison; empty means the pilot group",
            aliases=("cohort", "arm"),
        ),
        ImportField(
            "value",
            "Figure",
            required=True,
            help="The count, the number of people, or the average",
            aliases=("value", "count", "numerator", "number", "events", "average", "total events"),
        ),
        ImportField(
            "denominator",
            "Out of",
            help="For rates and proportions: people discharged, doses due and so on",
            aliases=("denominator", "out of", "people", "population"),
        ),
        ImportField("note", "Note", aliases=("notes", "comment", "comments")),
        ImportField(
            "external_ref",
            "Reference (not needed)",
            help="Leave this: each figure is known by its measure, period and group",
        ),
    ]

    def option_fields(self) -> dict:
        return {
            "pilot": forms.ModelChoiceField(
                label="Which pilot are these figures for?",
                queryset=Pilot.objects.exclude(status=Pilot.Status.PROPOSED).order_by("title"),
                empty_label="Choose a pilot",
            )
        }

    def context(self, job) -> Context:
        chosen = (job.options or {}).get("pilot")
        pilot = Pilot.objects.filter(pk=chosen).first() if chosen is not None else None
        measures = (
            {m.name.lower(): m for m in pilot.measures.select_related("pilot")} if pilot else {}
        )
        return Context(pilot=pilot, measures=measures)

    def clean_row(self, values: dict, ctx: Context):
        if ctx.pilot is None:
            raise CellError("Choose the pilot these figures are for")
        check = RowCheck(values)
        name = check.text("measure")
        measure: Measure | None = ctx.measures.get(name.lower())
        if measure is None:
            known = ", ".join(sorted(m.name for m in ctx.measures.values())) or "none yet"
            check.problem("measure", f"“{name}” is not a measure of this pilot ({known})")
        period = check.take("period", parse_period)
        group = check.take("group", parse_choice, Reading.Group.choices) or Reading.Group.PILOT
        value = check.take("value", parse_number)
        denominator = check.take("denominator", parse_number)
        note = check.text("note")[:300]
        if check.problems or measure is None or period is None:
            return {}, check.problems
        period = measure.period_start(period)
        for field_name, reason in services.check_reading(
            measure, period_start=period, group=group, value=value, denominator=denominator
        ).items():
            check.problem({"period_start": "period"}.get(field_name, field_name), reason)
        where = (measure.pk, group, period)
        if where in ctx.seen:
            label = measure.period_label(period)
            check.problem("period", f"another row also has {measure.name} for {label}")
        ctx.seen[where] = True
        if check.problems:
            return {}, check.problems
        return {
            "measure": measure,
            "group": group,
            "period_start": period,
            "value": value,
            "denominator": denominator,
            "note": note,
            "external_ref": _key(measure.pk, group, period, value, denominator),
        }, []

    def existing(self, keys, job, ctx: Context) -> set[str]:
        """Figures already held with exactly these values."""
        if ctx.pilot is None:
            return set()
        held = Reading.objects.filter(measure__pilot=ctx.pilot).values_list(
            "measure_id", "group", "period_start", "value", "denominator"
        )
        have = {_key(*row) for row in held}
        return {k for k in keys if k in have}

    def write(self, rows: list[dict], job, ctx: Context) -> int:
        for row in rows:
            row = dict(row)
            row.pop("external_ref", None)
            services.reading_record(user=job.created_by, **row)  # audited, as a page would be
        return len(rows)


register(PilotFiguresImporter())
