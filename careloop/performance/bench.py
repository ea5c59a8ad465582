"""Benchmarks of performance: importing the published file (6,376 rows when the shared file
is here) and the overview and a measure page with ten years of every council's figures."""

from __future__ import annotations

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.imports import engine, get_importer
from careloop.core.models import User

from . import selectors
from .compare import year_start
from .models import Council, Figure, Measure

YEARS = [f"{y}-{(y + 1) % 100:02d}" for y in range(2013, 2023)]  # ten financial years


def import_published(repeat: int):
    path, _, real = selectors.published_files()
    content = path.read_bytes()
    runs, rows = [], 0
    for _ in range(repeat):
        with transaction.atomic():
            Figure.objects.all().delete()
            Council.objects.all().delete()
            job = engine.create_job(
                importer=get_importer("performance"),
                upload=SimpleUploadedFile(path.name, content),
                source="bench",
                user=None,
            )
            start = time.perf_counter()
            engine.run(job)
            runs.append(time.perf_counter() - start)
            rows = job.created_count
            transaction.set_rollback(True)  # leave the world as it was
    yield measure("performance.import_published", runs, "s", rows=rows, real=real)


def _ten_years() -> int:
    """Fill every council's missing years of every measure, 2013-14 to 2022-23, from its
    nearest figure (once): the pages then read ten years of every council's data."""
    if Figure.objects.filter(period=YEARS[0]).exists():
        return Figure.objects.count()
    held: dict[tuple[int, int], dict[str, float]] = {}
    for council, measure_id, period, value in Figure.objects.filter(
        value__isnull=False
    ).values_list("council_id", "measure_id", "period", "value"):
        if value is not None:  # (filtered out above: for the types)
            held.setdefault((council, measure_id), {})[period] = value
    new = []
    for (council, measure_id), series in held.items():
        for year in YEARS:
            if year not in series:
                near = min(series, key=lambda p: abs(year_start(p) - year_start(year)))
                new.append(
                    Figure(council_id=council, measure_id=measure_id, period=year,
                           value=series[near], source="bench")
                )  # fmt: skip
    Figure.objects.filter(value__isnull=True, period__in=YEARS).delete()
    Figure.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return Figure.objects.count()


@needs_world("org", "performance")
def pages(repeat: int):
    figures = _ten_years()
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email="manager@northshire.example"))
    yield measure("performance.figures_held", [float(figures)], "rows")
    yield from timed_requests("performance.overview", client, "/performance/", repeat=repeat)
    code = Measure.objects.get(code="ASC3").code
    yield from timed_requests(
        "performance.measure_page", client, f"/performance/measures/{code}/", repeat=repeat
    )


BENCHMARKS = [import_published, pages]
