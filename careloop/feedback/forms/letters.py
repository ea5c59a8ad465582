"""Letters: editing a template, choosing one for a record, and checking the letter."""

from __future__ import annotations

from django import forms

from careloop.core.forms import GovukForm, GovukModelForm
from careloop.feedback.letter_text import check_template
from careloop.feedback.models import LetterTemplate


class LetterTemplateForm(GovukModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["name", "purpose", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        check_template(body)
        return body


class LetterForm(GovukForm):
    template = forms.ModelChoiceField(
        label="Which letter?",
        queryset=LetterTemplate.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a letter"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = LetterTemplate.objects.filter(is_active=True)


class LetterTextForm(GovukForm):
    template = forms.ModelChoiceField(
        queryset=LetterTemplate.objects.all(), widget=forms.HiddenInput
    )
    text = forms.CharField(
        label="The letter",
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Filled in from the template. Change the wording for this person if you need "
        "to; the template itself is not changed.",
        error_messages={"required": "The letter is empty"},
    )
