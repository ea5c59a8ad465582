"""Forms for supervision and the supervision policy."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm
from careloop.core.models import User

from .. import selectors, services
from ..models import SupervisionSession


class SupervisionForm(GovukForm):
    """A plain form, not a model form: the service, not the model, says what is refused."""

    field_order = [*services.SUPERVISION_FIELDS, "private_text"]

    supervisee = forms.ModelChoiceField(queryset=User.objects.none(), label="Who was supervised?")
    supervisor = forms.ModelChoiceField(queryset=User.objects.none(), label="Supervisor")
    held_on = DateField(label="Date held")
    kind = forms.ChoiceField(
        choices=SupervisionSession.Kind.choices,
        label="Type",
        widget=forms.RadioSelect,
        initial=SupervisionSession.Kind.CASE,
    )
    agreed_actions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Agreed actions",
        help_text="Seen by everyone who may read this supervision.",
    )
    private_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Private section (optional)",
        help_text="Only the two of you, and the principal social worker, can read this. It "
        "never appears in lists, downloads or the API.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = selectors.active_people()
        self.fields["supervisor"].queryset = selectors.active_people()


class PrivateNoteForm(GovukForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), label="Private section", required=True
    )


class PolicyForm(GovukForm):
    interval_days = forms.IntegerField(
        label="At least every (days)",
        min_value=7,
        max_value=180,
        help_text="For example 28 for monthly, 42 for six-weekly.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    note = forms.CharField(max_length=300, required=False, label="Note (optional)")
