"""Helpers shared by the themes pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.urls import reverse

from careloop.themes.forms import FilterForm
from careloop.themes.series import SeriesKey

CRUMB = ("Themes", "/themes/")


def crumbs(*more):
    return [CRUMB, *more]


def filter_form(request) -> FilterForm:
    data = {k: v for k, v in request.GET.items() if k in FilterForm.base_fields}
    return FilterForm(data or None, user=request.user)


def parse_month(text: str | None) -> dt.date | None:
    """A month from "2026-03"; 404 for anything else (only links make these)."""
    if not text:
        return None
    try:
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise Http404 from None


def series_key(text: str | None) -> SeriesKey:
    """The series a link names; 404 for anything else."""
    key = SeriesKey.find(text or "")
    if key is None:
        raise Http404
    return key


def chart_url(key: SeriesKey) -> str:
    return f"{reverse('themes:chart')}?series={key}"
