"""One feedback record's themes: see them with their confidence; confirm, remove or add them;
set the sentiment; flag the comment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.feedback.models import Feedback
from careloop.themes import selectors, services
from careloop.themes.forms import FlagForm, ReviewForm
from careloop.themes.models import CommentFlag
from careloop.themes.views.common import crumbs


def _feedback(request, pk: int) -> Feedback:
    return get_visible_or_404(request.user, Feedback.objects.all(), pk=pk)


def _review_form(request, panel, data=None):
    initial = {
        "themes": [str(link.theme_id) for link in panel.links],
        "sentiment": panel.classification.sentiment if panel.classification else None,
    }
    groups = selectors.review_choices(panel)
    form = ReviewForm(data, initial=initial, theme_choices=groups)
    chosen = set(form["themes"].value() or [])
    form.theme_groups = [
        (category, [(value, label, value in chosen) for value, label in options])
        for category, options in groups
    ]
    return form


@require("themes.view_comments")
def feedback(request, pk: int):
    item = _feedback(request, pk)
    panel = selectors.panel(item)
    form = None
    if can(request.user, "themes.review"):
        form = _review_form(request, panel, request.POST or None)
        if web.submit(
            request,
            form,
            lambda data: services.themes_review(
                feedback=item,
                user=request.user,
                theme_ids=[int(t) for t in data["themes"]],
                sentiment=data["sentiment"],
            ),
            success=f"Themes of {item.reference} saved",
        ):
            return redirect("themes:feedback", pk=item.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "themes/feedback.html",
        {
            "title": f"Themes of {item.reference}",
            "feedback": item,
            "panel": panel,
            "form": form if form is not None and form.is_bound else None,
            "review_form": form,
            "flag_form": FlagForm() if can(request.user, "themes.flag") else None,
            "breadcrumbs": crumbs(
                *(
                    [(item.reference, reverse("feedback:show", args=[item.pk]))]
                    if can(request.user, "feedback.view")
                    else []
                )
            ),
        },
    )


@require_POST
@require("themes.review")
def confirm(request, pk: int):
    item = _feedback(request, pk)
    web.act(
        request,
        lambda: services.themes_confirm(feedback=item, user=request.user),
        success=f"Suggested themes of {item.reference} confirmed",
    )
    return redirect(_safe_next(request) or reverse("themes:feedback", args=[item.pk]))


@require_POST
@require("themes.flag")
def flag(request, pk: int):
    item = _feedback(request, pk)
    form = FlagForm(request.POST)
    if form.is_valid():
        label = CommentFlag.Kind(form.cleaned_data["kind"]).label.lower()
        web.act(
            request,
            lambda: services.comment_flag(feedback=item, user=request.user, **form.cleaned_data),
            success=f"{item.reference} flagged as {label}",
        )
    else:
        messages.error(request, "Choose notable or wrongly themed")
    return redirect(_safe_next(request) or reverse("themes:feedback", args=[item.pk]))


@require_POST
@require("themes.flag")
def unflag(request, pk: int):
    flag_ = get_object_or_404(CommentFlag, pk=pk)
    _feedback(request, flag_.feedback_id)
    web.act(
        request,
        lambda: services.comment_unflag(flag=flag_, user=request.user),
        success="Flag cleared",
    )
    return redirect(reverse("themes:feedback", args=[flag_.feedback_id]))


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""
