"""Pages: the external learning register."""

from __future__ import annotations

from django.shortcuts import render

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import get_visible_or_404, require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import ExternalLearningForm
from ..models import ExternalLearning
from .common import EXTERNAL, INDEX


@require("innovation.view")
def external_index(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in ExternalLearning.Kind.values else ""
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "innovation/external_index.html",
        {
            "title": "External learning",
            "kind": kind,
            "kinds": ExternalLearning.Kind.choices,
            "query": query,
            "breadcrumbs": web.crumbs(INDEX),
            **paginate(request, selectors.external(request.user, kind=kind, query=query)),
        },
    )


@require("innovation.view")
def external_show(request, pk):
    record = get_visible_or_404(
        request.user, ExternalLearning.objects.select_related("lead"), pk=pk
    )
    return render(
        request,
        "innovation/external_show.html",
        {
            "title": record.title,
            "record": record,
            "history": core_selectors.history_for(record),
            "breadcrumbs": web.crumbs(INDEX, EXTERNAL),
        },
    )


@require("innovation.external_edit")
def external_edit(request, pk=None):
    record = get_visible_or_404(request.user, ExternalLearning.objects.all(), pk=pk) if pk else None
    form = ExternalLearningForm(
        request.POST or None, instance=record, initial={"lead": request.user}
    )
    back = record.get_absolute_url() if record else EXTERNAL[1]
    more = [(record.title, back)] if record else []
    return web.form_view(
        request,
        form,
        lambda data: services.external_save(user=request.user, record=record, **data),
        f"Edit {record}" if record else "Add external learning",
        success=lambda saved: f"“{saved}” saved",
        breadcrumbs=web.crumbs(INDEX, EXTERNAL, *more),
        cancel_url=back,
    )
