"""`careloop restore FILE`: a backup put back into an empty database and files folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careloop.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database (create it first on PostgreSQL) and an empty "
        "files folder. The whole file is checked before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `careloop backup`")
        parser.add_argument("--database-url", default="", help="restore here, not DATABASE_URL")
        parser.add_argument("--data-dir", default="", help="restore files here, not the data dir")

    def handle(self, *args, **options):
        target = backup.Target.configured(options["database_url"], options["data_dir"])
        try:
            manifest = backup.restore(Path(options["file"]), target)
        except backup.BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(
            f"Restored {sum(manifest['counts'].values())} rows and the files of a backup made "
            f"{manifest['created']}"
        )
