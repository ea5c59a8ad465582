"""Performance use cases that write: local measures, comparator groups (neighbour lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction

from careloop.core import jobs
from careloop.core.imports import FileProblem, engine, get_importer
from careloop.core.imports.tasks import TASK
from careloop.core.models import ImportJob
from careloop.core.services import ServiceError, save_fields

from .compare import parse_year
from .models import ASC_COUNCIL, COMPARATORS, Council, Figure, Measure

MEASURE_FIELDS = (
    "code",
    "name",
    "unit",
    "polarity",
    "source",
    "frequency",
    "decimals",
    "target",
    "description",
)
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MAX_GROUP = 20  # a comparator group of more councils than this is not a nearest-neighbour list


def measure_save(*, user, measure: Measure | None = None, **data) -> Measure:
    """Register a local measure or edit one; the shipped definitions are not edited here."""
    if measure is not None and measure.shipped:
        raise ServiceError("The published measures' definitions come with careloop")
    data["code"] = str(data.get("code", "")).strip().upper()
    record = measure or Measure()
    themes = data.pop("themes", None)
    with transaction.atomic():
        save_fields(record, data, MEASURE_FIELDS)
        if themes is not None:
            record.themes.set(themes)
    return record


def measure_link_themes(*, user, measure: Measure, themes) -> Measure:
    """Link a measure (shipped or local) to the themes of feedback it bears on."""
    measure.themes.set(themes)
    return measure


@dataclass
class NeighbourReport:
    """The outcome of a neighbours file: lists set, lists skipped (councils with no adult
    social care duties), and problems as (entry number, council code, reason)."""

    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def neighbours_import(*, user, data: object) -> NeighbourReport:
    """Set each council's nearest neighbours from `{code: [codes, itself included]}`.
    Lists for councils without adult social care duties (districts, combined authorities)
    are skipped; any problem writes nothing."""
    report = NeighbourReport()
    if not isinstance(data, dict):
        raise ServiceError("The file is not a JSON object of council codes and their lists")
    known = {c.code: c for c in Council.objects.all()}
    wanted: dict[str, list[str]] = {}
    for number, (code, codes) in enumerate(data.items(), start=1):
        code = str(code).strip()
        if not ASC_COUNCIL.match(code):
            report.skipped += 1
            continue
        problems = _list_problems(code, codes, known)
        report.errors += [(number, code, reason) for reason in problems]
        if not problems:
            wanted[code] = sorted(set(codes))
    if report.errors:
        return report
    with transaction.atomic():
        for code, codes in wanted.items():
            council = known[code]
            if council.neighbours == codes:
                report.unchanged += 1
                continue
            council.neighbours = codes
            council.save(update_fields=["neighbours"])
            report.updated += 1
    return report


def _list_problems(code: str, codes: object, known: dict[str, Council]) -> list[str]:
    if code not in known:
        return [f"“{code}” is not a council careloop knows: import the published figures first"]
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        return ["its neighbours are not a list of council codes"]
    problems = []
    if code not in codes:
        problems.append("its list does not include the council itself")
    if not 1 <= len(codes) <= MAX_GROUP:
        problems.append(f"its list has {len(codes)} councils; a group has 1 to {MAX_GROUP}")
    if len(set(codes)) != len(codes):
        problems.append("its list names a council twice")
    unknown = sorted({c for c in codes if c not in known})
    if unknown:
        problems.append("its list names councils careloop does not know: " + ", ".join(unknown))
    return problems


def home_choose(*, user, council: Council, comparator: str) -> Council:
    """Mark the council careloop serves and the group it compares itself with."""
    if comparator not in dict(COMPARATORS):
        raise ServiceError("Choose a comparator group", field="comparator")
    with transaction.atomic():
        for other in Council.objects.filter(is_home=True).exclude(pk=council.pk):
            other.is_home = False
            other.save(update_fields=["is_home"])
        council.is_home, council.comparator = True, comparator
        council.save(update_fields=["is_home", "comparator"])
    return council


def figures_import_start(*, user, upload, source: str = "published") -> ImportJob:
    """Store an uploaded file of published figures and queue its import (core imports)."""
    try:
        job = engine.create_job(
            importer=get_importer("performance"), upload=upload, source=source, user=user
        )
    except FileProblem as problem:
        raise ServiceError(str(problem), field="file") from None
    missing = engine.missing_required(get_importer("performance"), job.mapping, job.headers)
    if missing:
        job.delete()
        raise ServiceError(engine.missing_message(missing), field="file")
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    jobs.enqueue(job, TASK, {"job_id": job.pk})
    return job


def local_period(measure: Measure, text: str) -> str:
    """A local measure's period as stored: "2026-03" (monthly), "2026-Q1" (quarterly) or a
    financial year "2025-26" (annual)."""
    text = text.strip().upper()
    if measure.frequency == Measure.Frequency.MONTHLY and MONTH.match(text):
        return text
    if measure.frequency == Measure.Frequency.QUARTERLY and QUARTER.match(text):
        return text
    if measure.frequency == Measure.Frequency.ANNUAL and (year := parse_year(text)):
        return year
    shapes = {"monthly": "2026-03", "quarterly": "2026-Q1", "annual": "2025-26"}
    raise ServiceError(f"Enter the period like {shapes[measure.frequency]}", field="period")


def local_figure_record(*, user, measure: Measure, period: str, value: float) -> Figure:
    """The council's own figure for a local measure; a figure for the same period is revised
    (the audit trail keeps the old value)."""
    if not measure.is_local:
        raise ServiceError("Published measures' figures come from the published data")
    home = Council.objects.filter(is_home=True).first()
    if home is None:
        raise ServiceError("Choose the council careloop serves first")
    stored = local_period(measure, period)
    figure = Figure.objects.filter(council=home, measure=measure, period=stored).first()
    figure = figure or Figure(council=home, measure=measure, period=stored, source="entered")
    figure.value, figure.suppressed = value, ""
    figure.save()
    return figure


# --- The published measures careloop ships (put in after every migrate: receivers.py) -----------
# code, name, unit, polarity, source, decimals
SHIPPED = (
    ("ASC1", "carer-reported quality of life", "score", "higher", "sace", 1),
    ("ASC2", "quality-of-life impact of services (adjusted)", "score", "higher", "ascs", 3),
    ("ASC3", "ease of finding information about services (people who use services)", "percent",
     "higher", "ascs", 1),
    ("ASC4", "ease of finding information about support (carers)", "percent", "higher", "sace",
     1),
    ("ASC5", "short-term services with no further request for ongoing support", "percent",
     "higher", "ascof", 1),
    ("ASC6", "requests resulting in a service", "rate", "none", "ascof", 1),
    ("ASC7", "adult social care workforce turnover", "percent", "none", "sfc", 1),
)  # fmt: skip


def measures_install_shipped() -> int:
    """Put back any shipped definition that is missing (after a flush); returns how many."""
    have = set(Measure.objects.filter(shipped=True).values_list("code", flat=True))
    added = 0
    for code, name, unit, polarity, source, decimals in SHIPPED:
        if code in have:
            continue
        Measure.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "polarity": polarity,
                "source": source,
                "decimals": decimals,
                "frequency": "annual",
                "shipped": True,
            },
        )
        added += 1
    return added
