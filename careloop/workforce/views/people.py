"""Pages about people: the workforce dashboard, a team's compliance matrix (and the reminder
sent from it) and a person's learning record."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.models import Team
from careloop.core.permissions import can, get_visible_or_404, require

from .. import compliance, selectors, services
from ..models.people import people_visible_to
from .common import INDEX


@require("workforce.view")
def index(request):
    data = selectors.picture()
    people = data.people
    service = request.GET.get("service", "")
    teams = selectors.team_figures(data=data)
    services_ = sorted({f.team.service for f in teams}, key=lambda s: s.name)
    if service.isdigit():
        teams = [f for f in teams if f.team.service_id == int(service)]
        people = [p for p in people if p.team and p.team.service_id == int(service)]
    return render(
        request,
        "workforce/index.html",
        {
            "title": "Workforce",
            "headlines": selectors.headlines(request.user, data),
            "teams": teams,
            "services": services_,
            "service": service,
            "training_chart": selectors.chart(data.training.series(people=people)),
            "supervision_chart": selectors.chart(data.supervision.series(people=people)),
            "registrations": list(selectors.registrations_due(request.user)[:20]),
            "may_see_people": can(request.user, "workforce.view_people"),
        },
    )


@require("workforce.view_people")
def team(request, pk):
    team = get_visible_or_404(request.user, Team.objects.select_related("service"), pk=pk)
    show = request.GET.get("show", "")
    matrix = selectors.team_matrix(team, needs_action=show == "action")
    return render(
        request,
        "workforce/team.html",
        {
            "title": team.name,
            "team": team,
            "courses": matrix.courses,
            "rows": matrix.rows,
            "show": show,
            "training_chart": matrix.training_chart,
            "supervision_chart": matrix.supervision_chart,
            "may_remind": can(request.user, "workforce.remind"),
            "may_record": can(request.user, "workforce.record"),
            "breadcrumbs": [INDEX],
            "legend": compliance.LABELS,
        },
    )


@require("workforce.remind")
@require_POST
def remind(request, pk):
    person = get_object_or_404(people_visible_to(request.user).select_related("team"), pk=pk)
    button = forms.Form(request.POST)  # the button posts nothing; a refusal lands on it
    n = web.submit(
        request, button, lambda _: services.reminder_send(user=request.user, person=person)
    )
    if n is None:
        for message in button.non_field_errors():
            messages.error(request, message)
    else:
        messages.success(
            request, f"Reminder sent to {person} about {n} course{'s' if n != 1 else ''}"
        )
    back = reverse("workforce:team", args=[person.team_id]) if person.team_id else "/workforce/"
    return redirect(back)


@require("workforce.view")
def person(request, pk):
    person = selectors.visible_person(request.user, pk)
    if person is None:
        raise Http404
    record = selectors.person_compliance(person)
    own = person.pk == request.user.pk
    may_see_all = own or can(request.user, "workforce.view_people")
    return render(
        request,
        "workforce/person.html",
        {
            "title": person.full_name,
            "person": person,
            "row": record.row,
            "last_supervision": record.last_supervision,
            "supervision_due": record.supervision_due,
            "completions": list(selectors.completions(request.user, person=person)[:100]),
            "sessions": list(selectors.supervisions(request.user, person=person)[:20]),
            "registrations": list(person.registrations.all()),
            "cpd": list(person.cpd_entries.all()[:20]) if may_see_all else [],
            "peer_feedback": list(person.peer_feedback.select_related("given_by")[:20])
            if may_see_all
            else [],
            "enrolments": list(person.enrolments.all()) if may_see_all else [],
            "may_give_peer_feedback": can(request.user, "workforce.practice")
            and not own
            and person.team_id != request.user.team_id,
            "own": own,
            "may_record": services.may_record_for(request.user, person),
            "may_register": can(request.user, "workforce.registration") and may_see_all,
            "breadcrumbs": [INDEX]
            + (
                [(person.team.name, reverse("workforce:team", args=[person.team_id]))]
                if person.team_id and can(request.user, "workforce.view_people")
                else []
            ),
        },
    )
