"""A pilot's form and the form that moves it along its life cycle."""

from __future__ import annotations

from django import forms

from careloop.core.forms import GovukForm, GovukModelForm

from .. import services
from ..models import Pilot
from .common import choices, people


class PilotForm(GovukModelForm):
    class Meta:
        model = Pilot
        fields = services.PILOT_FIELDS
        widgets = {
            "design": forms.RadioSelect,
            "problem": forms.Textarea(attrs={"rows": 3}),
            "idea": forms.Textarea(attrs={"rows": 3}),
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "cohort": forms.Textarea(attrs={"rows": 2}),
            "comparison_group": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "providers": forms.Textarea(attrs={"rows": 2}),
            "budget": forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "0.01"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "lead").queryset = people()


class MoveForm(GovukForm):
    to = forms.ChoiceField(choices=Pilot.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Reason or note"
    )
