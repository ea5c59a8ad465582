"""The themes dashboard, the comments behind any count, comment search and exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from careloop.core import web
from careloop.core.exports import Column
from careloop.core.permissions import require
from careloop.core.views import paginate
from careloop.themes import selectors
from careloop.themes.forms import SearchForm
from careloop.themes.models import CommentFlag, Theme
from careloop.themes.series import SeriesKey
from careloop.themes.views.common import chart_url, crumbs, filter_form, parse_month


def _heat(count: int, top: int) -> int:
    """A shade 0-4 for a cell (classes, since the page allows no inline styles)."""
    if not count or not top:
        return 0
    return min(4, 1 + int(4 * count / (top + 1)))


@require("themes.view")
def index(request):
    form = filter_form(request)
    filters = form.filters()
    grid = selectors.grid(request.user, filters)
    top = max((max(r.counts) for r in grid.rows if r.counts), default=0)
    for row in grid.rows:
        row.cells = [(m, c, _heat(c, top)) for m, c in zip(grid.months, row.counts, strict=True)]
        key = SeriesKey(row.theme.pk)
        if len(filters.slices) == 1:
            dim, value = next(iter(filters.slices.items()))
            if dim in ("kind", "service", "provider"):
                key = SeriesKey(row.theme.pk, dim, value)
        row.chart_url = chart_url(key)
    return render(
        request,
        "themes/index.html",
        {
            "title": "Themes",
            "form": form if form.is_bound else None,
            "filter_form": form,
            "filters": filters,
            "grid": grid,
            "query": request.GET.urlencode(),
            "changed": selectors.framework_changed_since_model(),
            "equality": filters.equality_pair and selectors.equality_label(filters.equality_pair),
            "min_group": selectors.MIN_GROUP,
            "without_restricted": not selectors.with_restricted(request.user),
        },
    )


@require("themes.view_comments")
def comments(request):
    form = filter_form(request)
    filters = form.filters()
    theme = None
    if request.GET.get("theme"):
        if not request.GET["theme"].isdigit():
            raise Http404
        theme = get_object_or_404(Theme, pk=request.GET["theme"])
    month = parse_month(request.GET.get("month"))
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    flag = request.GET.get("flag", "")
    untagged = request.GET.get("untagged") == "1"
    if filters.equality:
        messages.info(
            request,
            "Comments are never listed by equality group: equality answers are reported only "
            "in aggregate. The list below is not narrowed by equality group.",
        )
    qs = selectors.comments(
        request.user, filters, theme=theme, month=month, query=query, flag=flag, untagged=untagged
    )
    page = paginate(request, qs, per_page=25)
    page["page_obj"].object_list = selectors.with_themes(page["page_obj"].object_list)
    what = []
    if theme:
        what.append(f"about “{theme.name}”")
    if untagged:
        what.append("with no theme")
    if month:
        what.append(f"received in {month:%B %Y}")
    if flag in CommentFlag.Kind.values:
        what.append(f"flagged as {CommentFlag.Kind(flag).label.lower()}")
    title = "Comments " + " ".join(what) if what else "Search the comments"
    return render(
        request,
        "themes/comments.html",
        {
            "title": title,
            "search": search,
            "filter_form": form,
            "theme": theme,
            "month": month,
            "query": query,
            "flag": flag,
            "chart_url": chart_url(SeriesKey(theme.pk)) if theme else "",
            "export_query": request.GET.urlencode(),
            "keep": [(k, v) for k, v in request.GET.items() if k in KEEP],
            "clear_query": urlencode([(k, v) for k, v in request.GET.items() if k in KEEP]),
            "breadcrumbs": crumbs(),
            **page,
        },
    )


KEEP = ("theme", "month", "q", "flag", "untagged")

COMMENT_COLUMNS = [
    Column("Reference", "reference"),
    Column("Received", "received_on"),
    Column("Kind", lambda f: f.get_kind_display()),
    Column("Service", "service.name"),
    Column("Care provider", "provider.name"),
    Column("Comment", "text"),
    Column(
        "Sentiment",
        lambda f: getattr(getattr(f, "classification", None), "sentiment", None) or "",
    ),
    Column(
        "Themes",
        lambda f: "; ".join(
            f"{link.theme.name} ({link.get_status_display().lower()})"
            for link in f.theme_links.all()
            if link.counted
        ),
    ),
]


@require("themes.export")
def comments_export(request):
    form = filter_form(request)
    filters = form.filters()
    theme = None
    if request.GET.get("theme", "").isdigit():
        theme = get_object_or_404(Theme, pk=request.GET["theme"])
    search = SearchForm(request.GET or None)
    qs = selectors.comments(
        request.user,
        filters,
        theme=theme,
        month=parse_month(request.GET.get("month")),
        query=search.cleaned_data["q"] if search.is_valid() else "",
        flag=request.GET.get("flag", ""),
        untagged=request.GET.get("untagged") == "1",
    ).prefetch_related("theme_links__theme")
    return web.download(
        request,
        qs,
        COMMENT_COLUMNS,
        filename="theme-comments",
        description="Comments behind theme counts",
    )


@require("themes.export")
def export(request):
    """The dashboard's month by theme counts."""
    form = filter_form(request)
    grid = selectors.grid(request.user, form.filters())
    rows = [
        {
            "category": r.theme.category.name,
            "theme": r.theme.name,
            "counts": r.counts,
            "total": r.total,
            "previous": r.previous,
        }
        for r in grid.rows
    ]
    rows.append(
        {
            "category": "",
            "theme": "All feedback",
            "counts": grid.totals,
            "total": grid.total,
            "previous": grid.previous_total,
        }
    )
    columns = [
        Column("Category", lambda r: r["category"]),
        Column("Theme", lambda r: r["theme"]),
        *[
            Column(f"{m:%b %Y}", lambda r, i=i: "" if grid.suppressed else r["counts"][i])
            for i, m in enumerate(grid.months)
        ],
        Column("Total", lambda r: "" if grid.suppressed else r["total"]),
        Column("Previous period", lambda r: "" if grid.suppressed else r["previous"]),
    ]
    return web.download(
        request,
        rows,
        columns,
        filename="theme-counts",
        description="Theme counts by month",
    )
