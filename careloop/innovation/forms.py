"""Forms for pilots, measures, readings, stories, risks, evaluations and external learning."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import User

from .models import Evaluation, ExternalLearning, Measure, Pilot, Reading, Risk, Story

MONTHS = [(i, dt.date(2000, i, 1).strftime("%B")) for i in range(1, 13)]


def _people():
    return User.objects.filter(is_active=True).order_by("full_name")


class PilotForm(GovukModelForm):
    class Meta:
        model = Pilot
        fields = [
            "title",
            "problem",
            "idea",
            "hypothesis",
            "cohort",
            "design",
            "comparison_group",
            "baseline_start",
            "start_date",
            "end_date",
            "partners",
            "providers",
            "budget",
            "lead",
            "team",
        ]
        field_classes = {
            "baseline_start": DateField,
            "start_date": DateField,
            "end_date": DateField,
        }
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
        self.fields["lead"].queryset = _people()


class MeasureForm(GovukModelForm):
    class Meta:
        model = Measure
        fields = [
            "name",
            "definition",
            "kind",
            "denominator_label",
            "per",
            "unit",
            "direction",
            "period",
            "hoped_change",
            "target",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "period": forms.RadioSelect,
            "definition": forms.Textarea(attrs={"rows": 2}),
            "per": forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
            "hoped_change": forms.NumberInput(
                attrs={"class": "govuk-input--width-5", "step": "any"}
            ),
            "target": forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}),
        }

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (Measure.Kind.RATE, Measure.Kind.PROPORTION) and not data.get(
            "denominator_label"
        ):
            self.add_error(
                "denominator_label", "Say what the denominator counts, e.g. 'people discharged'"
            )
        hoped = data.get("hoped_change")
        if hoped is not None and kind in (Measure.Kind.COUNT, Measure.Kind.RATE) and hoped <= -100:
            self.add_error("hoped_change", "A fall must be less than 100%")
        if hoped is not None and kind == Measure.Kind.PROPORTION and not -100 < hoped < 100:
            self.add_error(
                "hoped_change", "A change in percentage points must be between -100 and 100"
            )
        return data


class ReadingForm(GovukForm):
    """One period's figures: the pilot group and (when there is one) the comparison group."""

    month = forms.TypedChoiceField(choices=MONTHS, coerce=int, label="Month")
    year = forms.IntegerField(min_value=2000, max_value=2100, label="Year")
    week_of = DateField(label="Week beginning", required=False)
    value = forms.DecimalField(max_digits=14, decimal_places=4, label="Pilot group")
    denominator = forms.DecimalField(max_digits=14, decimal_places=4, required=False)
    comparison_value = forms.DecimalField(
        max_digits=14, decimal_places=4, required=False, label="Comparison group"
    )
    comparison_denominator = forms.DecimalField(max_digits=14, decimal_places=4, required=False)
    note = forms.CharField(
        max_length=300, required=False, help_text="Anything unusual about this period."
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        weekly = measure.period == Measure.Period.WEEK
        if weekly:
            del self.fields["month"], self.fields["year"]
            self.fields["week_of"].required = True
        else:
            del self.fields["week_of"]
            today = dt.date.today()
            self.fields["month"].initial = (today.replace(day=1) - dt.timedelta(days=1)).month
            self.fields["year"].initial = (today.replace(day=1) - dt.timedelta(days=1)).year
            self.fields["year"].widget.attrs["class"] = "govuk-input--width-4"
        label = measure.value_label
        self.fields["value"].label = f"Pilot group: {label.lower()}"
        self.fields["comparison_value"].label = f"Comparison group: {label.lower()}"
        if measure.needs_denominator:
            what = measure.denominator_label or "total"
            self.fields["denominator"].label = f"Pilot group: {what}"
            self.fields["comparison_denominator"].label = f"Comparison group: {what}"
        else:
            del self.fields["denominator"], self.fields["comparison_denominator"]
        if not measure.pilot.uses_comparison:
            del self.fields["comparison_value"]
            self.fields.pop("comparison_denominator", None)
        for name in ("value", "denominator", "comparison_value", "comparison_denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"class": "govuk-input--width-10", "inputmode": "decimal"}
                )

    def clean(self):
        data = super().clean()
        if "week_of" in self.fields:
            if data.get("week_of"):
                data["period_start"] = self.measure.period_start(data["week_of"])
        elif data.get("month") and data.get("year"):
            data["period_start"] = dt.date(data["year"], data["month"], 1)
        if (
            "comparison_value" in self.fields
            and data.get("comparison_value") is None
            and data.get("comparison_denominator") is not None
        ):
            self.add_error("comparison_value", "Enter the comparison group's figure too")
        return data

    def readings(self) -> list[dict]:
        """The readings to record: the pilot group's, and the comparison group's if given."""
        data = self.cleaned_data
        out = [
            {
                "group": Reading.Group.PILOT,
                "value": data["value"],
                "denominator": data.get("denominator"),
                "prefix": "",
            }
        ]
        if data.get("comparison_value") is not None:
            out.append(
                {
                    "group": Reading.Group.COMPARISON,
                    "value": data["comparison_value"],
                    "denominator": data.get("comparison_denominator"),
                    "prefix": "comparison_",
                }
            )
        return out


class StoryForm(GovukModelForm):
    class Meta:
        model = Story
        fields = ["title", "story", "whose", "told_on", "consent"]
        field_classes = {"told_on": DateField}
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def clean_consent(self):
        if not self.cleaned_data.get("consent"):
            raise ValidationError(
                "A story can only be kept when the person has agreed to it being used"
            )
        return True


class RiskForm(GovukModelForm):
    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "mitigation", "is_open"]
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


class MoveForm(GovukForm):
    to = forms.ChoiceField(choices=Pilot.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Reason or note"
    )


class NeededWithDecision(forms.CharField):
    """Shown without "(optional)": it is needed whenever a decision is made (the service
    checks), though not when there is none."""

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        pass


class EvaluationForm(GovukForm):
    kind = forms.ChoiceField(
        choices=Evaluation.Kind.choices, widget=forms.RadioSelect, label="Kind of evaluation"
    )
    data_to = DateField(
        label="Data up to",
        help_text="Readings for periods starting after this date are left out. For example, "
        "31 3 2026.",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Plain-English summary",
        help_text="careloop has drafted this from the figures. Edit it so that anyone can "
        "understand it; keep what it says about thin data.",
    )
    decision = forms.ChoiceField(
        choices=[("", "No decision yet"), *Evaluation.Decision.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = NeededWithDecision(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reasons for the decision",
        help_text="Needed when you record a decision: what the figures, people’s stories, cost "
        "and risks told you.",
    )
    extend_to = DateField(
        label="Continue until",
        required=False,
        help_text="When adapting and continuing: the pilot's new planned end.",
    )

    def __init__(self, *args, can_decide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_decide:
            for name in ("decision", "reasons", "extend_to"):
                del self.fields[name]
            self.fields["kind"].choices = [(Evaluation.Kind.INTERIM, Evaluation.Kind.INTERIM.label)]


class SummaryForm(GovukForm):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}), label="Plain-English summary"
    )


class ExternalLearningForm(GovukModelForm):
    link = forms.URLField(max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ExternalLearning
        fields = [
            "title",
            "kind",
            "organisation",
            "description",
            "started_on",
            "ended_on",
            "status",
            "lead",
            "learned",
            "shared",
            "link",
        ]
        field_classes = {"started_on": DateField, "ended_on": DateField}
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "learned": forms.Textarea(attrs={"rows": 4}),
            "shared": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _people()


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="Columns: measure, period (e.g. 2026-03 or 2026-03-01), group (pilot or "
        "comparison), value, denominator (for rates and proportions), note.",
    )
    dry_run = forms.BooleanField(required=False, label="Check the file without saving anything")
