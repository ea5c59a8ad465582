"""Benchmarks of feedback: importing 100,000 rows (target: under 60 s on 2 cores with
PostgreSQL), and the register's list page over them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres careloop bench --only feedback
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.test import Client

from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.imports import engine, get_importer
from careloop.core.imports.reading import read_table
from careloop.core.models import ImportJob, Team, User
from careloop.core.permissions import Role

ROWS = 100_000
PHRASES = [
    "I waited six weeks for my assessment and nobody rang me back.",
    "The carers are kind but they are often late and rushed.",
    "Thank you to the hospital discharge team for getting Mum home safely.",
    "My bill for care went up and nobody explained the financial assessment.",
    "The direct payment paperwork is confusing and the helpline never answers.",
    "Staff listened to me and my daughter and we felt involved in the plan.",
]


def build_file(path: Path, rows: int, seed: int = 7) -> None:
    """A survey-style CSV of `rows` rows with varied text, dates and teams."""
    rng = random.Random(seed)
    teams = list(Team.objects.values_list("name", flat=True)) or [""]
    start = dt.date(2025, 4, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Response ID,Date submitted,Your comments,Overall satisfaction,Team,Type\n")
        for i in range(rows):
            day = start + dt.timedelta(days=rng.randrange(365))
            text = " ".join(rng.sample(PHRASES, rng.randint(1, 3))).replace('"', "'")
            kind = rng.choice(["survey", "survey", "survey", "compliment", "comment"])
            out.write(
                f'R{i:07d},{day:%d/%m/%Y},"{text}",{rng.randint(1, 5)},{rng.choice(teams)},{kind}\n'
            )


def _user():
    user, _ = User.objects.get_or_create(
        email="bench@northshire.example",
        defaults={"full_name": "Bench Person", "role": Role.QUALITY_LEAD},
    )
    return user


@needs_world("org")
def import_100k(repeat: int):
    user = _user()
    importer = get_importer("feedback")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csv"
        build_file(path, ROWS)
        size_mb = path.stat().st_size / 1024 / 1024
        seconds = []
        for run in range(repeat):
            job = ImportJob(
                importer="feedback",
                source=f"Benchmark run {run}",
                original_name=path.name,
                headers=[],
                options={"status": "closed"},
                created_by=user,
            )
            with path.open("rb") as handle:
                job.headers = read_table(handle, path.name).headers
                handle.seek(0)
                job.file.save(path.name, File(handle), save=False)
            job.mapping = engine.suggest_mapping(importer, job.headers)
            job.save()
            start = time.perf_counter()
            engine.run(job)
            seconds.append(time.perf_counter() - start)
            job.refresh_from_db()
            if job.status != "done" or job.created_count != ROWS:
                raise RuntimeError(f"benchmark import failed: {job.status} {job.message}")
    yield measure(
        "feedback.import_100k_rows",
        seconds,
        "s",
        rows=ROWS,
        file_mb=round(size_mb, 1),
        target="< 60 s",
    )
    yield measure("feedback.import_rows_per_second", [ROWS / s for s in seconds], "rows/s")


def list_page(repeat: int):
    """The register's first page and a filtered search, over what import_100k loaded."""
    client = Client(SERVER_NAME="localhost")
    client.force_login(_user())
    yield from timed_requests(
        "feedback.list_page", client, "/feedback/", repeat=repeat, requests=10
    )
    yield from timed_requests(
        "feedback.list_search",
        client,
        "/feedback/?q=financial&kind=survey&due=",
        repeat=repeat,
        requests=10,
    )


BENCHMARKS = [import_100k, list_page]
