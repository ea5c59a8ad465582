"""A meeting's agenda items: recording the update and decision, adding other business, and
turning a decision into an action."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from careloop.core import web
from careloop.core.permissions import can, require
from careloop.learning import services
from careloop.learning.forms import (
    AgendaItemActionForm,
    AgendaItemForm,
    AgendaRecordForm,
)
from careloop.learning.models import AgendaItem

from .common import crumbs
from .meetings import MEETINGS_CRUMB, _meeting


def _item(request, pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__series"), pk=pk)
    if not item.is_visible_to(request.user):
        raise Http404
    return item


@require("learning.manage_meetings")
def item_record(request, pk: int):
    item = _item(request, pk)
    form = AgendaRecordForm(
        request.POST or None, initial={"update": item.update, "decision": item.decision}
    )
    if web.submit(
        request,
        form,
        lambda data: services.agenda_item_record(item=item, user=request.user, **data),
    ):
        if request.htmx:
            item.refresh_from_db()
            return render(
                request,
                "learning/partials/agenda_item.html",
                {
                    "item": item,
                    "meeting": item.meeting,
                    "may_run": True,
                    "may_add_action": can(request.user, "learning.manage_actions"),
                    "today": dt.date.today(),
                },
            )
        messages.success(request, "Recorded")
        return redirect(item.get_absolute_url())
    if request.htmx:
        return render(
            request, "learning/partials/agenda_record_form.html", {"item": item, "form": form}
        )
    return web.form_page(
        request,
        form,
        f"Record: {item.title}",
        submit="Record",
        breadcrumbs=crumbs(MEETINGS_CRUMB, (str(item.meeting), item.meeting.get_absolute_url())),
        intro=item.detail,
        cancel_url=item.meeting.get_absolute_url(),
    )


@require("learning.manage_meetings")
def item_add(request, pk: int):
    meeting = _meeting(pk)
    form = AgendaItemForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.agenda_item_add(meeting=meeting, **data),
        "Add an item of other business",
        success="Item added",
        submit="Add item",
        breadcrumbs=crumbs(MEETINGS_CRUMB, (str(meeting), meeting.get_absolute_url())),
        cancel_url=meeting.get_absolute_url(),
    )


@require("learning.manage_meetings")
def item_action(request, pk: int):
    if not can(request.user, "learning.manage_actions"):
        raise PermissionDenied
    item = _item(request, pk)
    form = AgendaItemActionForm(request.POST or None, initial={"title": item.decision[:200]})
    return web.form_view(
        request,
        form,
        lambda data: services.agenda_item_action(item=item, user=request.user, **data),
        "Create an action from this item",
        success=lambda action: f"Action {action.reference} created from the meeting",
        redirect_to=item.get_absolute_url(),
        submit="Create action",
        breadcrumbs=crumbs(MEETINGS_CRUMB, (str(item.meeting), item.meeting.get_absolute_url())),
        intro=item.title,
        cancel_url=item.meeting.get_absolute_url(),
    )
