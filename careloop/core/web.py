"""The one web layer every app's views use: form pages and calling a service from a form.

A view reads input, calls one service and renders the result. The pieces every app needs for
that live here, so no view catches a service's refusal itself:

- `submit(request, form, call, success=...)`: for a POSTed, valid form, run the service;
  a `ServiceError` becomes errors on the form (each on its field when the form has one, else
  at the top), shown in the GOV.UK error summary, and nothing is saved. The form's one-time
  token (sent by every `{% csrf_token %}`, see templatetags/submission.py) is taken in the
  service's transaction: the same form sent twice saves once, and the second answer is the
  first's record.
- `attempt(form, call)`: the same for a form that is already validated (or none at all).
- `act(request, call, success=...)`: for a button that posts nothing (move, delete, mark
  done): run the service; a refusal becomes error messages on the page the view redirects to.
- `form_page(request, form, title, ...)`: render the standard one-form page.
- `form_view(request, form, call, title, success=..., redirect_to=..., ...)`: the whole of a
  one-form view: `submit`, then on success the redirect, else `form_page`.
- `crumbs(root, *more)`: breadcrumbs as `[(label, url), ...]`.
- `download(request, rows, columns, ...)`: a list's CSV or XLSX download (`?format=`).
- `<id:pk>` in a URL (`IdConverter`): a record id, never one too big for the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import register_converter
from django.utils import timezone

from careloop.core.exports import FORMATS, Column, export_response
from careloop.core.models import SubmissionToken, User
from careloop.core.services import ServiceError
from careloop.core.templatetags.submission import FIELD as SUBMISSION_FIELD

T = TypeVar("T")
TOKEN_KEPT = dt.timedelta(days=1)
Crumb = tuple[str, str]
# The words a success message says: fixed, or made from what the service returned.
Success = str | Callable[[Any], str]

# The largest record id the databases hold (a signed 64-bit integer); a bigger number is no
# record's, and SQLite or PostgreSQL would fail on it (a 500) rather than find nothing.
MAX_ID = 2**63 - 1
ID_PATTERN = "[0-9]{1,18}"  # URL ids: digits, short enough never to pass MAX_ID


class IdConverter:
    """`<id:pk>` in a URL: a record id, never one too big for the database (those are 404).

    Every page route and the API's router use it (`ID_PATTERN`)."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(IdConverter, "id")


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
    success: Success = "",
) -> T | None:
    """For a POSTed, valid form, run ``call(form.cleaned_data)`` and return its result.

    Returns None when the request is not a POST, the form is invalid, or the service refused
    (its reasons are then on the form). On success, `success` is shown as a message (words,
    or a function that makes them from the result).
    """
    if request.method != "POST":
        return None
    token = request.POST.get(SUBMISSION_FIELD, "")
    sent_before = SubmissionToken.objects.filter(token=token).first() if token else None
    if sent_before is not None:  # before validating: the first one's record may now clash
        return _answer_again(request, form, sent_before)
    if not form.is_valid():
        return None
    try:
        if 16 <= len(token) <= 64:
            with transaction.atomic():
                first = _claim(token, request)
                if first is None:
                    result = call(form.cleaned_data)
                    _remember(token, result)
        else:  # a client that sends no token (the API's forms, an old page): no guard
            first, result = None, call(form.cleaned_data)
    except ServiceError as error:
        refusal_to_form(form, error)
        return None
    if first is not None:
        return _answer_again(request, form, first)
    if success:
        messages.success(request, success(result) if callable(success) else success)
    return result


def _claim(token: str, request: HttpRequest) -> SubmissionToken | None:
    """Take the form's one-time token; if it was taken already, the first submission's row
    (waiting, on a double click, until the first submission's transaction ends)."""
    SubmissionToken.objects.filter(created_at__lt=timezone.now() - TOKEN_KEPT).delete()
    user = request.user if isinstance(request.user, User) else None
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, user=user)
            return None
    except IntegrityError:
        return SubmissionToken.objects.get(token=token)


def _remember(token: str, result: object) -> None:
    if isinstance(result, Model) and result.pk is not None:
        SubmissionToken.objects.filter(token=token).update(
            content_type=ContentType.objects.get_for_model(result), object_id=str(result.pk)
        )


def _answer_again(request: HttpRequest, form: BaseForm, first: SubmissionToken) -> Any:
    """The same form sent again: the first submission's record, not a second one."""
    user = request.user if getattr(request.user, "pk", None) else None
    if first.user_id == getattr(user, "pk", None) and first.content_type and first.object_id:
        model = first.content_type.model_class()
        found = model._default_manager.filter(pk=first.object_id).first() if model else None
        if found is not None:
            messages.info(request, "This form was already sent: here is what it saved")
            return found
    form.add_error(None, "This form was already sent. Open the record to see what was saved.")
    return None


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


def form_view(
    request: HttpRequest,
    form: BaseForm,
    call: Callable[[dict[str, Any]], Any],
    title: str,
    *,
    success: Success = "",
    redirect_to: Any = None,
    **page: Any,
) -> HttpResponse:
    """The whole of a one-form view: `submit()` the form to the service; when it saved, go to
    `redirect_to` (a URL, a record or a view name; a function of the result; by default the
    record the service returned); otherwise the form page, `form_page(request, form, title,
    **page)`, with the form's errors and the service's refusal on it."""
    result = submit(request, form, call, success=success)
    if result is None:
        return form_page(request, form, title, **page)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to or result)


def crumbs(root: Crumb, *more: Crumb) -> list[Crumb]:
    return [root, *more]


NO_RECORD = 0  # no record has this id: a filter by it lists nothing


def query_id(value: str | None) -> int | None:
    """A page's filter or link that names a record by id, from the query string: None when
    absent or empty, its number, or NO_RECORD (a filter then lists nothing) when it is not a
    number the databases can hold ("abc", or a huge one that would fail the query with a 500)."""
    if value is None or value == "":
        return None
    if value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return NO_RECORD


def download(
    request: HttpRequest, rows: Any, columns: list[Column], *, filename: str, description: str
) -> HttpResponse:
    """A list page's download, `?format=csv` (the default) or `xlsx`, of `rows` (a queryset or
    a list), audited with the page's filters (`exports.export_response`); another format is
    not a page (404)."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        raise Http404
    return export_response(
        queryset=rows,
        columns=columns,
        filename=filename,
        fmt=fmt,
        description=description,
        filters=request.GET.dict(),
    )
