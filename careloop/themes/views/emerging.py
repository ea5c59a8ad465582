"""Emerging topics: the list with the search for new ones, one topic with its comments, and a
quality lead's decisions (dismiss, merge into a theme, promote to a new theme)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
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


def _found(found: list) -> str:
    if not found:
        return "No topic found: what the themes cover poorly does not group together"
    return f"{len(found)} topic{'' if len(found) == 1 else 's'} found"


@require("themes.manage_models")
def find(request):
    start, end = services.period_default()
    form = EmergingFindForm(request.POST or None, initial={"start": start, "end": end})
    return web.form_view(
        request,
        form,
        lambda data: services.emerging_find(
            start=data["start"], end=data["end"], user=request.user
        ),
        "Look for emerging topics",
        success=_found,
        redirect_to="themes:emerging",
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


def _decide(request, topic, form, call, title, *, submit, success, redirect_to=None, intro=""):
    """A decision on a topic: its form, then back to the topic (or where the decision led)."""
    return web.form_view(
        request,
        form,
        call,
        title,
        success=success,
        redirect_to=redirect_to or topic,
        submit=submit,
        breadcrumbs=crumbs(INDEX, (topic.label, topic.get_absolute_url())),
        intro=intro,
        cancel_url=topic.get_absolute_url(),
    )


@require("themes.manage_framework")
def dismiss(request, pk: int):
    topic = _topic(pk)
    return _decide(
        request,
        topic,
        EmergingDismissForm(request.POST or None),
        lambda data: services.emerging_dismiss(topic=topic, user=request.user, **data),
        f"Dismiss “{topic.label}”",
        submit="Dismiss",
        success="Topic dismissed: it stays dismissed when it is found again",
    )


@require("themes.manage_framework")
def merge(request, pk: int):
    topic = _topic(pk)
    return _decide(
        request,
        topic,
        EmergingMergeForm(request.POST or None),
        lambda data: services.emerging_merge(topic=topic, user=request.user, **data),
        f"Merge “{topic.label}” into a theme",
        submit="Merge",
        success=lambda added: f"{added} comments confirmed in “{topic.theme}”",
    )


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
    return _decide(
        request,
        topic,
        form,
        lambda data: services.emerging_promote(topic=topic, form=form, user=request.user),
        f"Promote “{topic.label}” to a theme",
        submit="Add the theme",
        success=lambda theme: f"Theme “{theme.name}” added from the topic",
        redirect_to=lambda theme: theme.get_absolute_url(),
        intro="The framework gets a new version with this theme. The topic's comments are its "
        "first confirmed examples; until it has enough of them the classifier finds it by its "
        "description and example phrases.",
    )
