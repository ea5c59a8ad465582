"""`careloop demo`: migrate, load Northshire (idempotent), serve with a task worker beside it.

It lives in the demo app, not the core: the core never imports the demo or an area."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from careloop import demo
from careloop.demo.org import ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the Northshire demo council and run careloop with a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo data, then stop."
        )

    def handle(self, *args, host, port, no_serve, **options):
        if not no_serve:
            with socket.socket() as probe:
                if probe.connect_ex((host, port)) == 0:
                    raise CommandError(
                        f"Something is already serving on {host}:{port}. Stop it, or run "
                        f"`careloop demo --port {port + 1}`."
                    )
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        demo.load(log=lambda line: self.stdout.write(f"  {line}"))
        self.print_logins(host, port)
        if not no_serve:
            self.serve(host, port)

    def print_logins(self, host, port) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"careloop – {settings.COUNCIL_NAME} (demo)"))
        self.stdout.write(f"Open http://{host}:{port}/ and sign in as one of these people.")
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}")
        width = max(len(a[0]) for a in ACCOUNTS)
        for email, name, _title, role, _team in ACCOUNTS:
            self.stdout.write(f"  {email.ljust(width)}  {role.label} ({name})")
        self.stdout.write("")

    def serve(self, host, port) -> None:
        env = dict(os.environ)
        env.setdefault("CARELOOP_HTTPS", "0")  # plain HTTP on this machine
        command = [sys.executable, "-m", "careloop"]
        children = [
            subprocess.Popen([*command, "worker"], env=env),  # noqa: S603
            subprocess.Popen([*command, "scheduler"], env=env),  # noqa: S603
            subprocess.Popen([*command, "serve", "--host", host, "--port", str(port)], env=env),  # noqa: S603
        ]

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                child.wait(timeout=10)
