"""Pre-aggregated monthly counts, so dashboards and charts never count a million rows.

`MonthlyCount` holds, per month and theme (0 = all feedback), the number of feedback items in
each slice: all, one kind, one service, one team, one provider, one sentiment; split by
restriction so that people who may not see restricted feedback get counts without it.

The counts change by deltas as feedback is classified, reviewed and edited (`apply`), in the
same transaction as the change; `rebuild` recomputes everything from the rows (nightly, and
after bulk changes), so any drift is repaired.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count

from careloop.themes.models import Classification, FeedbackTheme, MonthlyCount

ALL = "all"
# slice name -> the field on Classification / FeedbackTheme it is taken from
DIMS = {
    "kind": "kind",
    "service": "service_id",
    "team": "team_id",
    "provider": "provider_id",
    "sentiment": "sentiment",
}
Key = tuple[str, str, int, dt.date, bool]  # dim, value, theme, month, restricted


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def slices(values: dict) -> list[tuple[str, str]]:
    """The (dim, value) slices one item counts in."""
    out = [(ALL, "")]
    for dim, name in DIMS.items():
        value = values.get(name)
        if value not in (None, ""):
            out.append((dim, str(value)))
    return out


def link_keys(link: FeedbackTheme) -> list[Key]:
    values = {name: getattr(link, name) for name in DIMS.values()}
    return [(d, v, link.theme_id, link.month, link.restricted) for d, v in slices(values)]


def classification_keys(item: Classification) -> list[Key]:
    values = {name: getattr(item, name) for name in DIMS.values()}
    return [(d, v, 0, item.month, item.restricted) for d, v in slices(values)]


class Deltas(Counter):
    """Changes to counts, collected and then applied in one go."""

    def add_link(self, link: FeedbackTheme, sign: int = 1) -> None:
        if link.counted:
            for key in link_keys(link):
                self[key] += sign

    def add_item(self, item: Classification, sign: int = 1) -> None:
        if item.live:
            for key in classification_keys(item):
                self[key] += sign


_UPSERT = (
    "INSERT INTO themes_monthlycount (dim, value, theme, month, restricted, count) "
    "VALUES (%s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (dim, value, theme, month, restricted) "
    "DO UPDATE SET count = themes_monthlycount.count + excluded.count"
)


def apply(deltas: Counter) -> None:
    """Add the deltas to the counts (insert or add, in one statement per key)."""
    rows = [(*key, n) for key, n in deltas.items() if n]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(_UPSERT, rows)


def _grouped(qs, theme_field: str | None, dim: str) -> Iterable[MonthlyCount]:
    fields = ["month", "restricted"] + ([theme_field] if theme_field else [])
    if dim != ALL:
        fields.append(DIMS[dim])
    for row in qs.values(*fields).annotate(n=Count("pk")).order_by():
        value = "" if dim == ALL else row[DIMS[dim]]
        if dim != ALL and value in (None, ""):
            continue
        yield MonthlyCount(
            month=row["month"],
            theme=row[theme_field] if theme_field else 0,
            dim=dim,
            value=str(value),
            restricted=row["restricted"],
            count=row["n"],
        )


@transaction.atomic
def rebuild() -> int:
    """Recompute every count from the classification rows; returns the number of counts."""
    MonthlyCount.objects.all().delete()
    total = 0
    links = FeedbackTheme.objects.filter(counted=True)
    items = Classification.objects.filter(live=True)
    for dim in (ALL, *DIMS):
        batch = [*_grouped(links, "theme_id", dim), *_grouped(items, None, dim)]
        MonthlyCount.objects.bulk_create(batch, batch_size=5000)
        total += len(batch)
    return total
