"""`careloop worker`: the task worker (django-tasks' `db_worker`) that also recovers jobs whose
worker died: once when it starts, then every lease period (see core.jobs)."""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from careloop.core import jobs


class Command(DbWorker):
    help = "Run background tasks; retry or fail jobs left running by a worker that died."

    def handle(self, *args, **options):
        found = jobs.recover()
        if any(found.values()):
            self.stdout.write(
                f"recovered jobs: {found['retried']} retried, {found['failed']} failed"
            )
        stop = threading.Event()
        watcher = threading.Thread(target=jobs.watch, args=(stop,), daemon=True)
        watcher.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
