"""Pages of the learning catalogue and of recording training."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.exports import Column
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import CompletionForm, CourseForm
from ..models import CareerStage, Course
from ..models.people import people_visible_to
from .common import INDEX, catalogue


@require("workforce.view")
def courses(request):
    query = request.GET.get("q", "").strip()
    mandatory = request.GET.get("mandatory", "")
    return render(
        request,
        "workforce/courses.html",
        {
            "title": "Learning catalogue",
            "query": query,
            "mandatory": mandatory,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.courses(query=query, mandatory=mandatory)),
        },
    )


def _course(request, pk) -> Course:
    return get_visible_or_404(request.user, selectors.course_pages(), pk=pk)


@require("workforce.view")
def course_show(request, pk):
    course = _course(request, pk)
    done, out_of = selectors.course_figures(course)
    action = course.action
    if action is not None and not can(request.user, "learning.view", action):
        action = None
    return render(
        request,
        "workforce/course_show.html",
        {
            "title": course.title,
            "course": course,
            "done": done,
            "out_of": out_of,
            "action": action,
            "stages": [
                CareerStage(s).label for s in course.audience_stages if s in CareerStage.values
            ],
            "completions": list(selectors.completions(request.user, course=course)[:50]),
            "history": core_selectors.history_for(course),
            "breadcrumbs": web.crumbs(INDEX, catalogue()),
        },
    )


@require("workforce.catalogue_edit")
def course_new(request):
    return _course_form(request, None)


@require("workforce.catalogue_edit")
def course_edit(request, pk):
    return _course_form(request, _course(request, pk))


def _course_form(request, course: Course | None):
    form = CourseForm(request.POST or None, instance=course)
    return web.form_view(
        request,
        form,
        lambda data: services.course_save(user=request.user, course=course or Course(), **data),
        f"Edit {course}" if course else "Add a course",
        success=lambda saved: f"“{saved}” saved",
        breadcrumbs=web.crumbs(INDEX, catalogue()),
        cancel_url=course.get_absolute_url() if course else reverse("workforce:courses"),
    )


@require("workforce.record")
def completion_new(request):
    people = people_visible_to(request.user).order_by("full_name")
    initial = {}
    for name in ("person", "course"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    initial.setdefault("person", request.user.pk)
    form = CompletionForm(request.POST or None, initial=initial, people=people)
    completion = web.submit(
        request, form, lambda data: services.completion_record(user=request.user, **data)
    )
    if completion is not None:
        messages.success(request, f"{completion.course} recorded for {completion.person}")
        person = completion.person
        if can(request.user, "workforce.view_people") and person.team_id:
            return redirect("workforce:team", person.team_id)
        return redirect("workforce:person", person.pk)
    return web.form_page(
        request,
        form,
        "Record training",
        breadcrumbs=[INDEX],
        submit="Record training",
        intro="Record a course someone has completed. Its expiry is worked out from the "
        "course's renewal period.",
    )


@require("workforce.export")
def completion_export(request):
    qs = selectors.completions(request.user).order_by("person__full_name", "-completed_on")
    return web.download(
        request,
        qs,
        [
            Column("Person", "person.full_name"),
            Column("Team", lambda c: c.person.team.name if c.person.team_id else ""),
            Column("Course", "course.title"),
            Column("Completed", "completed_on"),
            Column("Expires", "expires_on"),
            Column("Evidence", "evidence"),
        ],
        filename="training-completions",
        description="Training completions",
    )
