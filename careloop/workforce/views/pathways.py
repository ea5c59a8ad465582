"""Pages of development pathways: the figures by team, applying, and deciding on and
recording the progress of an application."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import EnrolmentForm, MoveForm
from ..models import Enrolment, Pathway
from .common import INDEX, PATHWAYS


@require("workforce.pathway_apply")
def pathway_index(request):
    visible = selectors.enrolments(request.user)
    counts = selectors.pathway_counts(visible.filter(status__in=("approved", "in_progress")))
    return render(
        request,
        "workforce/pathway_index.html",
        {
            "title": "Development pathways",
            "pathways": Pathway.choices,
            "counts": [
                (team, [c[(p, "approved")] + c[(p, "in_progress")] for p, _ in Pathway.choices])
                for team, c in counts
            ],
            "completed": visible.filter(status="completed").count(),
            "applied": visible.filter(status="applied").count(),
            "breadcrumbs": [INDEX],
            **paginate(request, visible),
        },
    )


@require("workforce.pathway_apply")
def enrolment_new(request):
    form = EnrolmentForm(
        request.POST or None,
        initial={"person": request.user},
        people=selectors.pathway_applicants(request.user),
    )
    return web.form_view(
        request,
        form,
        lambda data: services.enrolment_apply(user=request.user, **data),
        "Apply for a development pathway",
        success="Application made",
        breadcrumbs=web.crumbs(INDEX, PATHWAYS),
    )


def _enrolment_page(request, enrolment: Enrolment, form: MoveForm):
    return render(
        request,
        "workforce/enrolment_show.html",
        {
            "title": str(enrolment),
            "enrolment": enrolment,
            "moves": selectors.enrolment_moves(request.user, enrolment),
            "form": form,
            "history": core_selectors.history_for(enrolment),
            "breadcrumbs": web.crumbs(INDEX, PATHWAYS),
        },
    )


@require("workforce.pathway_apply")
def enrolment_show(request, pk):
    enrolment = get_object_or_404(selectors.enrolments(request.user), pk=pk)
    return _enrolment_page(request, enrolment, MoveForm())


@require("workforce.pathway_apply")
@require_POST
def enrolment_move(request, pk):
    enrolment = get_object_or_404(selectors.enrolments(request.user), pk=pk)
    form = MoveForm(request.POST)
    to = request.POST.get("to", "")
    moved = web.submit(
        request,
        form,
        lambda data: services.enrolment_move(
            user=request.user, enrolment=enrolment, to=to, note=data["note"]
        ),
    )
    if moved is not None:
        messages.success(request, f"Now {moved.get_status_display().lower()}")
        return redirect(moved)
    return _enrolment_page(request, enrolment, form)
