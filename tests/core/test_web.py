"""The one web layer: a service's refusal lands on the form, on its field when it names one."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from careloop.core import web
from careloop.core.services import ServiceError


class NoteForm(forms.Form):
    title = forms.CharField()
    due = forms.CharField(required=False)


def _post(data):
    request = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_naming_a_field_lands_on_that_field():
    request = _post({"title": "Ramps"})
    form = NoteForm(request.POST)

    def refuse(data):
        raise ServiceError("The date is in the past", field="due")

    assert web.submit(request, form, refuse) is None
    assert form.errors == {"due": ["The date is in the past"]}


def test_several_fields_and_unknown_fields_go_to_the_top():
    form = NoteForm({"title": "Ramps"})
    assert form.is_valid()
    error = ServiceError({"title": "Taken", "owner": ["No owner", "Left"]})
    assert web.attempt(form, lambda: (_ for _ in ()).throw(error)) is None
    assert form.errors["title"] == ["Taken"]
    assert form.non_field_errors() == ["No owner", "Left"]
    assert str(error) == "Taken; No owner; Left"


def test_success_returns_the_result_and_says_so():
    request = _post({"title": "Ramps"})
    form = NoteForm(request.POST)
    assert web.submit(request, form, lambda data: data["title"], success="Saved") == "Ramps"
    assert [str(m) for m in request._messages] == ["Saved"]


def test_a_get_or_an_invalid_form_calls_nothing():
    called = []
    get = RequestFactory().get("/")
    assert web.submit(get, NoteForm(), called.append) is None
    request = _post({})
    assert web.submit(request, NoteForm(request.POST), called.append) is None
    assert called == []


def test_without_a_form_the_refusal_is_raised_on():
    with pytest.raises(ServiceError):
        web.attempt(None, lambda: (_ for _ in ()).throw(ServiceError("No")))


def test_a_validation_error_becomes_a_service_error_by_field():
    from django.core.exceptions import ValidationError

    error = ServiceError.from_validation(ValidationError({"due": "Too late"}))
    assert error.errors == {"due": ["Too late"]} and error.field == "due"
    assert ServiceError.from_validation(ValidationError("Whole")).errors == {None: ["Whole"]}


def test_a_button_that_is_refused_shows_why_as_messages():
    request = _post({})
    error = ServiceError({"title": "Taken", None: ["Taken", "Closed"]})
    assert web.act(request, lambda: (_ for _ in ()).throw(error), success="Done") is None
    assert [str(m) for m in request._messages] == ["Taken", "Closed"]


def test_a_button_that_works_says_so():
    request = _post({})
    assert web.act(request, lambda: None, success="Done") is True
    assert [str(m) for m in request._messages] == ["Done"]


def test_a_button_returns_what_the_service_returned_even_when_falsy():
    request = _post({})
    assert web.act(request, lambda: 0) == 0
    assert web.act(request, lambda: []) == []


def test_a_form_view_that_saves_says_so_from_the_result_and_goes_where_told():
    request = _post({"title": "Ramps"})
    response = web.form_view(
        request,
        NoteForm(request.POST),
        lambda data: data["title"],
        "Add a note",
        success=lambda title: f"“{title}” saved",
        redirect_to=lambda title: f"/notes/{title.lower()}/",
    )
    assert (response.status_code, response["Location"]) == (302, "/notes/ramps/")
    assert [str(m) for m in request._messages] == ["“Ramps” saved"]


def test_a_form_view_goes_to_a_fixed_place_when_told():
    request = _post({"title": "Ramps"})
    response = web.form_view(
        request, NoteForm(request.POST), lambda data: 0, "Add a note", redirect_to="/notes/"
    )
    assert response["Location"] == "/notes/"  # 0 is a result: only None means not saved


@pytest.mark.parametrize("data", [{}, {"title": "Ramps"}])
def test_a_form_view_not_saved_shows_the_form_page_with_its_arguments(monkeypatch, data):
    shown = []
    monkeypatch.setattr(web, "form_page", lambda *args, **page: shown.append((args, page)))
    request = _post(data)
    form = NoteForm(request.POST)

    def refuse(data):
        raise ServiceError("Taken", field="title")

    web.form_view(request, form, refuse, "Add a note", success="Saved", cancel_url="/notes/")
    assert shown == [((request, form, "Add a note"), {"cancel_url": "/notes/"})]
    assert form.errors["title"] == (["Taken"] if data else ["This field is required."])
    assert list(request._messages) == []
