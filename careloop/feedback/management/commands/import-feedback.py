"""`careloop import-feedback FILE [--dry-run]`: import feedback from a CSV or Excel file."""

from django.core.management.base import BaseCommand

from careloop.core.imports import get_importer
from careloop.core.imports.command import run_file
from careloop.feedback.models import Feedback


class Command(BaseCommand):
    help = (
        "Import feedback from a CSV or Excel (.xlsx) file. Every row is checked first; if any "
        "row has a problem, each is listed (row, column, reason) and nothing is written. Rows "
        "already imported from the same source are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing")
        parser.add_argument(
            "--source",
            default="Command line",
            help="Where the file is from (column matching and duplicates are per source)",
        )
        parser.add_argument("--kind", choices=Feedback.Kind.values, help="Kind, if no column")
        parser.add_argument(
            "--channel", choices=Feedback.Channel.values, help="Channel, if no column"
        )
        parser.add_argument("--status", choices=Feedback.Status.values, help="Status, if none")
        parser.add_argument("--survey", help="Survey name, if no column")
        parser.add_argument("--user", default="", help="Email of the person importing (audit)")

    def handle(self, *args, file, dry_run, source, user, **options):
        chosen = {k: options[k] for k in ("kind", "channel", "status", "survey") if options[k]}
        run_file(
            importer=get_importer("feedback"),
            path=file,
            source=source,
            dry_run=dry_run,
            user_email=user,
            options=chosen,
            out=self.stdout,
        )
