"""Forms for a person's story of a pilot and for a risk to it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from careloop.core.forms import GovukModelForm

from .. import services
from ..models import Risk, Story


class StoryForm(GovukModelForm):
    class Meta:
        model = Story
        fields = services.STORY_FIELDS
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def clean_consent(self):
        if not self.cleaned_data.get("consent"):
            raise ValidationError(services.NO_CONSENT)
        return True


class RiskForm(GovukModelForm):
    class Meta:
        model = Risk
        fields = services.RISK_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "likelihood": forms.RadioSelect(attrs={"small": True}),
            "impact": forms.RadioSelect(attrs={"small": True}),
        }
        help_texts = {
            "likelihood": "1 is very unlikely, 5 almost certain.",
            "impact": "1 is minor, 5 severe harm to people or the service.",
        }
