"""Forms for recording an evaluation (and its decision) and rewording its summary."""

from __future__ import annotations

from typing import cast

from django import forms

from careloop.core.forms import DateField, GovukForm

from .. import services
from ..models import Evaluation


class NeededWithDecision(forms.CharField):
    """Shown without "(optional)": it is needed whenever a decision is made (the service
    checks), though not when there is none."""

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        pass


class EvaluationForm(GovukForm):
    """What evaluation_record takes; without the right to decide, an interim one only."""

    field_order = services.EVALUATION_FIELDS

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
            kind = cast(forms.ChoiceField, self.fields["kind"])
            kind.choices = [(Evaluation.Kind.INTERIM, Evaluation.Kind.INTERIM.label)]


class SummaryForm(GovukForm):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}), label="Plain-English summary"
    )
