"""Helpers for `careloop bench`: each app's `bench.py` lists BENCHMARKS, callables taking
`repeat` and yielding measures (dicts) made with `measure()` or `timed_requests()`."""

from __future__ import annotations

import statistics
import time


def measure(name: str, runs: list[float], unit: str, **extra) -> dict:
    """One result line: the median of the runs, with the runs themselves."""
    return {
        "measure": name,
        "value": round(statistics.median(runs), 3),
        "unit": unit,
        "runs": [round(r, 3) for r in runs],
        **extra,
    }


def timed_requests(name: str, client, path: str, *, repeat: int, requests: int = 50):
    """Median and 95th percentile response time of `requests` GETs, over `repeat` runs."""
    medians, p95s = [], []
    client.get(path)  # warm up
    for _ in range(repeat):
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
        times.sort()
        medians.append(statistics.median(times))
        p95s.append(times[int(0.95 * (len(times) - 1))])
    yield measure(f"{name}.median", medians, "ms", path=path)
    yield measure(f"{name}.p95", p95s, "ms", path=path)
