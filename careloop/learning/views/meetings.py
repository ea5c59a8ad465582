"""Quality assurance meetings: series, the running meeting, minutes and the meeting pack."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.learning import selectors, services
from careloop.learning.forms import (
    AttendanceForm,
    MeetingForm,
    NotesForm,
    SeriesForm,
)
from careloop.learning.models import Meeting, MeetingSeries

from .common import act, crumbs

MEETINGS_CRUMB = ("Quality assurance meetings", "/learning/meetings/")


@require("learning.view")
def meeting_index(request):
    series = MeetingSeries.objects.prefetch_related("meetings").order_by("-is_active", "name")
    today = dt.date.today()
    rows = []
    for s in series:
        meetings = list(s.meetings.all())
        upcoming = [m for m in meetings if m.held_on >= today and m.status == "planned"]
        past = [m for m in meetings if m not in upcoming]
        rows.append({"series": s, "next": upcoming[-1] if upcoming else None, "past": past[:6]})
    return render(
        request,
        "learning/meeting_index.html",
        {"title": "Quality assurance meetings", "rows": rows, "breadcrumbs": crumbs()},
    )


@require("learning.view")
def series_show(request, pk: int):
    series = get_object_or_404(MeetingSeries.objects.prefetch_related("members"), pk=pk)
    return render(
        request,
        "learning/series_show.html",
        {
            "title": series.name,
            "series": series,
            "meetings": series.meetings.all(),
            "history": history_for(series),
            "breadcrumbs": crumbs(MEETINGS_CRUMB),
        },
    )


@require("learning.manage_meetings")
def series_edit(request, pk: int | None = None):
    series = get_object_or_404(MeetingSeries, pk=pk) if pk else None
    form = SeriesForm(
        request.POST or None, instance=MeetingSeries.objects.get(pk=pk) if pk else None
    )
    return web.form_view(
        request,
        form,
        lambda data: services.series_save(
            series=MeetingSeries.objects.get(pk=pk) if pk else None, **data
        ),
        f"Edit {series}" if series else "Set up a recurring meeting",
        success=lambda saved: f"“{saved}” saved",
        breadcrumbs=crumbs(MEETINGS_CRUMB),
        intro=""
        if series
        else "For example, the monthly adult social care quality assurance board.",
        cancel_url=series.get_absolute_url() if series else reverse("learning:meeting_index"),
    )


@require("learning.manage_meetings")
def meeting_new(request, pk: int):
    series = get_object_or_404(MeetingSeries, pk=pk)
    latest = series.meetings.order_by("-held_on").first()
    initial = {"held_on": series.next_date(latest.held_on) if latest else dt.date.today()}
    form = MeetingForm(request.POST or None, initial=initial)
    return web.form_view(
        request,
        form,
        lambda data: services.meeting_schedule(series=series, **data),
        f"Schedule a meeting of {series}",
        success=lambda meeting: (
            f"Meeting on {meeting.held_on:%-d %B %Y} scheduled; its agenda is ready"
        ),
        submit="Schedule",
        breadcrumbs=crumbs(MEETINGS_CRUMB, (series.name, series.get_absolute_url())),
        intro="The agenda builds itself from overdue and at-risk actions, new reviews, new "
        "Ombudsman decisions and new theme signals since the last meeting.",
        cancel_url=series.get_absolute_url(),
    )


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("series"), pk=pk)


@require("learning.view")
def meeting_show(request, pk: int):
    meeting = _meeting(pk)
    if meeting.status == Meeting.Status.PLANNED:
        services.meeting_build_agenda(meeting=meeting)  # always current until it is held
    return render(
        request,
        "learning/meeting_show.html",
        {
            "title": str(meeting),
            "meeting": meeting,
            "sections": selectors.agenda_sections(meeting, request.user),
            "may_run": can(request.user, "learning.manage_meetings"),
            "may_add_action": can(request.user, "learning.manage_actions"),
            "today": dt.date.today(),
            "history": history_for(meeting),
            "breadcrumbs": crumbs(
                MEETINGS_CRUMB, (meeting.series.name, meeting.series.get_absolute_url())
            ),
        },
    )


@require("learning.manage_meetings")
def meeting_attendance(request, pk: int):
    meeting = _meeting(pk)
    people = selectors.meeting_people(meeting)
    form = AttendanceForm(
        request.POST or None,
        people=people,
        initial={
            "attendees": meeting.attendees.all(),
            "apologies": meeting.apologies.all(),
            "guests": meeting.guests,
        },
    )
    return web.form_view(
        request,
        form,
        lambda data: services.meeting_record_attendance(meeting=meeting, **data),
        "Who attended",
        success="Attendance recorded",
        redirect_to=meeting,
        submit="Save attendance",
        breadcrumbs=crumbs(MEETINGS_CRUMB, (str(meeting), meeting.get_absolute_url())),
        cancel_url=meeting.get_absolute_url(),
    )


@require("learning.manage_meetings")
def meeting_notes(request, pk: int):
    meeting = _meeting(pk)
    form = NotesForm(request.POST or None, initial={"notes": meeting.notes})
    return web.form_view(
        request,
        form,
        lambda data: services.meeting_save_notes(meeting=meeting, **data),
        "General notes for the minutes",
        success="Notes saved",
        redirect_to=meeting,
        breadcrumbs=crumbs(MEETINGS_CRUMB, (str(meeting), meeting.get_absolute_url())),
        cancel_url=meeting.get_absolute_url(),
    )


@require_POST
@require("learning.manage_meetings")
def meeting_approve(request, pk: int):
    meeting = _meeting(pk)
    act(
        request,
        lambda: services.meeting_approve_minutes(meeting=meeting, user=request.user),
        success="Minutes approved",
    )
    return redirect(meeting)


@require_POST
@require("learning.manage_meetings")
def meeting_next(request, pk: int):
    meeting = _meeting(pk)
    if not act(request, lambda: services.meeting_schedule_next(meeting=meeting)):
        return redirect(meeting)
    following = meeting.series.meetings.order_by("-held_on")[0]  # the one just scheduled
    messages.success(request, f"Next meeting scheduled for {following.held_on:%-d %B %Y}")
    return redirect(following)


def _pdf(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require("learning.view")
def meeting_minutes(request, pk: int):
    meeting = _meeting(pk)
    context = {
        "title": f"Minutes: {meeting}",
        "meeting": meeting,
        "sections": selectors.agenda_sections(meeting, request.user),
    }
    return _pdf("learning/documents/minutes.html", context, f"minutes-{meeting.held_on}.pdf")


@require("learning.view")
def meeting_pack(request, pk: int):
    meeting = _meeting(pk)
    if meeting.status == Meeting.Status.PLANNED:
        services.meeting_build_agenda(meeting=meeting)
    context = {
        "title": f"Meeting pack: {meeting}",
        "meeting": meeting,
        "sections": selectors.agenda_sections(meeting, request.user, detail=True),
        "counts": selectors.action_counts(request.user),
    }
    return _pdf("learning/documents/pack.html", context, f"meeting-pack-{meeting.held_on}.pdf")
