"""Plain-English findings from a council's standing on a measure: plain logic, no Django.

Every clause is a number the standing holds: above or below the England median (or at it),
the rank among similar councils only for a measure with a direction, a change only with the
year it is measured from, and whether the latest change is beyond year-to-year noise only
when the series is long enough to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from careloop.stats.formatting import fmt

from .compare import BEYOND, CANNOT, NONE, Standing

UNIT_SUFFIX = {"percent": "%", "score": "", "rate": " per 100,000"}


@dataclass(frozen=True)
class Described:
    """How to write a measure's figures: its name and unit."""

    name: str
    unit: str  # percent | score | rate
    polarity: str
    decimals: int = 1


def figure(value: float, measure: Described) -> str:
    return f"{fmt(value, measure.decimals)}{UNIT_SUFFIX.get(measure.unit, '')}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _moved(now: float, then: float, measure: Described) -> str:
    if round(now, measure.decimals) == round(then, measure.decimals):
        return "stayed at"
    return "risen from" if now > then else "fallen from"


def finding(standing: Standing, council: str, measure: Described) -> str:
    """One paragraph about the council's figure, e.g. "In 2022-23, Staffordshire's ease of
    finding information was 64.2%: below the England median (67.5%) and 13th of 16 similar
    councils. It has fallen from 73.6% in 2015-16." """
    s = standing
    if s.value is None:
        return f"{council} has no published figure for {measure.name} in {s.year}."
    parts = [f"In {s.year}, {council}'s {measure.name} was {figure(s.value, measure)}"]
    where = []
    if s.england_median is not None:
        rounded = round(s.value, measure.decimals) - round(s.england_median, measure.decimals)
        side = "at" if rounded == 0 else ("above" if rounded > 0 else "below")
        where.append(f"{side} the England median ({figure(s.england_median, measure)})")
    if s.group_rank is not None and s.group_size and s.group_size > 1:
        where.append(f"{ordinal(s.group_rank)} of {s.group_size} similar councils")
    text = parts[0] + (": " + " and ".join(where) if where else "") + "."
    if s.england_quartile == 4:
        text += " It is in the bottom quarter of English councils."
    elif s.england_quartile == 1:
        text += " It is in the top quarter of English councils."
    if s.first_year is not None and s.first_value is not None:
        moved = _moved(s.value, s.first_value, measure)
        text += f" It has {moved} {figure(s.first_value, measure)} in {s.first_year}."
    if s.previous_year is not None and s.previous_value is not None:
        if s.noise == CANNOT:
            text += (
                f" Whether the change since {s.previous_year} is more than year-to-year noise "
                "cannot be concluded: the series is too short."
            )
        elif s.noise == BEYOND:
            better = _better(s.value - s.previous_value, measure.polarity)
            how = f", {better}" if better else ""
            text += f" The change since {s.previous_year} is beyond year-to-year noise{how}."
        else:
            text += f" The change since {s.previous_year} is within year-to-year noise."
    return text


def _better(change: float, polarity: str) -> str:
    if polarity == NONE or change == 0:
        return ""
    improved = change > 0 if polarity == "higher" else change < 0
    return "an improvement" if improved else "a deterioration"
