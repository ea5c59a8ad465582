"""Benchmarks of innovation: evaluating a pilot, its pages and its PDF report."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import numpy as np
from django.test import Client

from careloop.core.benchmarking import measure, needs_world, timed_get, timed_requests
from careloop.core.models import User
from careloop.innovation import analysis
from careloop.innovation.models import Measure, Pilot, Reading


def _client(email="quality.lead@northshire.example"):
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email=email))
    return client


def evaluate_large_pilot(repeat: int):
    """A pilot with 8 measures of every kind, 36 months each, pilot and comparison groups."""
    today = dt.date.today().replace(day=1)

    def month(n):
        y, m = divmod(today.year * 12 + today.month - 1 - n, 12)
        return dt.date(y, m + 1, 1)

    pilot, _ = Pilot.objects.get_or_create(
        title="Benchmark pilot",
        defaults=dict(
            problem="P",
            idea="I",
            hypothesis="H",
            cohort="C",
            design=Pilot.Design.BOTH,
            comparison_group="South",
            baseline_start=month(36),
            start_date=month(18),
        ),
    )
    rng = np.random.default_rng(1)
    kinds = [Measure.Kind.COUNT, Measure.Kind.RATE, Measure.Kind.PROPORTION, Measure.Kind.MEAN] * 2
    if not pilot.measures.exists():
        for k, kind in enumerate(kinds):
            m = Measure.objects.create(
                pilot=pilot,
                name=f"Measure {k}",
                kind=kind,
                denominator_label="people",
                hoped_change=Decimal("-10") if kind != Measure.Kind.PROPORTION else Decimal("5"),
            )
            rows = []
            for group in ("pilot", "comparison"):
                for n in range(36, 0, -1):
                    if group == "comparison" and n > 18:
                        continue
                    den = int(rng.integers(50, 70))
                    value = (
                        float(rng.normal(40, 4))
                        if kind == Measure.Kind.MEAN
                        else int(rng.binomial(den, 0.2))
                    )
                    rows.append(
                        Reading(
                            measure=m,
                            group=group,
                            period_start=month(n),
                            value=Decimal(str(round(value, 2))),
                            denominator=Decimal(den) if m.needs_denominator else None,
                        )
                    )
            Reading.objects.bulk_create(rows)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyses = analysis.analyse_pilot(pilot)
        analysis.draft_summary(pilot, analyses)
        runs.append((time.perf_counter() - start) * 1000)
    yield measure("innovation.evaluate_pilot_8_measures_36_months", runs, "ms")


@needs_world()
def pages(repeat: int):
    client = _client()
    night = Pilot.objects.get(title__startswith="Night-time support")
    yield from timed_requests("innovation.pilot_register", client, "/innovation/", repeat=repeat)
    yield from timed_requests(
        "innovation.pilot_page", client, night.get_absolute_url(), repeat=repeat, requests=20
    )
    yield from timed_requests(
        "innovation.evaluation_page",
        client,
        f"/innovation/{night.pk}/evaluation/",
        repeat=repeat,
        requests=20,
    )


@needs_world()
def report_pdf(repeat: int):
    client = _client()
    night = Pilot.objects.get(title__startswith="Night-time support")
    final = night.evaluations.get(kind="final")
    url = f"/innovation/{night.pk}/evaluations/{final.pk}/pdf/"
    runs = [timed_get(client, url) for _ in range(repeat)]
    yield measure("innovation.evaluation_report_pdf", runs, "ms", pages_of_charts=8)


BENCHMARKS = [evaluate_large_pilot, pages, report_pdf]
