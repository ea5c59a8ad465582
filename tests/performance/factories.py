"""Performance test data: councils and figures built row by row."""

from __future__ import annotations

from careloop.performance.models import Council, Figure, Measure


def council(code: str, name: str = "", **extra) -> Council:
    return Council.objects.create(code=code, name=name or f"Council {code}", **extra)


def figures(measure_code: str, period: str, values: dict[str, float | None]) -> None:
    """values: council code -> value (None: not published); councils made as needed."""
    measure = Measure.objects.get(code=measure_code)
    for code, value in values.items():
        target = Council.objects.filter(code=code).first() or council(code)
        Figure.objects.create(council=target, measure=measure, period=period, value=value)


def code(n: int) -> str:
    return f"E06{n:06d}"
