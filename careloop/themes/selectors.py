"""Reads for the themes pages, the home page, other areas and the API.

The dashboard reads pre-aggregated counts (`MonthlyCount`) when at most two filters are set
(an equality group is one), and the classification rows (indexed copies of the feedback
fields) when more are. Either way a page costs a handful of small queries and no work per
feedback item. Restricted feedback counts only for people who may see it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import reverse

from careloop.core.areas import Figure, WorkItem
from careloop.core.permissions import can
from careloop.feedback.models import EqualityMonitoring, Feedback
from careloop.themes import series as S
from careloop.themes.aggregates import DIMS, EQUALITY, slice_key
from careloop.themes.models import (
    Classification,
    ClassificationRun,
    CommentFlag,
    FeedbackTheme,
    FrameworkVersion,
    ModelVersion,
    MonthlyCount,
    Signal,
    Theme,
)

MIN_GROUP = 10  # equality groups smaller than this are not shown
SLICE_FILTERS = ("kind", "service", "team", "provider", "sentiment")


def with_restricted(user) -> bool:
    return can(user, Feedback.restricted_perm)


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
        model_field = EqualityMonitoring._meta.get_field(name)
        label = str(model_field.verbose_name)
        label = label[0].upper() + label[1:]
        groups.append((label, [(f"{name}:{value}", text) for value, text in model_field.choices]))
    return groups


def equality_label(pair: tuple[str, str]) -> str:
    name, value = pair
    model_field = EqualityMonitoring._meta.get_field(name)
    return f"{model_field.verbose_name}: {dict(model_field.choices).get(value, value)}"


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


# --- The comments behind a count, and comment search ---------------------------------------------
def comments(
    user,
    filters: Filters,
    *,
    theme: Theme | None = None,
    month: dt.date | None = None,
    query: str = "",
    flag: str = "",
    untagged: bool = False,
):
    """The feedback behind a count, as `user` may see it (never narrowed by equality group:
    equality answers are only ever reported in aggregate)."""
    months = [month] if month else filters.month_list()
    first, last = months[0], S.add_months(months[-1], 1)
    qs = Feedback.objects.visible_to(user).filter(received_on__gte=first, received_on__lt=last)
    if not with_restricted(user):
        qs = qs.filter(is_restricted=False)
    for name in ("kind", "service", "team", "provider"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{DIMS[name]: value})
    if filters.sentiment:
        qs = qs.filter(classification__sentiment=filters.sentiment)
    if theme is not None:
        # the month range on the link's own copy lets PostgreSQL start from the few links of
        # this theme in these months (index theme, month, counted), not from every feedback item
        qs = qs.filter(
            Exists(
                FeedbackTheme.objects.filter(
                    feedback_id=OuterRef("pk"),
                    theme=theme,
                    counted=True,
                    month__gte=first,
                    month__lt=last,
                )
            )
        )
    if untagged:
        qs = qs.exclude(
            Exists(FeedbackTheme.objects.filter(feedback_id=OuterRef("pk"), counted=True))
        )
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(text__icontains=query) | Q(summary__icontains=query) | Q(reference__iexact=query)
        )
    if flag in CommentFlag.Kind.values:
        qs = qs.filter(
            Exists(
                CommentFlag.objects.filter(
                    feedback_id=OuterRef("pk"), kind=flag, resolved_at__isnull=True
                )
            )
        )
    return qs.select_related("classification", "service", "provider").order_by(
        "-received_on", "-id"
    )


def with_themes(items) -> list:
    """Attach each item's counted theme links and open flags (for a page of comments)."""
    items = list(items)
    ids = [f.pk for f in items]
    links: dict[int, list[FeedbackTheme]] = defaultdict(list)
    for link in (
        FeedbackTheme.objects.filter(feedback_id__in=ids, counted=True)
        .select_related("theme")
        .order_by("-confidence")
    ):
        links[link.feedback_id].append(link)
    flags: dict[int, list[CommentFlag]] = defaultdict(list)
    for flag in CommentFlag.objects.filter(feedback_id__in=ids, resolved_at__isnull=True):
        flags[flag.feedback_id].append(flag)
    for item in items:
        item.theme_list = links.get(item.pk, [])
        item.open_flags = flags.get(item.pk, [])
    return items


# --- One feedback record -------------------------------------------------------------------------
@dataclass
class Panel:
    feedback: Feedback
    classification: Classification | None
    links: list[FeedbackTheme]
    removed: list[FeedbackTheme]
    flags: list[CommentFlag]

    @property
    def pending(self) -> bool:
        return (
            self.classification is None
            or self.classification.classified_at is None
            and (not self.classification.reviewed_at)
        )


def panel(feedback: Feedback) -> Panel:
    item = (
        Classification.objects.filter(feedback=feedback)
        .select_related("model_version", "reviewed_by")
        .first()
    )
    links = list(
        FeedbackTheme.objects.filter(feedback=feedback)
        .select_related("theme", "model_version", "decided_by")
        .order_by("-confidence", "theme__name")
    )
    return Panel(
        feedback=feedback,
        classification=item,
        links=[link for link in links if link.status != FeedbackTheme.Status.REJECTED],
        removed=[link for link in links if link.status == FeedbackTheme.Status.REJECTED],
        flags=list(
            CommentFlag.objects.filter(feedback=feedback, resolved_at__isnull=True).select_related(
                "flagged_by"
            )
        ),
    )


# --- Signals -------------------------------------------------------------------------------------
def signals(user, *, month: dt.date | None = None, since: dt.date | None = None):
    """Signals the person may see: for one month, or every month from `since`."""
    qs = Signal.objects.filter(with_restricted=with_restricted(user)).select_related("theme")
    if month:
        qs = qs.filter(month=month)
    if since:
        qs = qs.filter(month__gte=since)
    return qs.order_by("-month", "variation", "label")


def new_signals(
    *, since: dt.date | None = None, until: dt.date | None = None, user=None
) -> list[Signal]:
    """Signals in the last complete month first seen between two dates, for other areas (the
    QA meeting agenda).

    Without a user, only counts without restricted feedback are used."""
    audience = with_restricted(user) if user is not None else False
    qs = Signal.objects.filter(with_restricted=audience, month=S.last_complete_month())
    if since:
        qs = qs.filter(first_seen_at__date__gte=since)
    if until:
        qs = qs.filter(first_seen_at__date__lte=until)
    return list(qs.select_related("theme").order_by("variation", "label"))


@dataclass(frozen=True)
class Subject:
    theme: str
    confirmed: int
    suggested: int

    @property
    def total(self) -> int:
        return self.confirmed + self.suggested


def complaint_subjects(start: dt.date, end: dt.date) -> tuple[list[Subject], int]:
    """The themes of the statutory complaints received from `start` to `end` (inclusive),
    most common first: how many complaints have each theme confirmed by a person and how many
    only suggested by the classifier; and how many complaints have no theme yet. Figures for
    the annual report: counts only, so restricted complaints are included."""
    complaints = Feedback.objects.filter(
        kind=Feedback.Kind.COMPLAINT, received_on__gte=start, received_on__lte=end
    )
    links = FeedbackTheme.objects.filter(
        feedback__in=complaints, status__in=FeedbackTheme.COUNTED, counted=True
    )
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = links.values_list("theme__name", "status").annotate(n=Count("feedback")).order_by()
    for name, status, n in rows:
        found[name][0 if status == FeedbackTheme.Status.CONFIRMED else 1] += n
    subjects = [Subject(name, c, s) for name, (c, s) in found.items()]
    subjects.sort(key=lambda row: (-row.total, row.theme))
    unthemed = complaints.exclude(pk__in=links.values("feedback_id")).count()
    return subjects, unthemed


# --- Classifier ----------------------------------------------------------------------------------
def review_progress() -> dict:
    return {
        "classified": Classification.objects.filter(live=True, classified_at__isnull=False).count(),
        "reviewed": Classification.objects.filter(live=True, reviewed_at__isnull=False).count(),
        "waiting": Feedback.objects.filter(classification__isnull=True).count(),
    }


def latest_runs(limit: int = 10):
    return ClassificationRun.objects.select_related("model_version", "requested_by")[:limit]


def framework_changed_since_model() -> bool:
    version = ModelVersion.active()
    current = sorted(Theme.objects.active().values_list("key", flat=True))
    return version is not None and sorted(version.theme_keys) != current


# --- Home page and other areas -------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    items = []
    if can(user, "themes.review"):
        wrong = CommentFlag.objects.filter(kind=CommentFlag.Kind.WRONG, resolved_at__isnull=True)
        visible = Feedback.objects.visible_to(user)
        for flag in wrong.filter(feedback__in=visible).select_related("feedback")[:10]:
            items.append(
                WorkItem(
                    title=f"Check the themes of {flag.feedback.reference}",
                    url=reverse("themes:feedback", args=[flag.feedback_id]),
                    area="Themes",
                    kind="Flagged as wrongly themed",
                )
            )
    return items


def headlines(user) -> list[Figure]:
    month = S.last_complete_month()
    latest = Signal.objects.filter(with_restricted=with_restricted(user), month=month)
    concerns = latest.filter(variation="concern").count()
    improvements = latest.filter(variation="improvement").count()
    return [
        Figure(
            label=f"Theme signals of concern in {month:%B %Y}",
            value=concerns,
            url=reverse("themes:signals"),
        ),
        Figure(
            label=f"Theme signals of improvement in {month:%B %Y}",
            value=improvements,
            url=reverse("themes:signals"),
        ),
    ]


def framework_versions():
    return FrameworkVersion.objects.select_related("created_by")
