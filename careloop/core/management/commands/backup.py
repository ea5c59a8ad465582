"""`careloop backup FILE`: the database, uploaded files and trained models in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careloop.core import backup


class Command(BaseCommand):
    help = "Back up the database, uploaded files and trained models into one tar file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file to write, e.g. careloop-2026-12-07.tar")

    def handle(self, *args, **options):
        try:
            manifest = backup.backup(Path(options["file"]))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        files = sum(1 for name in manifest["members"] if name.startswith(("media/", "models/")))
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['counts'])} tables and {files} files "
            f"({manifest['engine']}) to {options['file']}"
        )
