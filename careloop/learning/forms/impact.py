"""Measures, their figures and impact links."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.learning import services
from careloop.learning.models import ImpactLink, Measure
from careloop.learning.series import providers


class MeasureForm(GovukModelForm):
    class Meta:
        model = Measure
        fields = list(services.MEASURE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect(attrs={"small": True}),
        }
        labels = {"kind": "What kind of figure is it?", "direction": "Which way is better?"}


class ProvidedMeasureForm(GovukForm):
    """Choose a series another area provides (e.g. complaints about one team)."""

    series = forms.ChoiceField(label="Series", help_text="Monthly figures careloop already holds.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for provider in providers():
            if provider.options:
                group = [(f"{provider.key}|{v}", label) for v, label in provider.choices()]
                choices.append((provider.label, group))
            else:
                choices.append((f"{provider.key}|", provider.label))
        self.fields["series"].choices = [("", "Choose a series"), *choices]

    def provider(self) -> tuple[str, str]:
        key, _, option = self.cleaned_data["series"].partition("|")
        return key, option


class MeasureValueForm(GovukForm):
    month = forms.CharField(label="Month", help_text="For example 2026-04 or April 2026.")
    value = forms.DecimalField(label="Value")
    total = forms.DecimalField(label="Out of (for a proportion)", required=False)

    def clean_month(self):
        month = services.parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError("Enter a month like 2026-04 or April 2026")
        return month


class MeasureImportForm(GovukForm):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: month (e.g. 2026-04), value, and total for a proportion.",
    )
    dry_run = forms.BooleanField(label="Check the file only; import nothing", required=False)


class ImpactForm(GovukModelForm):
    effect_on = DateField(
        label="Date the change took effect",
        help_text="The month containing this date is the first month counted as after.",
    )
    baseline_from = DateField(
        label="Compare with the months from",
        required=False,
        help_text="The first month of the before period. Leave blank for 12 months before.",
    )

    class Meta:
        model = ImpactLink
        fields = ["measure", "effect_on", "baseline_from", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        effect, base = data.get("effect_on"), data.get("baseline_from")
        if effect and base and base.replace(day=1) >= effect.replace(day=1):
            self.add_error(
                "baseline_from", "The before period must start before the change took effect"
            )
        return data
