"""A horizontal bar chart as accessible SVG (for the annual report's breakdowns), drawn with
careloop.stats' SVG helpers so it looks like the SPC charts in pages and PDFs alike."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from careloop.stats import svg

ROW, LABEL_W, WIDTH, FONT = 28, 300, 760, 12


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str, id_prefix: str) -> SafeString:
    """`rows` are (label, value); the chart has a <title> and a <desc> listing every value,
    and a data table goes beside it in the template."""
    rows = [(str(label), float(value)) for label, value in rows]
    top = max((v for _, v in rows), default=0) or 1
    height = 20 + ROW * max(1, len(rows))
    desc = "; ".join(f"{label}: {value:g}" for label, value in rows) or "No data"
    out = svg.chart_start(
        WIDTH,
        height,
        title=title,
        desc=desc,
        id_prefix=id_prefix,
        class_="careloop-bar-chart",
        font_size=FONT,
    )
    span = WIDTH - LABEL_W - 60
    for i, (label, value) in enumerate(rows):
        y = 10 + i * ROW
        shown = label if svg.text_width(label, FONT) < LABEL_W - 10 else label[:44] + "…"
        out.append(
            svg.element("text", shown, x=LABEL_W - 8, y=y + 17, text_anchor="end", fill=svg.BLACK)
        )
        width = max(1.0, span * value / top) if value else 0.0
        out.append(
            svg.element("rect", x=LABEL_W, y=y + 4, width=width, height=ROW - 10, fill=svg.BLUE)
        )
        out.append(
            svg.element("text", f"{value:g}", x=LABEL_W + width + 6, y=y + 17, fill=svg.BLACK)
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text is escaped by svg.element
