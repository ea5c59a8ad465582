"""Forms for the academy's pages (GOV.UK markup from careloop.core.forms)."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import Team, User

from .models import CareerStage, Course, Registration, SupervisionSession


def _people():
    return User.objects.filter(is_active=True).order_by("full_name")


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
        fields = [
            "title",
            "kind",
            "provider",
            "description",
            "duration_hours",
            "mandatory",
            "renewal_months",
            "audience_teams",
            "audience_stages",
            "practice_areas",
            "url",
            "action",
            "is_active",
        ]
        widgets = {
            "kind": forms.RadioSelect(attrs={"small": True}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from careloop.learning.models import Action

        self.fields["action"].queryset = Action.objects.filter(is_restricted=False).order_by(
            "-created_at"
        )
        self.fields["action"].required = False
        if self.instance.pk:
            self.initial["audience_teams"] = list(
                self.instance.audience_teams.values_list("pk", flat=True)
            )


class CompletionForm(GovukForm):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label="Who completed it?")
    course = forms.ModelChoiceField(queryset=Course.objects.none(), label="Course")
    completed_on = DateField(label="Date completed", help_text="For example, 27 3 2026")
    evidence = forms.CharField(
        max_length=300,
        required=False,
        label="Evidence (optional)",
        help_text="A certificate number or where the attendance register is kept.",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else _people()
        self.fields["course"].queryset = Course.objects.active()


class SupervisionForm(GovukForm):
    supervisee = forms.ModelChoiceField(queryset=User.objects.none(), label="Who was supervised?")
    supervisor = forms.ModelChoiceField(queryset=User.objects.none(), label="Supervisor")
    held_on = DateField(label="Date held")
    kind = forms.ChoiceField(
        choices=SupervisionSession.Kind.choices,
        label="Type",
        widget=forms.RadioSelect,
        initial=SupervisionSession.Kind.CASE,
    )
    agreed_actions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Agreed actions",
        help_text="Seen by everyone who may read this supervision.",
    )
    private_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Private section (optional)",
        help_text="Only the two of you, and the principal social worker, can read this. It "
        "never appears in lists, downloads or the API.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = _people()
        self.fields["supervisor"].queryset = _people()


class PrivateNoteForm(GovukForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), label="Private section", required=True
    )


class PolicyForm(GovukForm):
    interval_days = forms.IntegerField(
        label="At least every (days)",
        min_value=7,
        max_value=180,
        help_text="For example 28 for monthly, 42 for six-weekly.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    note = forms.CharField(max_length=300, required=False, label="Note (optional)")


class RegistrationForm(GovukForm):
    body = forms.ChoiceField(
        choices=Registration.Body.choices, label="Registered with", widget=forms.RadioSelect
    )
    number = forms.CharField(max_length=30, label="Registration number")
    renewal_on = DateField(label="Renewal date")


class CpdForm(GovukForm):
    title = forms.CharField(max_length=200, label="What was the learning?")
    done_on = DateField(label="Date")
    hours = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=0,
        required=False,
        label="Hours (optional)",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your reflection",
        help_text="What you learned and how it changed your practice.",
    )
