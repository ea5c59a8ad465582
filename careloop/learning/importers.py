"""The Ombudsman's yearly figures, imported from the figures of the LGSCO annual review letter
(the Ombudsman publishes them for every council as a spreadsheet), through the core import
machinery (careloop/core/imports).

One row is one year: the year (2024-25, or 2024 for the year starting 1 April 2024), complaints
and enquiries received, decisions made, detailed investigations, upheld, compliance with the
Ombudsman's recommendations (%), cases where the council had already offered a satisfactory
remedy, and the upheld rate of similar councils (%). Figures already held exactly as imported
are skipped; different figures for a year already held replace them (audited as a change) and
the year is marked imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from careloop.core.imports import Importer, ImportField, register
from careloop.core.imports.parsing import CellError, RowCheck, parse_int
from careloop.core.imports.reading import cell_text
from careloop.core.services import ServiceError

from . import services
from .models import LgscoYear
from .services.lgsco import check_year

_YEAR = re.compile(r"^(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?$")
COUNTS = ("complaints_made", "decided", "detailed_investigations", "upheld", "remedied_by_council")
RATES = ("compliance_rate", "similar_upheld_rate")


def parse_year(value) -> int:
    """The year starting 1 April: from 2024-25, 2024/25, 2024-2025 or 2024."""
    text = cell_text(value).strip()
    m = _YEAR.match(text)
    if m:
        start = int(m.group(1))
        end = m.group(2)
        if (end is None or int(end) % 100 == (start + 1) % 100) and 2000 <= start <= 2100:
            return start
    raise CellError(f"“{text}” is not a year (use 2024-25 for the year from 1 April 2024)")


def parse_rate(value) -> Decimal | None:
    """A percentage from 0 to 100: 80.8, 80.8% or, from a spreadsheet, 0.808."""
    text = cell_text(value).strip()
    if not text:
        return None
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise CellError(f"“{text}” is not a percentage") from None
    if not number.is_finite():
        raise CellError(f"“{text}” is not a percentage")
    if not percent and 0 < number <= 1 and "." in text:
        number *= 100  # a spreadsheet's percentage cell (0.808 = 80.8%)
    if not 0 <= number <= 100:
        raise CellError(f"{text} is not a percentage from 0 to 100")
    return number.quantize(Decimal("0.1"))


def _key(year: int, figures: dict) -> str:
    parts = [str(year)]
    for name in (*COUNTS, *RATES):
        value = figures.get(name)
        parts.append("" if value is None else f"{Decimal(value):.1f}")
    return "|".join(parts)


@dataclass
class Context:
    years: dict = field(default_factory=dict)  # year -> row number seen


class LgscoYearImporter(Importer):
    name = "lgsco-years"
    writes = ("learning.LgscoYear",)
    label = "Ombudsman annual review figures"
    permission = "learning.manage_lgsco"
    back_url_name = "learning:lgsco_figures"
    key = "external_ref"
    batch_size = 200
    help = (
        "Import the figures of the Ombudsman's annual review letter from a CSV or Excel file "
        "(the Ombudsman publishes every council's figures as a spreadsheet): one row per year "
        "to 31 March. A year already held is replaced by the imported figures, and the change "
        "is kept in its history."
    )
    fields = [
        ImportField(
            "year",
            "Year",
            required=True,
            help="2024-25, or 2024 for the year from 1 April 2024",
            aliases=("financial year", "business year", "year to 31 march", "period"),
        ),
        ImportField(
            "complaints_made",
            "Complaints and enquiries received",
            required=True,
            aliases=("complaints made", "complaints received", "received", "enquiries received"),
        ),
        ImportField(
            "decided",
            "Decisions made",
            required=True,
            aliases=("decided", "decisions", "complaints decided"),
        ),
        ImportField(
            "detailed_investigations",
            "Detailed investigations",
            required=True,
            aliases=("investigated", "investigations", "detailed investigation"),
        ),
        ImportField("upheld", "Upheld", required=True, aliases=("complaints upheld",)),
        ImportField(
            "compliance_rate",
            "Compliance rate",
            help="Percentage of the Ombudsman's recommendations complied with",
            aliases=("compliance", "compliance with recommendations", "compliance %"),
        ),
        ImportField(
            "remedied_by_council",
            "Satisfactory remedy provided by the council",
            aliases=("remedied by council", "satisfactory remedy", "remedy already provided"),
        ),
        ImportField(
            "similar_upheld_rate",
            "Similar councils' upheld rate",
            help="Percentage; the average of similar authorities in the letter",
            aliases=(
                "similar councils upheld rate",
                "average of similar authorities",
                "similar authorities",
                "comparison upheld rate",
            ),
        ),
        ImportField(
            "external_ref",
            "Reference (not needed)",
            help="Leave this: each row is known by its year and figures",
        ),
    ]

    def context(self, job) -> Context:
        return Context()

    def clean_row(self, values: dict, ctx: Context):
        check = RowCheck(values)
        year = check.take("year", parse_year)
        figures = {name: check.take(name, parse_int, low=0, high=1_000_000) for name in COUNTS}
        figures |= {name: check.take(name, parse_rate) for name in RATES}
        if check.problems:
            return {}, check.problems
        if figures["remedied_by_council"] is None:
            figures["remedied_by_council"] = 0
        try:
            check_year(dict(figures))
        except ServiceError as error:
            return {}, [("", str(error))]
        if year in ctx.years:
            return {}, [
                ("year", f"another row also has the figures for {year}-{(year + 1) % 100:02d}")
            ]
        ctx.years[year] = True
        return {"year_start": year, **figures, "external_ref": _key(year, figures)}, []

    def existing(self, keys, job, ctx: Context) -> set[str]:
        """Years already held as imported, with exactly these figures."""
        held = LgscoYear.objects.filter(source=LgscoYear.Source.IMPORTED)
        have = {_key(y.year_start, {n: getattr(y, n) for n in (*COUNTS, *RATES)}) for y in held}
        return {k for k in keys if k in have}

    def write(self, rows: list[dict], job, ctx: Context) -> int:
        for row in rows:
            row = dict(row)
            row.pop("external_ref", None)
            services.lgsco_year_save(
                source=LgscoYear.Source.IMPORTED,
                notes=f"Imported from {job.original_name}"[:500],
                **row,
            )  # audited, as the page would be
        return len(rows)


register(LgscoYearImporter())
