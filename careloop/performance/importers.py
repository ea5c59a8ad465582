"""Published comparative data: Oflog's file as published, or a plain long format.

One row is one council's figure for one measure and financial year. Columns are matched by
name (the published file's `Financial year`, `Local authority code`, `Code`, `Value` … or
`council_code, council_name, period, measure_code, value`, optional `numerator,
denominator`). Every problem is reported by row and column and nothing is written until all
rows are good. A row already held with the same figure is skipped, so re-importing a file
changes nothing; a revised figure replaces the old one, and the audit trail records both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careloop.core.imports import Importer, ImportField, bulk, register
from careloop.core.imports.reading import cell_text

from .compare import parse_year
from .models import ASC_COUNCIL, Council, Figure, Measure

SUPPRESSED = {"", "[c]", "x", "*", ":", "[x]", "..", "[z]"}


@dataclass
class Context:
    measures: dict
    councils: dict
    seen: dict = field(default_factory=dict)  # (council, measure, period) -> value text


def row_key(council: str, measure: str, period: str, value: float | None, marker: str) -> str:
    return f"{council}|{measure}|{period}|{'' if value is None else repr(value)}|{marker}"


def number(text: str) -> float:
    return float(text.replace(",", "").strip())


class PublishedImporter(Importer):
    name = "performance"
    writes = ("performance.Figure",)
    label = "Published performance figures"
    permission = "performance.import"
    back_url_name = "performance:index"
    key = "ref"
    help = (
        "Import published comparative figures: one row per council, measure and year (Oflog's "
        "file as published, or council_code, council_name, period, measure_code, value). "
        "Suppressed figures ([c], x, *, : or empty) are kept as not published. If any row has "
        "a problem nothing is imported; figures already held are skipped and revised ones "
        "replace the old, with the change in the audit trail."
    )
    fields = [
        ImportField(
            "council_code",
            "Council code",
            required=True,
            aliases=("local authority code", "la code", "ons code", "area code"),
        ),
        ImportField("council_name", "Council name", aliases=("local authority name", "la name")),
        ImportField("council_type", "Council type", aliases=("entity_name", "type")),
        ImportField("region", "Region"),
        ImportField(
            "period",
            "Period",
            required=True,
            aliases=("financial year", "year", "time period"),
        ),
        ImportField(
            "measure_code", "Measure code", required=True, aliases=("code", "indicator code")
        ),
        ImportField("value", "Value", aliases=("figure",)),
        ImportField("numerator", "Numerator"),
        ImportField("denominator", "Denominator"),
        ImportField("ref", "Row reference", help="Worked out from the row; leave unmatched"),
    ]

    def context(self, job) -> Context:
        return Context(
            measures={m.code.upper(): m for m in Measure.objects.all()},
            councils={c.code: c for c in Council.objects.all()},
        )

    def clean_row(self, values, ctx: Context):
        problems: list[tuple[str, str]] = []
        text = {name: cell_text(values.get(name, "")).strip() for name in values}
        code = text.get("council_code", "").upper()
        if not ASC_COUNCIL.match(code):
            problems.append(
                ("council_code", f"“{code}” is not an English council with adult social care")
            )
        elif code not in ctx.councils and not text.get("council_name"):
            problems.append(("council_name", "is empty for a council careloop does not know"))
        period = parse_year(text.get("period", ""))
        if period is None:
            problems.append(("period", f"“{text.get('period')}” is not a financial year"))
        measure_code = text.get("measure_code", "").upper()
        measure = ctx.measures.get(measure_code)
        if measure is None:
            problems.append(
                (
                    "measure_code",
                    f"“{measure_code}” is not a measure careloop knows: register it on the "
                    "measures page, then import again",
                )
            )
        raw = text.get("value", "")
        value = None
        marker = ""
        if raw.lower() in SUPPRESSED:
            marker = raw or "empty"
        else:
            try:
                value = number(raw)
            except ValueError:
                problems.append(("value", f"“{raw}” is not a number"))
        extra = {}
        for name in ("numerator", "denominator"):
            try:
                extra[name] = number(text[name]) if text.get(name) else None
            except ValueError:
                problems.append((name, f"“{text[name]}” is not a number"))
        if problems or period is None or measure is None:
            return {}, problems
        ident = (code, measure_code, period)
        shown = "not published" if value is None else raw
        earlier = ctx.seen.setdefault(ident, shown)
        if earlier != shown:
            problems.append(
                ("value", f"disagrees with another row for {code}, {measure_code}, {period} "
                 f"({earlier} and {shown})")
            )  # fmt: skip
            return {}, problems
        return {
            "council_code": code,
            "council_name": text.get("council_name", "")[:200],
            "council_type": text.get("council_type", "")[:100],
            "region": text.get("region", "")[:100],
            "measure": measure,
            "period": period,
            "value": value,
            "suppressed": "" if value is not None else marker,
            **extra,
            "ref": row_key(code, measure_code, period, value, marker if value is None else ""),
        }, []

    def existing(self, keys, job, ctx: Context) -> set[str]:
        councils = {k.split("|")[0] for k in keys}
        measures = {k.split("|")[1] for k in keys}
        held = Figure.objects.filter(
            council__code__in=councils, measure__code__in=measures
        ).values_list("council__code", "measure__code", "period", "value", "suppressed")
        have = {row_key(c, m, p, v, s if v is None else "") for c, m, p, v, s in held}
        return {k for k in keys if k in have}

    def write(self, rows, job, ctx: Context) -> int:
        new_councils = []
        for row in rows:
            code = row["council_code"]
            if code not in ctx.councils:
                council = Council(
                    code=code,
                    name=row["council_name"],
                    kind=row["council_type"],
                    region=row["region"],
                )
                ctx.councils[code] = council
                new_councils.append(council)
        bulk.insert(Council, new_councils)
        bulk.audit_created(new_councils, reason=f"Imported from {job.original_name}")
        held = {
            (f.council_id, f.measure_id, f.period): f
            for f in Figure.objects.filter(
                council__in=[ctx.councils[r["council_code"]] for r in rows],
                measure__in={r["measure"] for r in rows},
                period__in={r["period"] for r in rows},
            )
        }
        created = []
        for row in rows:
            council = ctx.councils[row["council_code"]]
            figure = held.get((council.pk, row["measure"].pk, row["period"]))
            values = {k: row[k] for k in ("value", "suppressed", "numerator", "denominator")}
            if figure is None:
                created.append(
                    Figure(
                        council=council,
                        measure=row["measure"],
                        period=row["period"],
                        source=job.source[:100],
                        **values,
                    )
                )
                continue
            for name, value in values.items():
                setattr(figure, name, value)
            figure.source = job.source[:100]
            figure.save()  # a revised figure: the audit trail records the old and new values
        bulk.insert(Figure, created)
        bulk.audit_created(created, reason=f"Imported from {job.original_name}")
        return len(rows)


register(PublishedImporter())
