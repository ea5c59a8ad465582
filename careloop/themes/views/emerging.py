"""Emerging topics: the list with the search for new ones, one topic with its comments, and a
quality lead's decisions (dismiss, merge into a theme, promote to a new theme)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careloop.core import web
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate
from careloop.themes import selectors, services
from careloop.themes.forms import (
    EmergingDismissForm,
    EmergingFindForm,
    EmergingMergeForm,
    ThemeForm,
)
from careloop.themes.models import EmergingTopic
from careloop.themes.views.common import crumbs

INDEX = ("Emerging topics", "/themes/emerging/")


@require("themes.view_comments")
def index(request):
    status = request.GET.get("status", "")
    if status not in EmergingTopic.Status.values:
        status = ""
    return render(
        request,
        "themes/emerging_index.html",
        {
            "title": "Emerging topics",
            "status": status,
            "statuses": EmergingTopic.Status.choices,
            "may_find": can(request.user, "themes.manage_models"),
            "breadcrumbs": crumbs(),
            **paginate(request, selectors.topics(status)),
        },
    )


@require("themes.manage_models")
def find(request):
    start, end = services.period_default()
    form = EmergingFindForm(request.POST or None, initial={"start": start, "end": end})
    found = web.submit(
        request,
        form,
        lambda data: services.emerging_find(
            start=data["start"], end=data["end"], user=request.user
        ),
    )
    if found is not None:
        messages.success(
            request,
            f"{len(found)} topic{'' if len(found) == 1 else 's'} found"
            if found
            else "No topic found: what the themes cover poorly does not group together",
        )
        return redirect("themes:emerging")
    return web.form_page(
        request,
        form,
        "Look for emerging topics",
        submit="Look for topics",
        breadcrumbs=crumbs(INDEX),
        intro="Groups of comments that no theme covers well and that say much the same thing. "
        "Restricted feedback is never part of a topic.",
        cancel_url=reverse("themes:emerging"),
    )


def _topic(pk: int) -> EmergingTopic:
    return get_object_or_404(EmergingTopic.objects.select_related("theme"), pk=pk)


@require("themes.view_comments")
def show(request, pk: int):
    topic = _topic(pk)
    may_decide = topic.is_open and can(request.user, "themes.manage_framework")
    return render(
        request,
        "themes/emerging_show.html",
        {
            "title": topic.label,
            "topic": topic,
            "detail": selectors.topic_detail(topic, request.user),
            "may_decide": may_decide,
            "dismiss_form": EmergingDismissForm() if may_decide else None,
            "merge_form": EmergingMergeForm() if may_decide else None,
            "history": history_for(topic),
            "breadcrumbs": crumbs(INDEX),
        },
    )


def _decision_page(request, topic, form, title, submit, intro):
    return web.form_page(
        request,
        form,
        title,
        submit=submit,
        breadcrumbs=crumbs(INDEX, (topic.label, topic.get_absolute_url())),
        intro=intro,
        cancel_url=topic.get_absolute_url(),
    )


@require("themes.manage_framework")
def dismiss(request, pk: int):
    topic = _topic(pk)
    form = EmergingDismissForm(request.POST or None)
    if web.submit(
        request,
        form,
        lambda data: services.emerging_dismiss(topic=topic, user=request.user, **data),
        success="Topic dismissed: it stays dismissed when it is found again",
    ):
        return redirect(topic)
    return _decision_page(request, topic, form, f"Dismiss “{topic.label}”", "Dismiss", "")


@require("themes.manage_framework")
def merge(request, pk: int):
    topic = _topic(pk)
    form = EmergingMergeForm(request.POST or None)
    added = web.submit(
        request,
        form,
        lambda data: services.emerging_merge(topic=topic, user=request.user, **data),
    )
    if added is not None:
        messages.success(request, f"{added} comments confirmed in “{topic.theme}”")
        return redirect(topic)
    return _decision_page(request, topic, form, f"Merge “{topic.label}” into a theme", "Merge", "")


def _promote_initial(topic: EmergingTopic) -> dict:
    detail = [
        c.feedback.text for c in topic.comments.filter(typical=True).select_related("feedback")
    ]
    return {
        "name": " and ".join(w.capitalize() for w in topic.words[:2]) or topic.label,
        "description": f"Comments about {', '.join(topic.words)}.",
        "examples": "\n".join(text.strip()[:150] for text in detail),
    }


@require("themes.manage_framework")
def promote(request, pk: int):
    topic = _topic(pk)
    form = ThemeForm(request.POST or None, initial=_promote_initial(topic))
    theme = web.submit(
        request,
        form,
        lambda data: services.emerging_promote(topic=topic, form=form, user=request.user),
    )
    if theme is not None:
        messages.success(request, f"Theme “{theme.name}” added from the topic")
        return redirect("themes:theme_show", pk=theme.pk)
    return _decision_page(
        request,
        topic,
        form,
        f"Promote “{topic.label}” to a theme",
        "Add the theme",
        "The framework gets a new version with this theme. The topic's comments are its first "
        "confirmed examples; until it has enough of them the classifier finds it by its "
        "description and example phrases.",
    )
