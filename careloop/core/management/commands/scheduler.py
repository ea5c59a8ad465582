"""`careloop scheduler`: enqueue periodic jobs when they fall due (see core.scheduler)."""

import time

from django.core.management.base import BaseCommand

from careloop.core.scheduler import run_due


class Command(BaseCommand):
    help = "Enqueue periodic jobs (reminders, refreshes) when they fall due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then stop (cron).")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between passes.")

    def handle(self, *args, once, interval, **options):
        while True:
            for name in run_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
