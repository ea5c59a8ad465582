"""Learning briefs: write, send, read and acknowledge."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.learning import selectors, services
from careloop.learning.forms import BriefForm, SendBriefForm
from careloop.learning.models import LearningBrief

from .common import act, crumbs

BRIEFS_CRUMB = ("Learning briefs", "/learning/briefs/")


def _brief(request, pk):
    return get_object_or_404(selectors.visible_briefs(request.user), pk=pk)


@require("learning.view")
def brief_index(request):
    briefs = selectors.visible_briefs(request.user)
    mine = {r.brief_id: r for r in request.user.briefs_received.all()}
    rows = [(b, mine.get(b.pk)) for b in briefs]
    return render(
        request,
        "learning/brief_index.html",
        {"title": "Learning briefs", "rows": rows, "breadcrumbs": crumbs()},
    )


@require("learning.view")
def brief_show(request, pk: int):
    brief = _brief(request, pk)
    recipient = brief.recipients.filter(person=request.user).first()
    may_manage = can(request.user, "learning.manage_briefs")
    recipients = brief.recipients.select_related("person__team") if may_manage else []
    read = sum(1 for r in recipients if r.acknowledged_at)
    return render(
        request,
        "learning/brief_show.html",
        {
            "title": brief.title,
            "brief": brief,
            "recipient": recipient,
            "may_manage": may_manage,
            "recipients": recipients,
            "read": read,
            "history": history_for(brief) if may_manage else [],
            "breadcrumbs": crumbs(BRIEFS_CRUMB),
        },
    )


@require("learning.manage_briefs")
def brief_edit(request, pk: int | None = None):
    brief = _brief(request, pk) if pk else None
    initial = {}
    review_id = request.GET.get("review")
    if brief is None and review_id and review_id.isdigit():
        initial["review"] = int(review_id)
    form = BriefForm(
        request.POST or None,
        instance=LearningBrief.objects.get(pk=pk) if pk else None,
        initial=initial,
        user=request.user,
    )
    return web.form_view(
        request,
        form,
        lambda data: services.brief_save(
            user=request.user, brief=LearningBrief.objects.get(pk=pk) if pk else None, **data
        ),
        f"Edit {brief}" if brief else "Write a learning brief",
        success="Brief saved",
        breadcrumbs=crumbs(BRIEFS_CRUMB),
        intro=""
        if brief
        else "A 7-minute briefing has seven short sections; fill in those "
        "that help. Staff read it and confirm they have.",
        cancel_url=brief.get_absolute_url() if brief else reverse("learning:brief_index"),
    )


@require("learning.manage_briefs")
def brief_send(request, pk: int):
    brief = _brief(request, pk)
    form = SendBriefForm(request.POST or None, initial={"teams": brief.teams.all()})
    return web.form_view(
        request,
        form,
        lambda data: services.brief_send(brief=brief, user=request.user, **data),
        f"Send “{brief}”",
        success=lambda sent: f"Sent to {sent} {'person' if sent == 1 else 'people'}",
        redirect_to=brief,
        submit="Send brief",
        breadcrumbs=crumbs(BRIEFS_CRUMB, (brief.title, brief.get_absolute_url())),
        intro="Everyone active in the chosen teams is emailed a link and asked to confirm they "
        "have read it. People who already have it are not sent it again.",
        cancel_url=brief.get_absolute_url(),
    )


@require_POST
@require("learning.acknowledge")
def brief_acknowledge(request, pk: int):
    brief = _brief(request, pk)
    act(
        request,
        lambda: services.brief_acknowledge(brief=brief, user=request.user),
        success="Thank you: your reading is recorded",
    )
    return redirect(brief)


@require("learning.view")
def brief_pdf(request, pk: int):
    brief = _brief(request, pk)
    pdf = render_pdf("learning/documents/brief.html", {"title": brief.title, "brief": brief})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="learning-brief-{brief.pk}.pdf"'
    return response
