"""Measures and impact links."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from careloop.core.services import ServiceError
from careloop.learning.models import Action, ImpactLink, Measure, MeasurePoint
from careloop.learning.series import get_provider
from careloop.learning.services.common import set_fields

# An entered measure's editable fields (a provided one's kind comes from its provider).
MEASURE_FIELDS = ("name", "description", "kind", "direction", "unit")


def _check_measure(measure: Measure) -> None:
    if not measure.name.strip():
        raise ServiceError("Give the measure a name")
    if measure.kind not in Measure.Kind.values:
        raise ServiceError("Choose what kind of measure it is")
    if measure.direction not in Measure.Direction.values:
        raise ServiceError("Say whether higher or lower is better")


@transaction.atomic
def measure_create(
    *,
    user,
    name: str = "",
    kind: str = Measure.Kind.COUNT,
    direction: str = Measure.Direction.LOWER,
    unit: str = "",
    description: str = "",
    provider_key: str = "",
    provider_option: str = "",
) -> Measure:
    """An entered series, or (with `provider_key`) a series another area provides. A provided
    series is one measure however many actions use it: asking again returns the same one."""
    if provider_key:
        provider = get_provider(provider_key)
        if provider is None:
            raise ServiceError("That series is not available")
        choices = dict(provider.choices())
        if provider.options and provider_option not in choices:
            raise ServiceError("Choose which series")
        existing = Measure.objects.filter(
            source=Measure.Source.PROVIDED,
            provider_key=provider_key,
            provider_option=provider_option,
        ).first()
        if existing:
            return existing
        measure = Measure(
            name=name.strip() or choices.get(provider_option) or provider.label,
            source=Measure.Source.PROVIDED,
            provider_key=provider_key,
            provider_option=provider_option,
            kind=provider.kind,
            direction=provider.direction,
            unit=provider.unit,
            description=description or provider.description,
            created_by=user,
        )
    else:
        measure = Measure(
            name=name.strip(),
            kind=kind,
            direction=direction,
            unit=unit.strip(),
            description=description.strip(),
            created_by=user,
        )
    _check_measure(measure)
    measure.save()
    return measure


def measure_update(*, measure: Measure, **fields) -> Measure:
    allowed = set(MEASURE_FIELDS)
    if measure.source != Measure.Source.ENTERED:
        allowed.discard("kind")
    set_fields(measure, fields, allowed, refusal="These cannot be changed")
    _check_measure(measure)
    measure.save()
    return measure


def _entered(measure: Measure, field: str | None = None) -> None:
    if measure.source != Measure.Source.ENTERED:
        raise ServiceError(
            "This series comes from another area of careloop; its figures cannot be typed in",
            field=field,
        )


@transaction.atomic
def measure_set_value(*, measure: Measure, month: dt.date, value, denominator=None) -> MeasurePoint:
    """Enter (or correct) one month's value."""
    _entered(measure)
    value, denominator = _check_value(measure, value, denominator)
    point, _ = MeasurePoint.objects.update_or_create(
        measure=measure,
        period=month.replace(day=1),
        defaults={"value": value, "denominator": denominator},
    )
    return point


def _check_value(measure: Measure, value, denominator) -> tuple[Decimal, Decimal | None]:
    try:
        value = Decimal(str(value))
        denominator = Decimal(str(denominator)) if denominator not in (None, "") else None
    except InvalidOperation:
        raise ServiceError("The value must be a number") from None
    if not value.is_finite() or (denominator is not None and not denominator.is_finite()):
        raise ServiceError("The value must be a number")
    if measure.kind in (Measure.Kind.COUNT, Measure.Kind.PROPORTION) and value < 0:
        raise ServiceError("A count cannot be negative")
    if measure.kind == Measure.Kind.COUNT and value != value.to_integral_value():
        raise ServiceError("A count must be a whole number")
    if measure.kind == Measure.Kind.PROPORTION:
        if denominator is None or denominator <= 0:
            raise ServiceError("A proportion needs a total above 0")
        if value > denominator:
            raise ServiceError("The number cannot be more than the total")
    return value, denominator


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.reason}"


class ImportRefused(ServiceError):
    """The file was refused as a whole (a refusal on its file field): `rows` says what is
    wrong on which row."""

    def __init__(self, rows: list[RowError]):
        super().__init__(f"Nothing was imported: {len(rows)} problem(s) in the file", field="file")
        self.rows = rows


MONTH_FORMATS = ("%Y-%m", "%Y-%m-%d", "%m/%Y", "%b %Y", "%B %Y", "%d/%m/%Y")


def parse_month(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().replace(day=1)
        except ValueError:
            continue
    return None


@transaction.atomic
def measure_import(*, measure: Measure, file, dry_run: bool = False) -> int:
    """Import a CSV with columns `month`, `value` and (for proportions) `total`. Every row is
    checked first; any problem refuses the whole file with each row's reason."""
    _entered(measure, field="file")
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ImportRefused(
            [RowError(1, "file", "the file is not UTF-8 text (save as CSV UTF-8)")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [h for h in ("month", "value") if h not in headers]
    if measure.kind == Measure.Kind.PROPORTION and "total" not in headers:
        missing.append("total")
    if missing:
        raise ImportRefused([RowError(1, ", ".join(missing), "column missing from the header row")])
    errors: list[RowError] = []
    rows: list[tuple[dt.date, Decimal, Decimal | None]] = []
    seen: dict[dt.date, int] = {}
    for number, record in enumerate(reader, start=2):
        record = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        if not any(record.values()):
            continue
        month = parse_month(record.get("month", ""))
        if month is None:
            errors.append(RowError(number, "month", "not a month (use 2026-04 or April 2026)"))
            continue
        if month in seen:
            errors.append(RowError(number, "month", f"{month:%B %Y} is also on row {seen[month]}"))
            continue
        seen[month] = number
        try:
            value, total = _check_value(measure, record.get("value", ""), record.get("total"))
        except ServiceError as error:
            errors.append(RowError(number, "value", str(error)))
            continue
        rows.append((month, value, total))
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused([RowError(2, "file", "there are no rows to import")])
    if not dry_run:
        for month, value, total in rows:
            MeasurePoint.objects.update_or_create(
                measure=measure, period=month, defaults={"value": value, "denominator": total}
            )
    return len(rows)


def _check_link(link: ImpactLink) -> None:
    if not isinstance(link.effect_on, dt.date):
        raise ServiceError("Enter the date the change took effect")
    if link.baseline_from and link.baseline_from.replace(day=1) >= link.effect_on.replace(day=1):
        raise ServiceError(
            "The months to compare with must start before the month the change took effect"
        )


@transaction.atomic
def impact_link(
    *,
    action: Action,
    measure: Measure,
    effect_on: dt.date,
    user,
    baseline_from: dt.date | None = None,
    note: str = "",
) -> ImpactLink:
    """Measure an action's impact on `measure`, from the date the change took effect."""
    if ImpactLink.objects.filter(action=action, measure=measure).exists():
        raise ServiceError(f"{action.reference} is already measured against “{measure}”")
    link = ImpactLink(
        action=action,
        measure=measure,
        effect_on=effect_on,
        baseline_from=baseline_from,
        note=note.strip(),
        created_by=user,
    )
    _check_link(link)
    link.save()
    return link


def impact_update(*, link: ImpactLink, effect_on, baseline_from=None, note: str = ""):
    link.effect_on, link.baseline_from, link.note = effect_on, baseline_from, note.strip()
    _check_link(link)
    link.save()
    return link


def impact_remove(*, link: ImpactLink) -> None:
    link.delete()
