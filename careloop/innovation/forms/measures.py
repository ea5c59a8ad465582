"""A measure's form and the form for one period's figures."""

from __future__ import annotations

import datetime as dt

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm

from .. import services
from ..models import Measure

MONTHS = [(i, dt.date(2000, i, 1).strftime("%B")) for i in range(1, 13)]


class MeasureForm(GovukModelForm):
    class Meta:
        model = Measure
        fields = services.MEASURE_FIELDS
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

    @property
    def period_field(self) -> str:
        """Where the period is asked for, so a refusal about the period lands there."""
        return "month" if "month" in self.fields else "week_of"
