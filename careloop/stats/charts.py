"""Accessible, server-rendered SVG for XmR charts (web pages and WeasyPrint PDFs alike)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import chart_parts as parts
from . import svg
from .chart_parts import FONT_SIZE, STYLE, ChartMarker, Frame
from .formatting import fmt, fmt_value
from .spc_text import describe_spc, point_rule_labels
from .spc_types import SpcResult, Variation

__all__ = ["ChartMarker", "ChartRow", "TABLE_HEADERS", "xmr_svg", "chart_table"]

TABLE_HEADERS = ("Period", "Value", "Mean", "Lower limit", "Upper limit", "Variation", "Rules")
VARIATION_TEXT = {
    Variation.IMPROVEMENT: "Improvement",
    Variation.CONCERN: "Concern",
    Variation.COMMON_CAUSE: "Common cause",
    Variation.NEITHER: "Special cause (neither better nor worse)",
    Variation.NO_LIMITS: "No limits (too few points)",
}


@dataclass(frozen=True)
class ChartRow:
    """One row of the chart's data-table alternative, formatted for a template."""

    period: str
    value: str
    mean: str
    lower: str
    upper: str
    variation: str
    rules: str


def chart_table(result: SpcResult, *, decimals: int = 1) -> tuple[ChartRow, ...]:
    """The data behind the chart as rows (see TABLE_HEADERS), for an HTML or PDF table."""

    def limit(value: float | None) -> str:
        return "not calculated" if value is None else fmt(value, decimals)

    return tuple(
        ChartRow(
            period=p.period,
            value=fmt_value(p.value, decimals),
            mean=fmt(p.mean, decimals),
            lower=limit(p.lower),
            upper=limit(p.upper),
            variation=VARIATION_TEXT[p.variation],
            rules="; ".join(point_rule_labels(p, result.options)) or "none",
        )
        for p in result.points
    )


def xmr_svg(
    result: SpcResult,
    *,
    title: str,
    y_label: str = "",
    x_label: str = "",
    markers: Sequence[ChartMarker] = (),
    show_near_limits: bool = False,
    width: int = 800,
    height: int = 400,
    id_prefix: str = "spc",
    decimals: int = 1,
    description: str | None = None,
) -> str:
    """The chart as an SVG string: role="img" with a <title> and a text-summary <desc>."""
    points = result.points
    n = len(points)
    legend, legend_bottom = parts.legend(result, show_near_limits, width)
    top = legend_bottom + 44
    frame_box = (64.0, top, width - 128.0, height - 56.0)
    values = [p.value for p in points]
    for seg in result.segments:
        if limits := seg.limits:
            values += [limits.lower, limits.upper]
    if result.target is not None:
        values.append(result.target)
    headroom = (max(values) - min(values)) * 0.04
    ticks = svg.nice_ticks(min(values) - headroom, max(values) + headroom)
    frame = Frame(n, ticks[0], ticks[-1], frame_box)
    left, right, bottom = frame.left, frame.right, frame.bottom

    desc = description or describe_spc(result, title, decimals=decimals)
    marks = [m for m in markers if 0 <= m.index < n]
    if marks:
        desc += (
            " Marked on the chart: "
            + "; ".join(f"{m.label} (from {points[m.index].period})" for m in marks)
            + "."
        )
    out = [
        *svg.chart_start(
            width,
            height,
            title=title,
            desc=desc,
            id_prefix=id_prefix,
            class_="careloop-spc-chart",
            font_size=FONT_SIZE,
        ),
        *legend,
        '<g class="spc-axes">',
    ]
    for tick in ticks:
        y = frame.y(tick)
        out.append(svg.element("line", x1=left, y1=y, x2=right, y2=y, stroke="#f3f2f1"))
        out.append(
            svg.element(
                "text",
                svg.tick_label(tick, ticks),
                x=left - 6,
                y=y + 4,
                text_anchor="end",
                fill=svg.BLACK,
            )
        )
    out.append(svg.element("line", x1=left, y1=top, x2=left, y2=bottom, stroke=svg.BLACK))
    out.append(svg.element("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=svg.BLACK))
    label_w = max(svg.text_width(p.period, FONT_SIZE) for p in points) + 10
    every = max(1, int(-(-label_w // frame.step))) if n > 1 else 1
    for p in points:
        last_fits = p.index == n - 1 and (n - 1) % every * frame.step >= label_w
        if p.index % every == 0 or last_fits:
            x = frame.x(p.index)
            out.append(svg.element("line", x1=x, y1=bottom, x2=x, y2=bottom + 5, stroke=svg.BLACK))
            out.append(
                svg.element(
                    "text", p.period, x=x, y=bottom + 18, text_anchor="middle", fill=svg.BLACK
                )
            )
    if x_label:
        out.append(
            svg.element(
                "text",
                x_label,
                x=(left + right) / 2,
                y=height - 12,
                text_anchor="middle",
                fill=svg.BLACK,
            )
        )
    if y_label:
        mid = (top + bottom) / 2
        out.append(
            svg.element(
                "text",
                y_label,
                x=16,
                y=mid,
                text_anchor="middle",
                transform=f"rotate(-90 16 {svg.num(mid)})",
                fill=svg.BLACK,
            )
        )
    out.append("</g>")

    out.append('<g class="spc-lines">')
    for seg in result.segments:
        out.append(parts.hline(frame, seg.start, seg.end, seg.mean, "mean", "spc-mean"))
        if limits := seg.limits:
            for value in (limits.lower, limits.upper):
                out.append(parts.hline(frame, seg.start, seg.end, value, "limit", "spc-limit"))
            if show_near_limits:
                for value in (limits.near_lower, limits.near_upper):
                    out.append(
                        parts.hline(frame, seg.start, seg.end, value, "near", "spc-near-limit")
                    )
    if result.target is not None:
        out.append(parts.hline(frame, 0, n, result.target, "target", "spc-target"))
    out.append("</g>")

    out += parts.markers(frame, result, marks)
    if n > 1:
        path = " ".join(f"{svg.num(frame.x(p.index))},{svg.num(frame.y(p.value))}" for p in points)
        out.append(
            svg.element(
                "polyline",
                class_="spc-data-line",
                points=path,
                fill="none",
                stroke=svg.DARK_GREY,
                stroke_width=1.5,
            )
        )
    out.append('<g class="spc-points">')
    for p in points:
        shape, colour, _ = STYLE[p.variation]
        out.append(
            svg.marker(
                shape,
                frame.x(p.index),
                frame.y(p.value),
                colour,
                class_=f"spc-point spc-point--{p.variation.value.replace(' ', '-')}",
                data_period=p.period,
                data_value=fmt_value(p.value, decimals),
            )
        )
    out.append("</g>")
    out += parts.line_labels(frame, result, decimals)
    out.append("</svg>")
    return "\n".join(out)
