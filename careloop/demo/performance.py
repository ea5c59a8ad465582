"""Northshire's performance: the published England figures (the shared file when the machine
has it, else the built-in synthetic sample), Northshire's own invented series placed among
real neighbours, and its information measure (ASC3), which falls, then rises after its
Accessible Information working group (formed in 2021-22, in the learning step's story).

Idempotent: the import skips figures already held.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics

from django.core.files.uploadedfile import SimpleUploadedFile

from careloop.core.imports import engine, get_importer
from careloop.core.models import User
from careloop.learning import services as learning_services
from careloop.learning.models import Action
from careloop.performance import selectors, services
from careloop.performance.compare import year_start
from careloop.performance.models import Council, Figure, Measure
from careloop.themes.models import Theme

CODE, NAME = "E10900001", "Northshire"  # an invented code: no real council has it
LIKE = "E10000028"  # the real county whose nearest neighbours Northshire borrows
# Ease of finding information (people who use services): falls, then rises once the working
# group's easy-read letters and accessible formats are in use.
INFORMATION = {
    "2015-16": 71.8, "2016-17": 70.2, "2017-18": 68.5, "2018-19": 66.9, "2019-20": 64.1,
    "2021-22": 62.4, "2022-23": 69.7,
}  # fmt: skip
THEMES = ("Information and advice", "Accessibility and reasonable adjustments")
OFFSETS = {"ASC1": 0.1, "ASC2": -0.004, "ASC4": -1.5, "ASC5": 2.0, "ASC6": -60.0, "ASC7": 1.2}


def _run(name: str, text: str, log) -> None:
    job = engine.create_job(
        importer=get_importer("performance"),
        upload=SimpleUploadedFile(name, text.encode()),
        source="demo",
        user=None,
    )
    engine.run(job)
    log(f"performance: {name}: {job.message}")


def load(log=print) -> None:
    figures_file, neighbours_file, real = selectors.published_files()
    with figures_file.open("rb") as handle:
        _run(figures_file.name, handle.read().decode("utf-8-sig"), log)
    neighbours = json.loads(neighbours_file.read_text(encoding="utf-8-sig"))
    like = LIKE if real else sorted(neighbours)[0]
    rows = ["council_code,council_name,council_type,region,period,measure_code,value"]
    medians = _medians()
    for (measure, period), median in sorted(medians.items()):
        value = INFORMATION.get(period) if measure == "ASC3" else median + OFFSETS[measure]
        if value is not None:
            rows.append(f"{CODE},{NAME},Counties,East Midlands,{period},{measure},{value:.3f}")
    _run("northshire-performance.csv", "\n".join(rows) + "\n", log)
    group = sorted({CODE, *(c for c in neighbours.get(like, []) if c != like)})
    neighbours[CODE] = group
    report = services.neighbours_import(user=None, data=neighbours)
    for problem in report.errors[:5]:
        log(f"performance: neighbours: {problem}")
    services.home_choose(user=None, council=Council.objects.get(code=CODE), comparator="neighbours")
    _in_the_loop(log)
    kind = "real" if real else "sample"
    log(f"performance: Northshire among {len(group) - 1} neighbours ({kind})")


def _medians() -> dict[tuple[str, str], float]:
    """The England median of every measure and year held (Northshire aside)."""
    values: dict[tuple[str, str], list[float]] = {}
    rows = Figure.objects.exclude(council__code=CODE).filter(value__isnull=False)
    for measure, period, value in rows.values_list("measure__code", "period", "value"):
        if value is not None:  # (filtered out above: for the types)
            values.setdefault((measure, period), []).append(value)
    return {
        key: statistics.median(found)
        for key, found in sorted(values.items(), key=lambda kv: (kv[0][0], year_start(kv[0][1])))
        if key[0] in OFFSETS or key[0] == "ASC3"
    }


def _in_the_loop(log) -> None:
    """The information measure bears on two themes, and an action is raised from it."""
    info = Measure.objects.get(code="ASC3")
    themes = Theme.objects.filter(name__in=THEMES)
    if themes:
        services.measure_link_themes(user=None, measure=info, themes=themes)
    lead = User.objects.filter(email="quality.lead@northshire.example").first()
    if lead is None or Action.objects.for_source(info).exists():
        return
    learning_services.action_create(
        title="Bring ease of finding information back above the England median",
        owner=lead,
        due=dt.date.today() + dt.timedelta(days=180),
        source=info,
        source_label="Performance: ASC3, ease of finding information",
        description="The Accessible Information working group's easy-read letters and accessible "
        "formats are in use; the next survey will show whether they hold the rise.",
        created_by=lead,
    )
    log("performance: ASC3 linked to its themes and an action")
