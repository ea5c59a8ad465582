"""The form for a record of external learning."""

from __future__ import annotations

from django import forms

from careloop.core.forms import GovukModelForm

from .. import services
from ..models import ExternalLearning
from .common import choices, people


class ExternalLearningForm(GovukModelForm):
    link = forms.URLField(max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ExternalLearning
        fields = services.EXTERNAL_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "learned": forms.Textarea(attrs={"rows": 4}),
            "shared": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "lead").queryset = people()
