"""Accessible SVG for comparing one organisation with others (pages and PDFs alike).

`series_svg`: one organisation's yearly figures against a reference line (the England
median) and a shaded range (its comparator group's lowest to highest). `strip_svg`: every
organisation's figure in one year as a dot, the one of interest and its group highlighted.
Both are role="img" with a <title> and a <desc> summary; pages show a data table beside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import svg
from .formatting import fmt

HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 320, 64.0, 40.0, 56.0, 48.0


@dataclass(frozen=True)
class YearValue:
    label: str
    value: float | None
    reference: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Dot:
    label: str
    value: float
    kind: str  # "self" | "group" | ""


def _open(title: str, desc: str, width: int, height: int, prefix: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="{svg.FONT}" font-size="14">',
        svg.element("title", title, id=f"{prefix}-title"),
        svg.element("desc", desc, id=f"{prefix}-desc"),
    ]


def _axis(ticks: list[float], y, width: int, out: list[str]) -> None:
    for tick in ticks:
        out.append(
            svg.element("line", x1=LEFT, x2=width - RIGHT, y1=y(tick), y2=y(tick),
                        stroke=svg.MID_GREY, stroke_width=0.5)
        )  # fmt: skip
        out.append(
            svg.element("text", svg.tick_label(tick, ticks), x=LEFT - 8, y=y(tick) + 4,
                        text_anchor="end", fill=svg.BLACK)
        )  # fmt: skip


def _scale(values: list[float], height: int):
    ticks = svg.nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return TOP + (height - TOP - BOTTOM) * (1 - (value - low) / span)

    return ticks, y


def _legend(items: Sequence[tuple[str, str]], out: list[str]) -> None:
    x = LEFT
    for colour, text in items:
        out.append(svg.element("rect", x=x, y=14, width=14, height=14, fill=colour))
        out.append(svg.element("text", text, x=x + 20, y=26, fill=svg.BLACK))
        x += 34 + svg.text_width(text, 14)


def series_svg(
    points: Sequence[YearValue],
    *,
    title: str,
    name: str,
    reference_name: str = "England median",
    range_name: str = "similar councils' range",
    decimals: int = 1,
    width: int = 800,
    prefix: str = "series",
) -> str:
    known = [v for p in points for v in (p.value, p.reference, p.low, p.high) if v is not None]
    described = "; ".join(
        f"{p.label}: {fmt(p.value, decimals) if p.value is not None else 'no figure'}"
        + (f" (median {fmt(p.reference, decimals)})" if p.reference is not None else "")
        for p in points
    )
    out = _open(title, f"{name} by year against the {reference_name}. {described}.", width,
                HEIGHT, prefix)  # fmt: skip
    if not known:
        out.append("</svg>")
        return "".join(out)
    ticks, y = _scale(known, HEIGHT)
    n = len(points)
    step = (width - LEFT - RIGHT) / max(1, n - 1) if n > 1 else 0.0

    def x(i: int) -> float:
        return LEFT + step * i if n > 1 else (LEFT + width - RIGHT) / 2

    _axis(ticks, y, width, out)
    band = [(x(i), p.low, p.high) for i, p in enumerate(points) if p.low is not None]
    if len(band) > 1:
        upper = " ".join(f"{svg.num(a)},{svg.num(y(h))}" for a, _, h in band if h is not None)
        lower = " ".join(f"{svg.num(a)},{svg.num(y(lo))}" for a, lo, _ in reversed(band))
        out.append(svg.element("polygon", points=f"{upper} {lower}", fill="#dbe7f3"))
    for key, colour, dash in (("reference", svg.DARK_GREY, "6 4"), ("value", svg.BLUE, None)):
        line = [(x(i), getattr(p, key)) for i, p in enumerate(points)]
        pts = " ".join(f"{svg.num(a)},{svg.num(y(v))}" for a, v in line if v is not None)
        out.append(svg.element("polyline", points=pts, fill="none", stroke=colour,
                               stroke_width=2.5, stroke_dasharray=dash))  # fmt: skip
    for i, p in enumerate(points):
        if p.value is not None:
            out.append(svg.marker("circle", x(i), y(p.value), svg.BLUE))
        out.append(svg.element("text", p.label, x=x(i), y=HEIGHT - 20, text_anchor="middle",
                               fill=svg.BLACK))  # fmt: skip
    _legend(((svg.BLUE, name), (svg.DARK_GREY, reference_name), ("#dbe7f3", range_name)), out)
    out.append("</svg>")
    return "".join(out)


def strip_svg(
    dots: Sequence[Dot],
    *,
    title: str,
    name: str,
    decimals: int = 1,
    width: int = 800,
    prefix: str = "strip",
) -> str:
    """Every organisation's figure as a dot along one axis (sorted), this one highlighted."""
    height = 200
    me = next((d for d in dots if d.kind == "self"), None)
    summary = (
        f"{len(dots)} councils from {fmt(min(d.value for d in dots), decimals)} to "
        f"{fmt(max(d.value for d in dots), decimals)}"
        if dots
        else "No figures"
    )
    if me is not None:
        place = 1 + sum(1 for d in dots if d.value > me.value)
        summary += f"; {name}: {fmt(me.value, decimals)}, {place} of {len(dots)} from the top"
    out = _open(title, summary + ".", width, height, prefix)
    if dots:
        ticks = svg.nice_ticks(min(d.value for d in dots), max(d.value for d in dots))
        low, high = ticks[0], ticks[-1]
        span = (high - low) or 1.0

        def x(value: float) -> float:
            return LEFT + (width - LEFT - RIGHT) * (value - low) / span

        for tick in ticks:
            out.append(svg.element("text", svg.tick_label(tick, ticks), x=x(tick), y=height - 16,
                                   text_anchor="middle", fill=svg.BLACK))  # fmt: skip
        style = {"self": (svg.ORANGE, 8.0, 100), "group": (svg.BLUE, 6.0, 110), "": (
            svg.MID_GREY, 4.0, 120)}  # fmt: skip
        for kind in ("", "group", "self"):
            colour, size, row = style[kind]
            for d in dots:
                if d.kind == kind:
                    out.append(svg.marker("circle", x(d.value), row, colour, size=size))
        _legend(((svg.ORANGE, name), (svg.BLUE, "similar councils"), (svg.MID_GREY, "others")),
                out)  # fmt: skip
    out.append("</svg>")
    return "".join(out)
