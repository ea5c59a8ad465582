"""Forms for the catalogue and for recording training."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukModelForm
from careloop.core.models import Team, User
from careloop.learning.models import Action

from .. import selectors, services
from ..models import CareerStage, Completion, Course


class CourseForm(GovukModelForm):
    audience_teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.all(),
        required=False,
        label="Teams it is for",
        help_text="Leave empty when it is for everyone.",
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
    )
    audience_stages = forms.MultipleChoiceField(
        choices=CareerStage.choices,
        required=False,
        label="Career stages it is for",
        help_text="Leave empty when it is for every career stage.",
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
    )

    url = forms.URLField(max_length=500, required=False, label="Link", assume_scheme="https")

    class Meta:
        model = Course
        fields = services.COURSE_FIELDS
        widgets = {
            "kind": forms.RadioSelect(attrs={"small": True}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(is_restricted=False).order_by(
            "-created_at"
        )
        self.fields["action"].required = False
        if self.instance.pk:
            self.initial["audience_teams"] = list(
                self.instance.audience_teams.values_list("pk", flat=True)
            )


class CompletionForm(GovukModelForm):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label="Who completed it?")
    course = forms.ModelChoiceField(queryset=Course.objects.none(), label="Course")
    completed_on = DateField(label="Date completed", help_text="For example, 27 3 2026")
    evidence = forms.CharField(
        max_length=300,
        required=False,
        label="Evidence (optional)",
        help_text="A certificate number or where the attendance register is kept.",
    )

    class Meta:
        model = Completion
        fields = services.COMPLETION_FIELDS

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else selectors.active_people()
        self.fields["course"].queryset = Course.objects.active()
