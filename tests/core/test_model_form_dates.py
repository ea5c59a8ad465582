"""A model's date fields are GOV.UK date inputs in every GovukModelForm, by the form metaclass."""

import datetime as dt

from django import forms

from careloop.core.forms import DateField, GovukDateInput, GovukModelForm
from careloop.learning.models import Review


class ReviewDates(GovukModelForm):
    class Meta:
        model = Review
        fields = ("title", "started_on", "reported_on")
        field_classes = {"reported_on": forms.DateField}  # a form may still choose another


def test_a_model_date_field_is_a_govuk_date_unless_the_form_says_otherwise():
    form = ReviewDates()
    assert type(form.fields["started_on"]) is DateField
    assert isinstance(form.fields["started_on"].widget, GovukDateInput)
    assert type(form.fields["reported_on"]) is forms.DateField
    assert type(form.fields["title"]) is forms.CharField


def test_the_date_is_read_from_its_three_boxes(db):
    form = ReviewDates(
        {
            "title": "Ramps",
            "started_on_0": "27",
            "started_on_1": "3",
            "started_on_2": "2026",
            "reported_on": "",
        }
    )
    form.is_valid()
    assert form.cleaned_data["started_on"] == dt.date(2026, 3, 27)
