"""`careloop performance`: published figures, neighbour lists and where a council stands.

careloop performance import FILE [--dry-run] [--source NAME]
careloop performance neighbours FILE
careloop performance compare COUNCIL_CODE MEASURE_CODE [--year 2022-23]
                             [--group neighbours|region|kind] [--json]
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careloop.core import audit
from careloop.core.imports import get_importer
from careloop.core.imports.command import run_file
from careloop.core.services import ServiceError
from careloop.performance import findings, selectors, services
from careloop.performance.compare import parse_year


class Command(BaseCommand):
    help = "Import published performance figures and neighbour lists; compare a council"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Import published figures (CSV or Excel)")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true")
        load.add_argument("--source", default="published")
        near = sub.add_parser("neighbours", help="Import nearest-neighbour lists (JSON)")
        near.add_argument("file")
        comp = sub.add_parser("compare", help="Where a council stands on a measure")
        comp.add_argument("council_code")
        comp.add_argument("measure_code")
        comp.add_argument("--year")
        comp.add_argument("--group", choices=["neighbours", "region", "kind"])
        comp.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "import":
            run_file(
                importer=get_importer("performance"),
                path=options["file"],
                source=options["source"],
                dry_run=options["dry_run"],
                out=self.stdout,
            )
        elif action == "neighbours":
            self._neighbours(options["file"])
        else:
            self._compare(options)

    def _neighbours(self, path: str) -> None:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"The file is not JSON: {error}") from None
        try:
            with audit.acting_as(None, "command"):
                report = services.neighbours_import(user=None, data=data)
        except ServiceError as error:
            raise CommandError(str(error)) from None
        for number, code, reason in report.errors:
            self.stdout.write(f"entry {number}, {code}: {reason}\n")
        if report.errors:
            raise CommandError(f"{len(report.errors)} problems found. Nothing was imported.")
        self.stdout.write(
            f"Set {report.updated} neighbour lists; {report.unchanged} unchanged; "
            f"{report.skipped} skipped (not councils with adult social care duties).\n"
        )

    def _compare(self, options) -> None:
        council = selectors.council(options["council_code"])
        if council is None:
            raise CommandError(f"No council with the code {options['council_code']}")
        measure = selectors.measures().filter(code__iexact=options["measure_code"]).first()
        if measure is None:
            raise CommandError(f"No measure with the code {options['measure_code']}")
        year = None
        if options["year"]:
            year = parse_year(options["year"])
            if year is None:
                raise CommandError(f"“{options['year']}” is not a financial year (2022-23)")
        found = selectors.standing(council, measure, year=year, group=options["group"])
        if found is None:
            raise CommandError(f"{measure.code} has no figures for {year or 'any year'}")
        if options["json"]:
            self.stdout.write(json.dumps(found.as_json()) + "\n")
        else:
            self.stdout.write(
                findings.finding(found, council.name, selectors.described(measure)) + "\n"
            )
