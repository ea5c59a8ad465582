"""Performance forms: a local measure; the council and its comparator group."""

from __future__ import annotations

from django import forms

from careloop.core.forms import GovukForm, GovukModelForm

from . import services
from .models import COMPARATORS, Council, Measure


class MeasureForm(GovukModelForm):
    class Meta:
        model = Measure
        fields = [*services.MEASURE_FIELDS, "themes"]


class ThemesForm(GovukModelForm):
    class Meta:
        model = Measure
        fields = ["themes"]


class HomeForm(GovukForm):
    council = forms.ModelChoiceField(
        queryset=Council.objects.all(), label="The council careloop serves"
    )
    comparator = forms.ChoiceField(label="Compare it with", choices=COMPARATORS)


class LocalFigureForm(GovukForm):
    period = forms.CharField(
        label="Period", max_length=7, help_text="A month (2026-03), quarter (2026-Q1) or year"
    )
    value = forms.FloatField(label="Value")
