"""Helpers for `careloop bench`: each app's `bench.py` lists BENCHMARKS, callables taking
`repeat` and yielding measures (dicts) made with `measure()` or `timed_requests()`.

A benchmark that needs the demo council's data says so with `@needs_world()` (all of it) or
`@needs_world("org", "learning")` (only those demo steps): `careloop bench` loads it first,
through the loader an installed app names as `careloop_world` on its AppConfig
(`careloop.demo`). So neither the core nor an area's bench imports the demo.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.apps import apps
from django.utils.module_loading import import_string

Measure = dict[str, Any]
Benchmark = Callable[[int], Iterable[Measure]]
B = TypeVar("B", bound=Benchmark)

WORLD_ATTRIBUTE = "careloop_world"  # on a benchmark: the demo steps it needs; on an AppConfig:
# the dotted path of the loader, f(log, only=steps)


def measure(name: str, runs: list[float], unit: str, **extra: Any) -> Measure:
    """One result line: the median of the runs, with the runs themselves."""
    return {
        "measure": name,
        "value": round(statistics.median(runs), 3),
        "unit": unit,
        "runs": [round(r, 3) for r in runs],
        **extra,
    }


def timed_get(client: Any, path: str) -> float:
    """How long one GET of `path` took, in milliseconds; an answer other than 200 is an error."""
    start = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return took


def timed_requests(
    name: str, client: Any, path: str, *, repeat: int, requests: int = 50
) -> Iterator[Measure]:
    """Median and 95th percentile response time of `requests` GETs, over `repeat` runs."""
    medians, p95s = [], []
    client.get(path)  # warm up
    for _ in range(repeat):
        times = sorted(timed_get(client, path) for _ in range(requests))
        medians.append(statistics.median(times))
        p95s.append(times[int(0.95 * (len(times) - 1))])
    yield measure(f"{name}.median", medians, "ms", path=path)
    yield measure(f"{name}.p95", p95s, "ms", path=path)


def needs_world(*steps: str) -> Callable[[B], B]:
    """Mark a benchmark as needing the demo world loaded before it runs: every step when
    none is named, else only those (e.g. "org", "learning", "workforce")."""

    def mark(benchmark: B) -> B:
        setattr(benchmark, WORLD_ATTRIBUTE, steps)
        return benchmark

    return mark


def world_needed(benchmark: Benchmark) -> tuple[str, ...] | None:
    """The demo steps a benchmark needs (() for all of them), or None when it needs none."""
    return getattr(benchmark, WORLD_ATTRIBUTE, None)


def world_loader() -> Callable[..., None]:
    """The world loader an installed app declares (`careloop_world` on its AppConfig)."""
    for config in apps.get_app_configs():
        path = getattr(config, WORLD_ATTRIBUTE, None)
        if path:
            return import_string(path)
    raise LookupError(
        "A benchmark needs the demo world, but no installed app declares careloop_world "
        "(careloop.demo does: is it in INSTALLED_APPS?)"
    )


def load_world(benchmark: Benchmark, log: Callable[[str], None] = lambda line: None) -> None:
    """Load what the benchmark needs (idempotent: a world already there is left as it is)."""
    steps = world_needed(benchmark)
    if steps is not None:
        world_loader()(log=log, only=steps)
