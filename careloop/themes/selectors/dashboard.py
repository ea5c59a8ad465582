"""The dashboard: its filters and the grid of counts by theme and month.

The grid reads pre-aggregated counts (`MonthlyCount`) when at most two filters are set (an
equality group is one), and the classification rows (indexed copies of the feedback fields)
when more are. Either way a page costs a handful of small queries and no work per feedback
item. Restricted feedback counts only for people who may see it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Field, OuterRef, Sum

from careloop.feedback.models import EqualityMonitoring
from careloop.themes import series as S
from careloop.themes.aggregates import DIMS, EQUALITY, slice_key
from careloop.themes.models import Classification, FeedbackTheme, MonthlyCount, Theme
from careloop.themes.selectors.audience import with_restricted

MIN_GROUP = 10  # equality groups smaller than this are not shown
SLICE_FILTERS = ("kind", "service", "team", "provider", "sentiment")


@dataclass
class Filters:
    """What the dashboard and comment lists are narrowed to (validated by the filter form)."""

    end: dt.date | None = None  # last month shown (default: last complete month)
    months: int = 12
    kind: str = ""
    service: str = ""
    team: str = ""
    provider: str = ""
    sentiment: str = ""
    equality: str = ""  # "field:value", e.g. "ethnicity:asian"

    def month_list(self) -> list[dt.date]:
        end = self.end or S.last_complete_month()
        return [S.add_months(end, -i) for i in range(self.months - 1, -1, -1)]

    def previous_months(self) -> list[dt.date]:
        first = self.month_list()[0]
        return [S.add_months(first, -i) for i in range(self.months, 0, -1)]

    @property
    def slices(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SLICE_FILTERS if getattr(self, name)}

    @property
    def equality_pair(self) -> tuple[str, str] | None:
        if not self.equality or ":" not in self.equality:
            return None
        name, value = self.equality.split(":", 1)
        return (name, value) if name in EqualityMonitoring.FIELDS else None


def equality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups = []
    for name in EqualityMonitoring.FIELDS:
        model_field = _equality_field(name)
        label = str(model_field.verbose_name)
        label = label[0].upper() + label[1:]
        options = [(f"{name}:{value}", str(text)) for value, text in model_field.flatchoices]
        groups.append((label, options))
    return groups


def _equality_field(name: str) -> Field:
    model_field = EqualityMonitoring._meta.get_field(name)
    assert isinstance(model_field, Field)  # the answers are plain fields with choices
    return model_field


def equality_label(pair: tuple[str, str]) -> str:
    name, value = pair
    model_field = _equality_field(name)
    return f"{model_field.verbose_name}: {dict(model_field.flatchoices).get(value, value)}"


# --- The dashboard grid --------------------------------------------------------------------------
@dataclass
class Row:
    theme: Theme
    counts: list[int]
    total: int
    previous: int

    @property
    def change(self) -> int:
        return self.total - self.previous

    @property
    def change_percent(self) -> int | None:
        return round(100 * self.change / self.previous) if self.previous else None


@dataclass
class Grid:
    months: list[dt.date]
    rows: list[Row]
    totals: list[int]
    total: int
    previous_total: int
    source: str  # "summary" or "live"
    suppressed: bool = False  # an equality group below the minimum size
    group_size: int | None = None
    categories: list[tuple[str, list[Row]]] = field(default_factory=list)

    @property
    def top(self) -> list[Row]:
        ranked = sorted((r for r in self.rows if r.total), key=lambda r: (-r.total, r.theme.name))
        return ranked[:5]


def _chosen(filters: Filters) -> dict[str, str]:
    """The filters as slices of the counts (an equality group is one too)."""
    pair = filters.equality_pair
    return {**filters.slices, **({EQUALITY: ":".join(pair)} if pair else {})}


def _summary_counts(user, filters: Filters, months: list[dt.date]) -> dict:
    dim, value = slice_key(_chosen(filters))
    qs = MonthlyCount.objects.filter(
        dim=dim, value=value, month__gte=months[0], month__lte=months[-1]
    )
    if not with_restricted(user):
        qs = qs.filter(restricted=False)
    return {
        (theme, month): n
        for theme, month, n in qs.values_list("theme", "month").annotate(n=Sum("count")).order_by()
    }


def _live_filter(qs, user, filters: Filters, months: list[dt.date]):
    qs = qs.filter(month__gte=months[0], month__lte=months[-1])
    for name, value in filters.slices.items():
        qs = qs.filter(**{DIMS[name]: value})
    if not with_restricted(user):
        qs = qs.filter(restricted=False)
    pair = filters.equality_pair
    if pair:
        qs = qs.filter(
            Exists(
                EqualityMonitoring.objects.filter(
                    feedback_id=OuterRef("feedback_id"), **{pair[0]: pair[1]}
                )
            )
        )
    return qs


def _live_counts(user, filters: Filters, months: list[dt.date]) -> dict:
    links = _live_filter(FeedbackTheme.objects.filter(counted=True), user, filters, months)
    items = _live_filter(Classification.objects.filter(live=True), user, filters, months)
    found = {
        (theme, month): n
        for theme, month, n in links.values_list("theme_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    }
    for month, n in items.values_list("month").annotate(n=Count("id")).order_by():
        found[(0, month)] = n
    return found


def grid(user, filters: Filters) -> Grid:
    months = filters.month_list()
    previous = filters.previous_months()
    span = [*previous, *months]
    live = len(_chosen(filters)) > 2
    found = (_live_counts if live else _summary_counts)(user, filters, span)
    in_use = {t.pk: t for t in Theme.objects.select_related("category")}
    theme_ids = {t for t, _ in found if t} | {pk for pk, t in in_use.items() if t.is_active}
    themes = sorted(
        (in_use[pk] for pk in theme_ids if pk in in_use),
        key=lambda t: (t.category.order, t.category.name, t.order, t.name),
    )
    rows = []
    for theme in themes:
        counts = [found.get((theme.pk, m), 0) for m in months]
        before = sum(found.get((theme.pk, m), 0) for m in previous)
        rows.append(Row(theme, counts, sum(counts), before))
    totals = [found.get((0, m), 0) for m in months]
    result = Grid(
        months=months,
        rows=rows,
        totals=totals,
        total=sum(totals),
        previous_total=sum(found.get((0, m), 0) for m in previous),
        source="live" if live else "summary",
    )
    if filters.equality_pair:
        result.group_size = result.total
        if result.total < MIN_GROUP:
            result.suppressed = True
            result.rows = [Row(r.theme, [0] * len(months), 0, 0) for r in rows]
            result.totals = [0] * len(months)
            result.total = result.previous_total = 0
    by_category: dict[str, list[Row]] = defaultdict(list)
    for row in result.rows:
        by_category[row.theme.category.name].append(row)
    result.categories = list(by_category.items())
    return result
