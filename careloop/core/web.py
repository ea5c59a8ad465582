"""The one web layer every app's views use: form pages and calling a service from a form.

A view reads input, calls one service and renders the result. The pieces every app needs for
that live here, so no view catches a service's refusal itself:

- `submit(request, form, call, success=...)`: for a POSTed, valid form, run the service;
  a `ServiceError` becomes errors on the form (each on its field when the form has one, else
  at the top), shown in the GOV.UK error summary, and nothing is saved.
- `attempt(form, call)`: the same for a form that is already validated (or none at all).
- `act(request, call, success=...)`: for a button that posts nothing (move, delete, mark
  done): run the service; a refusal becomes error messages on the page the view redirects to.
- `form_page(request, form, title, ...)`: render the standard one-form page.
- `crumbs(root, *more)`: breadcrumbs as `[(label, url), ...]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from careloop.core.services import ServiceError

T = TypeVar("T")
Crumb = tuple[str, str]


def refusal_to_form(form: BaseForm, error: ServiceError) -> None:
    """Put a service's refusal on the form: on the field it names, if the form has it."""
    for field, msgs in error.errors.items():
        target = field if field in form.fields else None
        for message in msgs:
            form.add_error(target, message)


def attempt(form: BaseForm | None, call: Callable[[], T]) -> T | None:
    """Run a service; a refusal becomes errors on the form, and the result is None.

    With no form (a button that posts nothing), the refusal is raised on."""
    try:
        return call()
    except ServiceError as error:
        if form is None:
            raise
        refusal_to_form(form, error)
        return None


def submit(
    request: HttpRequest,
    form: BaseForm,
    call: Callable[[dict[str, Any]], T],
    *,
    success: str = "",
) -> T | None:
    """For a POSTed, valid form, run ``call(form.cleaned_data)`` and return its result.

    Returns None when the request is not a POST, the form is invalid, or the service refused
    (its reasons are then on the form). On success, `success` is shown as a message.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ServiceError as error:
        refusal_to_form(form, error)
        return None
    if success:
        messages.success(request, success)
    return result


@overload
def act(request: HttpRequest, call: Callable[[], None], *, success: str = "") -> bool | None: ...
@overload
def act(request: HttpRequest, call: Callable[[], T], *, success: str = "") -> T | None: ...
def act(request: HttpRequest, call: Callable[[], Any], *, success: str = "") -> Any:
    """Run a service for a button that posts nothing (move, delete, start a run).

    Returns what the service returned (True when it returned nothing), or None when it
    refused: test ``is None`` for a refusal, since a service may return 0 or an empty list.
    A refusal is shown as error messages (each once) at the top of the next page; on
    success, `success` is shown as a message."""
    try:
        result = call()
    except ServiceError as error:
        for message in dict.fromkeys(error.messages):
            messages.error(request, message)
        return None
    if success:
        messages.success(request, success)
    return True if result is None else result


def form_page(
    request: HttpRequest,
    form: BaseForm,
    title: str,
    *,
    breadcrumbs: Iterable[Crumb] = (),
    submit: str = "Save",
    intro: str = "",
    cancel_url: str = "",
    template: str = "core/form_page.html",
    **context: Any,
) -> HttpResponse:
    """The standard page with one form (its error summary comes from the base template)."""
    return render(
        request,
        template,
        {
            "title": title,
            "form": form,
            "breadcrumbs": list(breadcrumbs),
            "submit": submit,
            "intro": intro,
            "cancel_url": cancel_url,
            **context,
        },
    )


def crumbs(root: Crumb, *more: Crumb) -> list[Crumb]:
    return [root, *more]
