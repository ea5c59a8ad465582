"""Benchmarks of the core: page speed and the working-day calendar."""

from __future__ import annotations

import datetime as dt
import time

from django.test import Client

from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.models import User
from careloop.core.workdays import add_working_days


def working_days(repeat: int):
    def run():
        start = time.perf_counter()
        day = dt.date(2026, 1, 1)
        for i in range(10_000):
            add_working_days(day, i % 40)
        return 10_000 / (time.perf_counter() - start)

    yield measure("core.add_working_days", [run() for _ in range(repeat)], "calls/s")


@needs_world()
def home_page(repeat: int):
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email="quality.lead@northshire.example"))
    yield from timed_requests("core.home_page", client, "/", repeat=repeat)


BENCHMARKS = [working_days, home_page]
