"""Pre-aggregated monthly counts, so dashboards and charts never count a million rows.

`MonthlyCount` holds, per month and theme (0 = all feedback), the number of feedback items in
each slice: all, one kind, one service, one team, one provider, one sentiment, and every pair
of those (complaints about one service, negative comments about one provider: `dim`
"kind+service", `value` "complaint+3"); split by restriction so that people who may not see
restricted feedback get counts without it. An item counts in at most 16 slices, plus, for
each of its equality monitoring answers, the group on its own (`dim` "equality", `value`
"ethnicity:asian") and crossed with each slice ("equality+kind", "ethnicity:asian+complaint").

Equality answers are not copied anywhere: whoever builds deltas for some feedback loads the
answers it has now (`Deltas.for_feedback`), and a change of answers moves the counts of the
feedback's current themes from the old groups to the new (receivers.py).

The counts change by deltas as feedback is classified, reviewed and edited (`apply`), in the
same transaction as the change; `rebuild` recomputes everything from the rows (nightly, and
after bulk changes), so any drift is repaired.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations

from django.db import connection, transaction

from careloop.feedback.models import EqualityMonitoring
from careloop.themes.models import Classification, FeedbackTheme, MonthlyCount

ALL = "all"
EQUALITY = "equality"
# slice name -> the field on Classification / FeedbackTheme it is taken from
DIMS = {
    "kind": "kind",
    "service": "service_id",
    "team": "team_id",
    "provider": "provider_id",
    "sentiment": "sentiment",
}
PAIRS = {f"{a}+{b}": (a, b) for a, b in combinations(DIMS, 2)}
ORDER = (EQUALITY, *DIMS)  # the order of the parts of a combined slice
Key = tuple[str, str, int, dt.date, bool]  # dim, value, theme, month, restricted


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def slice_key(chosen: Mapping[str, object]) -> tuple[str, str]:
    """The (dim, value) of the slice narrowed to `chosen` ({dim: value}, at most two; the
    dims of DIMS, and "equality" with a group such as "ethnicity:asian")."""
    names = [dim for dim in ORDER if chosen.get(dim) not in (None, "")]
    if len(names) > 2:
        raise ValueError("Counts are kept for at most two slices at once")
    if not names:
        return ALL, ""
    return "+".join(names), "+".join(str(chosen[dim]) for dim in names)


def slices(values: dict, groups: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The (dim, value) slices one item counts in: all, each of its fields, each pair, and
    each of its equality groups alone and with each field."""
    present = {dim: values.get(name) for dim, name in DIMS.items()}
    present = {dim: value for dim, value in present.items() if value not in (None, "")}
    out = [(ALL, "")]
    out += [slice_key({dim: value}) for dim, value in present.items()]
    out += [slice_key({a: present[a], b: present[b]}) for a, b in combinations(present, 2)]
    for group in groups:
        out.append(slice_key({EQUALITY: group}))
        out += [slice_key({EQUALITY: group, dim: value}) for dim, value in present.items()]
    return out


def groups_of(answers) -> list[str]:
    """The equality groups ("ethnicity:asian") of one set of answers (a record or a dict)."""
    get = answers.get if isinstance(answers, dict) else lambda name: getattr(answers, name)
    return [f"{name}:{get(name)}" for name in EqualityMonitoring.FIELDS if get(name)]


def equality_groups(feedback_ids: Iterable[int]) -> dict[int, list[str]]:
    rows = EqualityMonitoring.objects.filter(feedback_id__in=list(feedback_ids))
    return {row["feedback_id"]: groups_of(row) for row in rows.values()}


def _keys(row, theme: int, groups: Iterable[str]) -> list[Key]:
    values = {name: getattr(row, name) for name in DIMS.values()}
    return [(d, v, theme, row.month, row.restricted) for d, v in slices(values, groups)]


class Deltas(Counter):
    """Changes to counts, collected and then applied in one go. `groups` holds the equality
    groups of the feedback the changes are about ({feedback id: ["ethnicity:asian", ...]})."""

    def __init__(self, groups: dict[int, list[str]] | None = None):
        super().__init__()
        self.groups = groups or {}

    @classmethod
    def for_feedback(cls, feedback_ids: Iterable[int]) -> Deltas:
        return cls(equality_groups(feedback_ids))

    def add_link(self, link: FeedbackTheme, sign: int = 1, groups=None) -> None:
        if link.counted:
            groups = self.groups.get(link.feedback_id, ()) if groups is None else groups
            for key in _keys(link, link.theme_id, groups):
                self[key] += sign

    def add_item(self, item: Classification, sign: int = 1, groups=None) -> None:
        if item.live:
            groups = self.groups.get(item.feedback_id, ()) if groups is None else groups
            for key in _keys(item, 0, groups):
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


def _count_sql(model, *, theme: bool, live: str, dims: tuple[str, ...] = (), answer: str = ""):
    """One INSERT … SELECT that counts the rows of `model` for one slice dimension: all
    (no `dims`), one field or a pair; with `answer`, the groups of that equality monitoring
    answer, alone or with one field."""
    table = model._meta.db_table
    columns = [f"t.{DIMS[dim]}" for dim in dims]
    where = [f"t.{live}"]
    for dim in dims:
        text = model._meta.get_field(DIMS[dim]).get_internal_type() == "CharField"
        where.append(f"t.{DIMS[dim]} <> ''" if text else f"t.{DIMS[dim]} IS NOT NULL")
    parts = [f"CAST({column} AS TEXT)" for column in columns]
    join = ""
    if answer:
        join = f" JOIN {EqualityMonitoring._meta.db_table} e ON e.feedback_id = t.feedback_id"
        where.append(f"e.{answer} <> ''")
        columns, parts = [f"e.{answer}", *columns], [f"%s || e.{answer}", *parts]
    value = " || '+' || ".join(parts) or "''"
    group = ["t.month", "t.restricted", *columns] + (["t.theme_id"] if theme else [])
    dim = slice_key(dict.fromkeys((EQUALITY, *dims) if answer else dims, "x"))[0]
    # names only from the models and DIMS, never from input; the values are parameters
    sql = (
        "INSERT INTO themes_monthlycount (dim, value, theme, month, restricted, count) "  # noqa: S608
        f"SELECT %s, {value}, {'t.theme_id' if theme else '0'}, t.month, t.restricted, COUNT(*) "
        f"FROM {table} t{join} WHERE {' AND '.join(where)} GROUP BY {', '.join(group)}"
    )
    return sql, [dim, f"{answer}:"] if answer else [dim]


@transaction.atomic
def rebuild() -> int:
    """Recompute every count from the classification rows; returns the number of counts."""
    MonthlyCount.objects.all().delete()
    every = [(), *((dim,) for dim in DIMS), *PAIRS.values()]
    with connection.cursor() as cursor:
        for model, theme, live in (
            (FeedbackTheme, True, "counted"),
            (Classification, False, "live"),
        ):
            for dims in every:
                cursor.execute(*_count_sql(model, theme=theme, live=live, dims=dims))
            for answer in EqualityMonitoring.FIELDS:
                for dims in [(), *((dim,) for dim in DIMS)]:
                    sql = _count_sql(model, theme=theme, live=live, dims=dims, answer=answer)
                    cursor.execute(*sql)
    return MonthlyCount.objects.count()
