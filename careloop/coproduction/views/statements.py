""" "You said, we did" for staff: writing statements, and publishing them on the public page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careloop.core import selectors as core_selectors
from careloop.core import web
from careloop.core.permissions import get_visible_or_404, require
from careloop.core.views import paginate

from .. import selectors, services
from ..forms import StatementForm
from ..models import Contribution, Statement
from .common import INDEX, chosen

STATEMENTS = ("You said, we did", "/coproduction/statements/")


@require("coproduction.view")
def statement_index(request: HttpRequest) -> HttpResponse:
    status = chosen(request, "status", Statement.Status.values)
    return render(
        request,
        "coproduction/statement_index.html",
        {
            "title": "You said, we did",
            "status": status,
            "statuses": Statement.Status.choices,
            "breadcrumbs": [INDEX],
            **paginate(request, selectors.statements(status=status)),
        },
    )


@require("coproduction.view")
def statement_show(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_visible_or_404(
        request.user, Statement.objects.select_related("project", "contribution"), pk=pk
    )
    return render(
        request,
        "coproduction/statement_show.html",
        {
            "title": statement.title,
            "statement": statement,
            "action": selectors.named_action(statement, request.user),
            "history": core_selectors.history_for(statement),
            "breadcrumbs": [INDEX, STATEMENTS],
        },
    )


def _from_contribution(pk: str) -> dict:
    """A new statement's first words, from what people said and what changed."""
    number = web.query_id(pk)
    found = Contribution.objects.filter(pk=number).first() if number else None
    if found is None:
        return {}
    return {
        "contribution": found,
        "project": found.project,
        "you_said": found.said,
        "we_did": found.what_changed,
        "source": Statement.Source.COPRODUCTION,
        "title": found.project.title[:150],
    }


@require("coproduction.edit")
def statement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    statement = get_visible_or_404(request.user, Statement.objects.all(), pk=pk) if pk else None
    form = StatementForm(
        request.POST or None,
        instance=statement,
        initial=_from_contribution(request.GET.get("contribution", "")),
        actions=selectors.actions_to_name(request.user),
    )
    return web.form_view(
        request,
        form,
        lambda data: services.statement_save(statement=statement, **data),
        f"Edit {statement}" if statement else "Write a “You said, we did”",
        success="Statement saved",
        breadcrumbs=web.crumbs(
            INDEX,
            STATEMENTS,
            *([(statement.title, statement.get_absolute_url())] if statement else []),
        ),
        intro="These are published on a public page. Say what people told us and what "
        "changed, in plain words, with nothing that could identify anyone.",
        cancel_url=statement.get_absolute_url() if statement else STATEMENTS[1],
    )


MOVES = {
    "publish": (services.statement_publish, "Published on the public “You said, we did” page"),
    "withdraw": (services.statement_withdraw, "Withdrawn from the public page"),
}


@require_POST
@require("coproduction.publish")
def statement_publish(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    statement = get_visible_or_404(request.user, Statement.objects.all(), pk=pk)
    if what not in MOVES:
        raise Http404
    move, done = MOVES[what]
    refused = forms.Form({})  # the button posts nothing: a refusal's reasons land here
    if web.attempt(refused, lambda: move(statement=statement)):
        messages.success(request, done)
    for reason in dict.fromkeys(refused.non_field_errors()):
        messages.error(request, str(reason))
    return redirect(statement)
