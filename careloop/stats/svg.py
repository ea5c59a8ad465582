"""Small helpers for writing SVG by hand: escaping, scales, ticks, shapes."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

# GOV.UK Design System colours. Text uses BLACK or DARK_GREY (7:1 or better on white).
BLACK = "#0b0c0c"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"
WHITE = "#ffffff"
BLUE = "#1d70b8"
ORANGE = "#f47738"
PURPLE = "#4c2c92"
GREEN = "#00703c"
FONT = "Arial, Helvetica, sans-serif"


def attrs(**values: object) -> str:
    """Attributes from keyword arguments; '_' becomes '-', None is skipped, values escaped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = num(value)
        parts.append(f"{name}={quoteattr(str(value))}")
    return " ".join(parts)


def num(value: float) -> str:
    """Coordinates to 2 dp without trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def element(tag: str, body: str | None = None, **values: object) -> str:
    """One element; body is escaped text."""
    opening = f"<{tag} {attrs(**values)}".rstrip()
    if body is None:
        return opening + "/>"
    return f"{opening}>{escape(body)}</{tag}>"


def chart_start(
    width: float, height: float, *, title: str, desc: str, id_prefix: str, class_: str, font_size
) -> list[str]:
    """An accessible chart's opening: the <svg> (an image labelled by its <title> and <desc>,
    which screen readers read) and its white background."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f"{attrs(viewBox=f'0 0 {width} {height}', role='img', class_=class_)} "
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="{FONT}" font-size="{font_size}">',
        element("title", title, id=f"{id_prefix}-title"),
        element("desc", desc, id=f"{id_prefix}-desc"),
        element("rect", x=0, y=0, width=width, height=height, fill=WHITE),
    ]


def text_width(text: str, size: float) -> float:
    """Rough rendered width of text in a sans-serif font."""
    return len(text) * size * 0.56


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values covering low .. high."""
    if high <= low:  # a flat series: centre it
        half = abs(low) * 0.1 or 1.0
        low, high = low - half, high + half
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def tick_label(value: float, ticks: list[float]) -> str:
    """Tick text with just enough decimals for the step."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if step < 1 and round(step * 10**decimals) % 1:
        decimals += 1
    if decimals == 0 and not float(step).is_integer():
        decimals = 1
    return f"{value:,.{decimals}f}"


def marker(shape: str, x: float, y: float, fill: str, size: float = 5.0, **extra: object) -> str:
    """A point marker: circle, diamond, square or triangle, outlined in black for contrast."""
    common = {"fill": fill, "stroke": BLACK, "stroke_width": 1, **extra}
    if shape == "circle":
        return element("circle", None, cx=x, cy=y, r=size * 0.9, **common)
    if shape == "square":
        s = size * 0.85
        return element("rect", None, x=x - s, y=y - s, width=2 * s, height=2 * s, **common)
    if shape == "diamond":
        s = size * 1.2
        corners = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        pts = " ".join(f"{num(a)},{num(b)}" for a, b in corners)
        return element("polygon", None, points=pts, **common)
    s = size * 1.15
    pts = f"{num(x)},{num(y - s)} {num(x + s)},{num(y + s * 0.8)} {num(x - s)},{num(y + s * 0.8)}"
    return element("polygon", None, points=pts, **common)


def spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Nudge label positions apart by at least `gap`, keeping their order, within low .. high."""
    if not positions:
        return []
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - high
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    placed = [max(low, p) for p in placed]
    out = [0.0] * len(positions)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out
