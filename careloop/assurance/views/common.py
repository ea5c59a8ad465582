"""What the assurance pages share: the submitted data and the breadcrumbs."""

from __future__ import annotations

from django.urls import reverse

from careloop.core import web


def posted(request):
    """The submitted data on a POST (even if empty, so that a blank form shows its errors)."""
    return request.POST if request.method == "POST" else None


def uploaded(request):
    return request.FILES if request.method == "POST" else None


def crumbs(*extra) -> list[tuple[str, str]]:
    return web.crumbs(
        ("Home", reverse("core:home")), ("Assurance", reverse("assurance:index")), *extra
    )
