"""Forms for professional registration and CPD."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm

from .. import services
from ..models import Registration


class RegistrationForm(GovukForm):
    """A plain form, not a model form: the service, not the model, refuses a number already
    recorded (after making it upper case)."""

    field_order = services.REGISTRATION_FIELDS

    body = forms.ChoiceField(
        choices=Registration.Body.choices, label="Registered with", widget=forms.RadioSelect
    )
    number = forms.CharField(max_length=30, label="Registration number")
    renewal_on = DateField(label="Renewal date")


class CpdForm(GovukForm):
    title = forms.CharField(max_length=200, label="What was the learning?")
    done_on = DateField(label="Date")
    hours = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=0,
        required=False,
        label="Hours (optional)",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your reflection",
        help_text="What you learned and how it changed your practice.",
    )
