"""`careloop bench`: every app's benchmarks, one JSON line per measure.

Benchmarks run in a throwaway database (the configured engine's test database), so they never
touch real data; `--keepdb` keeps it between runs (useful for the large data sets). A benchmark
marked `@needs_world(...)` (careloop.core.benchmarking) gets the demo council loaded first.
"""

from __future__ import annotations

import json
import os
import platform
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from careloop.core import audit
from careloop.core.benchmarking import Benchmark, load_world


def _machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")), ""
            )
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "database": connection.vendor,
    }


class Command(BaseCommand):
    help = "Run the performance benchmarks; prints one JSON object per line."

    def add_arguments(self, parser):
        parser.add_argument("--only", default="", help="Run benchmarks whose name contains this")
        parser.add_argument("--repeat", type=int, default=5, help="Runs per measure (median)")
        parser.add_argument("--keepdb", action="store_true", help="Keep the benchmark database")

    def handle(self, *args, only, repeat, keepdb, **options):
        benchmarks: list[Benchmark] = []
        for config in apps.get_app_configs():
            if config.name.startswith("careloop.") and find_spec(f"{config.name}.bench"):
                module = import_module(f"{config.name}.bench")
                benchmarks += [
                    b for b in module.BENCHMARKS if only in f"{config.label}.{b.__name__}"
                ]
        machine = _machine()
        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            # Not the test suite's database name: a benchmark must never drop a running suite's.
            test_name = connection.settings_dict["TEST"].get("NAME") or f"test_{old_name}"
            connection.settings_dict["TEST"]["NAME"] = test_name.replace("test_", "bench_", 1)
        # serialize=False: the test runner's copy of the data (for rolling back) is not needed,
        # and with a kept million-item data set it would take gigabytes and minutes
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, keepdb=keepdb, serialize=False
        )
        try:
            with audit.acting_as(None, "command"):
                for benchmark in benchmarks:
                    load_world(benchmark)
                    for line in benchmark(repeat):
                        self.stdout.write(json.dumps({**line, "machine": machine}))
                        self.stdout.flush()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keepdb)
