"""Forms of the self-assessment: its details, each statement, review and sign-off, and the
evidence behind a sentence."""

from __future__ import annotations

from django import forms

from careloop.assurance import services
from careloop.assurance.models import (
    SelfAssessment,
    StatementAssessment,
)
from careloop.core.forms import DateField, GovukForm, GovukModelForm


class SelfAssessmentForm(GovukModelForm):
    as_at = DateField(
        label="Evidence as at",
        help_text="For example, 31 3 2026.",
        error_messages={"required": "Enter the date the evidence speaks for"},
    )
    summary = forms.CharField(
        label="Summary of people's experiences",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The overall summary, as on the first page of a CQC report. Leave a blank "
        "line between paragraphs.",
    )

    class Meta:
        model = SelfAssessment
        fields = list(services.ASSESSMENT_FIELDS)
        error_messages = {"title": {"required": "Enter a title"}}
        help_texts = {
            "evidence_max_age_months": "Evidence older than this shows as out of date in the "
            "coverage view and is not drafted into the key findings.",
            "min_items_per_category": "A statement with fewer current items than this in an "
            "evidence category shows that category as thin.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("evidence_max_age_months", "min_items_per_category"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-3"
        if self.instance.pk is None:
            del self.fields["summary"]
            self.fields["draft"] = forms.BooleanField(
                label="Draft the key findings of every statement from the evidence library now",
                required=False,
                initial=True,
            )


class StatementAssessmentForm(GovukModelForm):
    score = forms.TypedChoiceField(
        label="Proposed score",
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StatementAssessment
        fields = list(services.STATEMENT_FIELDS)
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 5}),
            "areas_for_development": forms.Textarea(attrs={"rows": 5}),
            "key_findings": forms.Textarea(attrs={"rows": 18}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = self.instance.self_assessment.framework.score_levels.all()
        self.fields["score"].choices = [("", "Not scored yet")] + [
            (level.score, f"{level.score} - {level.wording}") for level in levels
        ]


class ReviewForm(GovukForm):
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(GovukForm):
    comment = forms.CharField(
        label="Why is the sign-off withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the sign-off is withdrawn"},
    )


class SentenceLinkForm(GovukForm):
    evidence = forms.TypedMultipleChoiceField(
        label="Evidence this sentence rests on",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [
            (item.pk, f"{item.title} ({item.source}, {item.date:%B %Y})") for item in items
        ]
