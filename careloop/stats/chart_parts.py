"""Building blocks of the XmR chart SVG: frame, legend, limit lines, markers, labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import svg
from .formatting import fmt, fmt_value
from .spc_types import SpcResult, Variation

# by Variation (a str enum): marker shape, colour, legend label
STYLE: dict[str, tuple[str, str, str]] = {
    Variation.IMPROVEMENT: ("diamond", svg.BLUE, "Improvement"),
    Variation.CONCERN: ("square", svg.ORANGE, "Concern"),
    Variation.NEITHER: ("triangle", svg.PURPLE, "Special cause (neither better nor worse)"),
    Variation.COMMON_CAUSE: ("circle", svg.DARK_GREY, "Common cause"),
    Variation.NO_LIMITS: ("circle", svg.DARK_GREY, "No limits yet"),
}
FONT_SIZE = 12
LINES = {  # legend label, colour, dash pattern, width
    "mean": ("Mean", svg.BLACK, None, 1.5),
    "limit": ("Process limits", svg.DARK_GREY, "6 4", 1.25),
    "near": ("Near limits", svg.DARK_GREY, "2 3", 1),
    "target": ("Target", svg.GREEN, "10 4 2 4", 1.5),
}


@dataclass(frozen=True)
class ChartMarker:
    """A labelled vertical line before point `index`, e.g. when an intervention began."""

    index: int
    label: str


class Frame:
    """Maps point indices and values to SVG coordinates."""

    def __init__(self, n: int, lo: float, hi: float, box: tuple[float, float, float, float]):
        self.n, self.lo, self.hi = n, lo, hi
        self.left, self.top, self.right, self.bottom = box
        self.pad = 12.0
        span = self.right - self.left - 2 * self.pad
        self.step = span / (n - 1) if n > 1 else span

    def x(self, i: float) -> float:
        if self.n == 1:
            return (self.left + self.right) / 2
        return self.left + self.pad + i * self.step

    def y(self, v: float) -> float:
        return self.top + (self.hi - v) / (self.hi - self.lo) * (self.bottom - self.top)


def legend(result: SpcResult, show_near: bool, width: float) -> tuple[list[str], float]:
    present = {p.variation for p in result.points}
    items: list[tuple[str, str]] = [
        ("point", v) for v in STYLE if v in present and v is not Variation.NO_LIMITS
    ]
    if Variation.NO_LIMITS in present and not items:
        items.append(("point", Variation.NO_LIMITS))
    if result.has_limits:
        items += [("line", "mean"), ("line", "limit")] + ([("line", "near")] if show_near else [])
    if result.target is not None:
        items.append(("line", "target"))
    out, x, y = ['<g class="spc-legend">'], 12.0, 18.0
    for kind, key in items:
        label = STYLE[key][2] if kind == "point" else LINES[key][0]
        item_w = 26 + svg.text_width(label, FONT_SIZE) + 14
        if x + item_w > width - 8 and x > 12:
            x, y = 12.0, y + 20
        if kind == "point":
            shape, colour, _ = STYLE[key]
            out.append(svg.marker(shape, x + 8, y - 4, colour))
        else:
            _, colour, dash, stroke = LINES[key]
            out.append(
                svg.element(
                    "line",
                    x1=x,
                    y1=y - 4,
                    x2=x + 18,
                    y2=y - 4,
                    stroke=colour,
                    stroke_width=stroke,
                    stroke_dasharray=dash,
                )
            )
        out.append(svg.element("text", label, x=x + 24, y=y, fill=svg.BLACK))
        x += item_w
    out.append("</g>")
    return out, y


def hline(frame: Frame, start: int, end: int, value: float, key: str, cls: str) -> str:
    _, colour, dash, stroke = LINES[key]
    half = frame.step / 2 if frame.n > 1 else frame.step / 4
    x1 = max(frame.left, frame.x(start) - half)
    x2 = min(frame.right, frame.x(end - 1) + half)
    y = frame.y(value)
    return svg.element(
        "line",
        class_=cls,
        x1=x1,
        y1=y,
        x2=x2,
        y2=y,
        stroke=colour,
        stroke_width=stroke,
        stroke_dasharray=dash,
    )


def vline_x(frame: Frame, index: int) -> float:
    if frame.n == 1:
        return frame.left + 2
    return min(frame.right - 1, max(frame.left + 1, frame.x(index) - frame.step / 2))


def markers(frame: Frame, result: SpcResult, marks: Sequence[ChartMarker]) -> list[str]:
    found = [(m.index, m.label, "spc-intervention", "4 3") for m in marks]
    found += [(s.start, "Rebased", "spc-rebase", "1 3") for s in result.segments[1:]]
    out = ['<g class="spc-markers">']
    last_end = {0: -1e9, 1: -1e9}
    for index, label, cls, dash in sorted(found):
        x = vline_x(frame, index)
        out.append(
            svg.element(
                "line",
                class_=cls,
                x1=x,
                y1=frame.top - 4,
                x2=x,
                y2=frame.bottom,
                stroke=svg.BLACK,
                stroke_width=1.5,
                stroke_dasharray=dash,
            )
        )
        w = svg.text_width(label, FONT_SIZE)
        start = min(max(4.0, x - w / 2), frame.right + 120 - w)
        row = 0 if start > last_end[0] + 6 else 1
        last_end[row] = start + w
        out.append(
            svg.element(
                "text",
                label,
                class_=f"{cls}-label",
                x=start,
                y=frame.top - 10 - 16 * row,
                fill=svg.BLACK,
            )
        )
    out.append("</g>")
    return out


def line_labels(frame: Frame, result: SpcResult, decimals: int) -> list[str]:
    seg = result.segments[-1]
    items = [(f"Mean {fmt(seg.mean, decimals)}", seg.mean)]
    if limits := seg.limits:
        items += [
            (f"Upper limit {fmt(limits.upper, decimals)}", limits.upper),
            (f"Lower limit {fmt(limits.lower, decimals)}", limits.lower),
        ]
    if result.target is not None:
        items.append((f"Target {fmt_value(result.target, decimals)}", result.target))
    ys = svg.spread([frame.y(v) + 4 for _, v in items], 14, frame.top, frame.bottom + 8)
    out = ['<g class="spc-line-labels">']
    out += [
        svg.element("text", label, x=frame.right + 6, y=y, fill=svg.BLACK)
        for (label, _), y in zip(items, ys, strict=True)
    ]
    out.append("</g>")
    return out
