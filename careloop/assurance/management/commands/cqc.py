"""`careloop cqc`: the CQC tools on the command line.

    careloop cqc rating S1 … S9 [--json]        the overall rating from nine scores
    careloop cqc import-report FILE [--json]     read a published CQC page (FILE or - for stdin)
    careloop cqc report [--pdf FILE] [--docx FILE] [--self-assessment ID]
                                                 the self-assessment in CQC's format

Bad input gets a clear error on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careloop.assurance.cqc import rating, report_parser
from careloop.assurance.models import SelfAssessment
from careloop.assurance.reports import build_report, report_docx, report_pdf, report_text
from careloop.core import audit

REPORT_USAGE = "usage: careloop cqc report [--pdf FILE] [--docx FILE] [--self-assessment ID]"
USAGE = "usage: careloop cqc {rating,import-report,report} ..."


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _ArgumentError(message)


def report_main(argv: list[str]) -> int:
    """Print the latest (or the given) self-assessment in CQC's format; write PDF or Word."""
    parser = _Parser(prog="careloop cqc report", add_help=False)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--docx", type=Path)
    parser.add_argument("--self-assessment", type=int, dest="pk")
    if any(a in ("-h", "--help") for a in argv):
        print(REPORT_USAGE)
        return 0
    try:
        args = parser.parse_args(argv)
    except _ArgumentError as error:
        print(f"error: {error}.\n{REPORT_USAGE}", file=sys.stderr)
        return 2
    qs = SelfAssessment.objects.select_related("framework")
    assessment = qs.filter(pk=args.pk).first() if args.pk else qs.first()
    if assessment is None:
        which = f"number {args.pk}" if args.pk else "yet"
        print(f"error: there is no self-assessment {which}.", file=sys.stderr)
        return 2
    report = build_report(assessment)
    outputs = [(args.pdf, report_pdf), (args.docx, report_docx)]
    for path, render in outputs:
        if path is None:
            continue
        try:
            path.write_bytes(render(report))
        except OSError as error:
            print(f"error: cannot write {path}: {error.strerror or error}.", file=sys.stderr)
            return 2
        with audit.acting_as(None, "command"):
            audit.record("export", assessment, reason=f"CQC-format report ({path.suffix})")
        print(f"Wrote {path}")
    if args.pdf is None and args.docx is None:
        print(report_text(report), end="")
    return 0


SUBCOMMANDS = {
    "rating": rating.main,
    "import-report": report_parser.main,
    "report": report_main,
}


class Command(BaseCommand):
    help = "CQC tools: rating S1 … S9 [--json]; import-report FILE [--json]; report [--pdf FILE]."

    def add_arguments(self, parser):
        parser.add_argument("subcommand", nargs="?", default="")
        parser.add_argument("rest", nargs=argparse.REMAINDER)

    def handle(self, *args, subcommand, rest, **options):
        argv = list(rest)
        main = SUBCOMMANDS.get(subcommand)
        out, err = io.StringIO(), io.StringIO()
        if main is None:
            problem = f"unknown subcommand {subcommand!r}" if subcommand else "name a subcommand"
            err.write(f"error: {problem}.\n{USAGE}\n")
            code = 2
        else:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(argv)
        self.stdout.write(out.getvalue(), ending="")
        if code:
            if getattr(self, "_called_from_command_line", False):
                self.stderr.write(err.getvalue(), ending="")
                sys.exit(code)
            raise CommandError(err.getvalue().strip(), returncode=code)
        self.stderr.write(err.getvalue(), ending="")
