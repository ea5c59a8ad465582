"""Number formatting for plain-English findings and chart text."""

from __future__ import annotations

import math


def fmt(value: float | None, decimals: int = 1) -> str:
    """A number with thousands separators, e.g. 1,234.5; whole numbers stay whole when dp=0."""
    if value is None:
        return "not available"
    if math.isinf(value):
        return "infinite" if value > 0 else "minus infinity"
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    return text


def fmt_value(value: float, decimals: int = 1) -> str:
    """A data value: whole numbers without decimals, others to `decimals` places."""
    if float(value).is_integer():
        return fmt(value, 0)
    return fmt(value, decimals)


def fmt_range(low: float, high: float, decimals: int = 2) -> str:
    """An interval: '0.24–0.59', or '-3.1 to 2.0' when a bound is negative."""
    lo, hi = fmt(low, decimals), fmt(high, decimals)
    if low < 0 or high < 0 or math.isinf(high):
        return f"{lo} to {hi}"
    return f"{lo}\u2013{hi}"


def fmt_p(p: float) -> str:
    """A p-value as usually reported: p < 0.001 or p = 0.042."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 month', '3 months'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
