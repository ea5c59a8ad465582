"""Forms of the assurance area (GOV.UK markup through core.forms)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from careloop.assurance.cqc.report_parser import decode_page
from careloop.assurance.models import (
    EvidenceItem,
    FrameworkVersion,
    QualityStatement,
    ScoreLevel,
    SelfAssessment,
    StatementAssessment,
)
from careloop.core.attachments import check_upload
from careloop.core.forms import DateField, GovukForm, GovukModelForm


class LinesField(forms.CharField):
    """A list of short texts typed one per line (stored as a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def statement_choices(framework: FrameworkVersion) -> list[tuple[int, str]]:
    return [(s.number, f"{s.number}. {s.name}") for s in framework.statements.all()]


def category_choices(framework: FrameworkVersion) -> list[tuple[str, str]]:
    return [
        (c.key, c.name if c.used_by_cqc else f"{c.name} (not used by CQC for local authorities)")
        for c in framework.categories.all()
    ]


# --- Evidence -------------------------------------------------------------------------------------
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
    file = forms.FileField(
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
        self.fields["statements"].choices = statement_choices(framework)
        self.fields["category"].choices = category_choices(framework)
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

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            check_upload(file)
        return file

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
        self.fields["statements"].choices = statement_choices(framework)
        self.fields["category"].choices = category_choices(framework)
        self.fields["category"].error_messages["required"] = "Choose the evidence category"


# --- Self-assessment ------------------------------------------------------------------------------
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
        fields = ["title", "as_at", "summary", "evidence_max_age_months", "min_items_per_category"]
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
        fields = ["score", "rationale", "strengths", "areas_for_development", "key_findings"]
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


# --- Published reports of other councils ----------------------------------------------------------
PAGE_TYPES = {".txt", ".html", ".htm"}
MAX_PAGE_BYTES = 2 * 1024 * 1024


class PeerImportForm(GovukForm):
    text = forms.CharField(
        label="Paste the page",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Copy all the text of the page from the CQC website, or its HTML.",
    )
    file = forms.FileField(
        label="Or upload the saved page",
        required=False,
        help_text="A web page saved from your browser (.html) or a text file (.txt).",
    )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file:
            return file
        if Path(file.name).suffix.lower() not in PAGE_TYPES:
            raise ValidationError("The file must be a saved web page (.html) or a text file (.txt)")
        if file.size > MAX_PAGE_BYTES:
            raise ValidationError("The file must be smaller than 2 MB")
        data = file.read()
        if b"\x00" in data[:4096]:
            raise ValidationError("The file is not a saved web page or text")
        self.file_text, self.file_warnings = decode_page(data)
        return file

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("text", "").strip() and not data.get("file"):
            raise ValidationError("Paste the page or upload the saved page")
        if data.get("text", "").strip() and data.get("file"):
            raise ValidationError("Paste the page or upload it, not both")
        return data

    def encoding_warnings(self) -> list[str]:
        """What went wrong reading the uploaded file's characters (bytes replaced, etc.)."""
        return list(getattr(self, "file_warnings", [])) if self.cleaned_data.get("file") else []

    def page_text(self) -> tuple[str, str]:
        """(text, source name)."""
        if self.cleaned_data.get("file"):
            return self.file_text, self.cleaned_data["file"].name
        return self.cleaned_data["text"], "pasted"


class PeerConfirmForm(GovukForm):
    council = forms.CharField(
        max_length=200,
        help_text="As printed on the page. Change it only if the page does not say.",
        error_messages={"required": "Say which council the page is about"},
    )
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)


# --- The framework (administrators) ---------------------------------------------------------------
class QualityStatementForm(GovukModelForm):
    variants = LinesField(
        label="Other names", required=False, help_text="One a line, as CQC pages spell them."
    )
    what_people_expect = LinesField(
        label="What people expect", required=False, help_text="The 'I statements', one a line."
    )

    class Meta:
        model = QualityStatement
        fields = ["name", "variants", "commitment", "what_people_expect"]
        widgets = {"commitment": forms.Textarea(attrs={"rows": 4})}


class ScoreLevelForm(GovukModelForm):
    class Meta:
        model = ScoreLevel
        fields = ["wording", "rating"]


class FrameworkCopyForm(GovukForm):
    version = forms.CharField(
        label="Name of the new version",
        max_length=40,
        help_text="For example, cqc-la-2026.03-local.",
    )
    name = forms.CharField(label="Title", max_length=200, required=False)
