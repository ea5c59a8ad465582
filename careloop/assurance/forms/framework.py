"""Forms for editing the CQC framework as data (administrators)."""

from __future__ import annotations

from django import forms

from careloop.assurance import services
from careloop.assurance.models import (
    QualityStatement,
    ScoreLevel,
)
from careloop.core.forms import GovukForm, GovukModelForm


class LinesField(forms.CharField):
    """A list of short texts typed one per line (stored as a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class QualityStatementForm(GovukModelForm):
    variants = LinesField(
        label="Other names", required=False, help_text="One a line, as CQC pages spell them."
    )
    what_people_expect = LinesField(
        label="What people expect", required=False, help_text="The 'I statements', one a line."
    )

    class Meta:
        model = QualityStatement
        fields = list(services.QUALITY_STATEMENT_FIELDS)
        widgets = {"commitment": forms.Textarea(attrs={"rows": 4})}


class ScoreLevelForm(GovukModelForm):
    class Meta:
        model = ScoreLevel
        fields = list(services.SCORE_LEVEL_FIELDS)


class FrameworkCopyForm(GovukForm):
    version = forms.CharField(
        label="Name of the new version",
        max_length=40,
        help_text="For example, cqc-la-2026.03-local.",
    )
    name = forms.CharField(label="Title", max_length=200, required=False)
