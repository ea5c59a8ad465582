"""The public "You said, we did" pages: no sign-in, nothing personal, an easy read version."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import selectors
from ..models import Statement
from .common import chosen


def _easy_read(request: HttpRequest) -> bool:
    return request.GET.get("format") == "easy-read"


@login_not_required
@require_safe
def public_index(request: HttpRequest) -> HttpResponse:
    topics = selectors.public_topics()
    topic = chosen(request, "topic", topics)
    return render(
        request,
        "coproduction/public_index.html",
        {
            "title": "You said, we did",
            "statements": selectors.public_statements(topic=topic),
            "topics": topics,
            "topic": topic,
            "easy_read": _easy_read(request),
        },
    )


@login_not_required
@require_safe
def public_show(request: HttpRequest, pk: int) -> HttpResponse:
    statement = Statement.objects.published().filter(pk=pk).first()
    if statement is None:
        raise Http404
    return render(
        request,
        "coproduction/public_show.html",
        {
            "title": statement.title,
            "statement": statement,
            "easy_read": _easy_read(request),
        },
    )
