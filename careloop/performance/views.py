"""Pages: the performance overview, a measure's page, local measures, the council's choice."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import can, require
from careloop.stats.comparison import Dot, YearValue, series_svg, strip_svg
from careloop.stats.formatting import fmt

from . import findings, selectors, services
from .forms import HomeForm, LocalFigureForm, MeasureForm, ThemesForm
from .models import Measure

INDEX = ("Performance", "/performance/")


@require("performance.view")
def index(request):
    target = selectors.home_council()
    rows = selectors.overview(target, user=request.user) if target else []
    return render(
        request,
        "performance/index.html",
        {
            "title": "Performance",
            "council": target,
            "rows": rows,
            "bottom": [r for r in rows if r.standing.england_quartile == 4],
            "moved": [r for r in rows if r.standing.noise == "beyond year-to-year noise"],
            "measures": selectors.measures(),
            "may_edit": can(request.user, "performance.edit"),
            "may_import": can(request.user, "performance.import"),
        },
    )


def _measure_or_404(code: str) -> Measure:
    found = selectors.measures().filter(code=code.upper()).first()
    if found is None:
        raise Http404("No such measure")
    return found


@require("performance.view")
def measure(request, code):
    record = _measure_or_404(code)
    target = selectors.home_council()
    context = {
        "title": f"{record.code}: {record.name}",
        "record": record,
        "council": target,
        "history": core_selectors.history_for(record),
        "breadcrumbs": web.crumbs(INDEX),
        "may_edit": can(request.user, "performance.edit") and not record.shipped,
        "may_link": can(request.user, "performance.edit"),
        "themes": record.themes.order_by("name"),
        "local_chart": selectors.local_chart(target, record),
    }
    data = selectors.measure_data(record)
    if target is not None and data.years and not record.is_local:
        context.update(_pictures(target, record, data))
    return render(request, "performance/measure.html", context)


def _pictures(target, record, data) -> dict:
    decimals = record.decimals
    points = selectors.series_points(target, record, data)
    year = data.years[-1]
    strip = selectors.strip(target, data, year)
    found = selectors.standing(target, record, data=data)
    series = series_svg(
        [YearValue(p.year, p.value, p.england_median, p.group_low, p.group_high) for p in points],
        title=f"{target.name}: {record.name} by year",
        name=target.name,
        decimals=decimals,
    )
    dots = strip_svg(
        [Dot(name, value, kind) for _, name, value, kind in strip],
        title=f"Every council in {year}",
        name=target.name,
        decimals=decimals,
    )
    return {
        "finding": findings.finding(found, target.name, selectors.described(record))
        if found
        else "",
        "year": year,
        "series_svg": mark_safe(series),  # noqa: S308 - careloop.stats.comparison escapes text
        "strip_svg": mark_safe(dots),  # noqa: S308 - careloop.stats.comparison escapes text
        "points": [
            (
                p.year,
                *(fmt(v, decimals) for v in (p.value, p.england_median, p.group_low, p.group_high)),
            )
            for p in points
        ],
        "strip": [(name, fmt(value, decimals), kind) for _, name, value, kind in reversed(strip)],
    }


@require("performance.edit")
def measure_edit(request, code=None):
    record = _measure_or_404(code) if code else None
    if record is not None and record.shipped:
        raise Http404("The published measures' definitions come with careloop")
    return web.form_view(
        request,
        MeasureForm(request.POST or None, instance=record),
        lambda data: services.measure_save(user=request.user, measure=record, **data),
        f"Edit {record.code}" if record else "Register a local measure",
        success="Measure saved",
        breadcrumbs=web.crumbs(INDEX),
    )


def _on_measure(record: Measure) -> list:
    return web.crumbs(INDEX, (record.code, record.get_absolute_url()))


@require("performance.edit")
def measure_themes(request, code):
    record = _measure_or_404(code)
    return web.form_view(
        request,
        ThemesForm(request.POST or None, instance=record),
        lambda data: services.measure_link_themes(user=request.user, measure=record, **data),
        f"Themes {record.code} bears on",
        success="Themes linked",
        breadcrumbs=_on_measure(record),
    )


@require("performance.edit")
def figure_new(request, code):
    record = _measure_or_404(code)
    if not record.is_local:
        raise Http404("Published measures' figures come from the published data")
    return web.form_view(
        request,
        LocalFigureForm(request.POST or None),
        lambda data: services.local_figure_record(user=request.user, measure=record, **data),
        f"Add a figure for {record.code}",
        success="Figure saved",
        redirect_to=record,
        breadcrumbs=_on_measure(record),
    )


@require("performance.edit")
def home(request):
    target = selectors.home_council()
    initial = {"council": target, "comparator": target.comparator} if target else {}
    return web.form_view(
        request,
        HomeForm(request.POST or None, initial=initial),
        lambda data: services.home_choose(user=request.user, **data),
        "The council and its comparators",
        success="Council saved",
        redirect_to="performance:index",
        breadcrumbs=web.crumbs(INDEX),
    )
