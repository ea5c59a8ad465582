"""Learning briefs."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import Team
from careloop.learning import services
from careloop.learning.models import AnnualReportText, LearningBrief, Review


class BriefForm(GovukModelForm):
    read_by = DateField(
        label="Read by", required=False, help_text="When staff should have read it."
    )

    class Meta:
        model = LearningBrief
        fields = list(services.BRIEF_FIELDS)
        widgets = {
            "format": forms.RadioSelect(attrs={"small": True}),
            "teams": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in services.BRIEF_SECTIONS},
        }
        help_texts = {"teams": "Everyone in these teams is sent the brief when you send it."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        reviews = Review.objects.all()
        if user is not None:
            reviews = reviews.visible_to(user)
        self.fields["review"].queryset = reviews
        self.fields["teams"].queryset = Team.objects.order_by("name")


class SendBriefForm(GovukForm):
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label="Send to these teams",
        required=False,
    )


class ReportTextForm(GovukModelForm):
    published_on = DateField(label="Date published", required=False)

    class Meta:
        model = AnnualReportText
        fields = list(services.REPORT_TEXT_FIELDS)
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "general_importance": forms.Textarea(attrs={"rows": 8}),
        }
