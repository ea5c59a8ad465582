"""Forms of the evidence library: a document or link, and confirming its tags."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError

from careloop.assurance import services
from careloop.assurance.models import (
    EvidenceItem,
    FrameworkVersion,
)
from careloop.core.attachments import UploadField
from careloop.core.forms import DateField, GovukForm


def statement_choices(framework: FrameworkVersion) -> list[tuple[int, str]]:
    return [(s.number, f"{s.number}. {s.name}") for s in framework.statements.all()]


def set_choices(form: forms.BaseForm, name: str, choices: Sequence[tuple[object, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def category_choices(framework: FrameworkVersion) -> list[tuple[str, str]]:
    return [
        (c.key, c.name if c.used_by_cqc else f"{c.name} (not used by CQC for local authorities)")
        for c in framework.categories.all()
    ]


class EvidenceForm(GovukForm):
    """A document or web link for the library, with an optional survey figure."""

    title = forms.CharField(
        max_length=200, help_text="For example, 'Carers Strategy 2024 to 2029'."
    )
    summary = forms.CharField(
        label="What it shows",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A sentence or two in plain English. careloop uses it when it drafts the "
        "key findings.",
    )
    date = DateField(
        label="Date",
        help_text="The date it speaks for. For example, 31 3 2026.",
        error_messages={"required": "Enter the date it speaks for"},
    )
    source = forms.CharField(
        max_length=200,
        help_text="Who produced it, for example 'Northshire County Council'.",
        error_messages={"required": "Enter who produced it"},
    )
    file = UploadField(
        label="Upload a file", required=False, error_messages={"required": "Choose the file"}
    )
    url = forms.URLField(
        label="Web link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": "Enter the web link",
            "invalid": "Enter a web link, like https://www.example.org",
        },
    )
    statements = forms.TypedMultipleChoiceField(
        label="Quality statements it is evidence for",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave these empty and careloop will suggest them for someone to confirm.",
    )
    category = forms.ChoiceField(
        label="Evidence category", required=False, widget=forms.RadioSelect
    )
    figure_measure = forms.CharField(
        label="What the figure measures",
        required=False,
        max_length=200,
        help_text="For a survey result only. For example, 'of people who use services felt in "
        "control of their daily life'.",
    )
    figure_value = forms.FloatField(label="Percentage", required=False, min_value=0, max_value=100)
    figure_comparator = forms.FloatField(
        label="England average (percentage)", required=False, min_value=0, max_value=100
    )
    is_restricted = forms.BooleanField(
        label="Restricted: only quality leads and administrators may see it", required=False
    )
    restriction_reason = forms.CharField(label="Why it is restricted", required=False)

    def __init__(self, *args, kind: str, framework: FrameworkVersion, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        set_choices(self, "statements", statement_choices(framework))
        set_choices(self, "category", category_choices(framework))
        if kind == EvidenceItem.Kind.DOCUMENT:
            del self.fields["url"]
            if editing:
                del self.fields["file"]
            else:
                self.fields["file"].required = True
        else:
            del self.fields["file"]
            self.fields["url"].required = True
        if editing:  # tags are confirmed on the item's page
            del self.fields["statements"]
            del self.fields["category"]

    def clean(self):
        data = super().clean()
        given = [data.get(k) not in (None, "") for k in ("figure_measure", "figure_value")]
        if any(given) and not all(given):
            raise ValidationError("To add a figure, give both what it measures and its percentage")
        if data.get("figure_comparator") is not None and not all(given):
            raise ValidationError("Give the figure itself as well as the England average")
        if data.get("is_restricted") and not data.get("restriction_reason", "").strip():
            self.add_error("restriction_reason", "Say why it is restricted")
        return data

    def figure(self) -> dict | None:
        data = self.cleaned_data
        if data.get("figure_value") is None:
            return None
        figure = {
            "measure": data["figure_measure"],
            "value_pct": data["figure_value"],
            "survey": data["source"],
            "date": f"{data['date']:%B %Y}",
        }
        if data.get("figure_comparator") is not None:
            figure["comparator_pct"] = data["figure_comparator"]
        return figure

    @classmethod
    def initial_for(cls, item: EvidenceItem) -> dict:
        figures = item.figures or {}
        return {
            "title": item.title,
            "summary": item.summary,
            "date": item.date,
            "source": item.source,
            "url": item.url,
            "figure_measure": figures.get("measure", ""),
            "figure_value": figures.get("value_pct"),
            "figure_comparator": figures.get("comparator_pct"),
            "is_restricted": item.is_restricted,
            "restriction_reason": item.restriction_reason,
        }


class EvidenceConfirmForm(GovukForm):
    field_order = services.CONFIRM_FIELDS

    statements = forms.TypedMultipleChoiceField(
        label="Quality statements it is evidence for",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none to leave it out of the self-assessment.",
    )
    category = forms.ChoiceField(label="Evidence category", widget=forms.RadioSelect)

    def __init__(self, *args, framework: FrameworkVersion, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "statements", statement_choices(framework))
        set_choices(self, "category", category_choices(framework))
        self.fields["category"].error_messages["required"] = "Choose the evidence category"
