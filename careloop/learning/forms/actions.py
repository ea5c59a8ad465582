"""Actions: adding, raising from any record, editing, and the steps of their life."""

from __future__ import annotations

from django import forms

from careloop.core.attachments import UploadField
from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import Team, User
from careloop.learning import services
from careloop.learning.models import Action

from .reviews import active_people


class ActionForm(GovukModelForm):
    start_on = DateField(label="Start date")
    due_on = DateField(label="Due date")
    reason = forms.CharField(
        label="Why is the due date changing?",
        required=False,
        help_text="Only needed when you move the due date; it goes in the progress log.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Action
        fields = list(services.ACTION_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "priority": forms.RadioSelect(attrs={"small": True}),
        }
        labels = {"title": "What is the action?", "is_restricted": "Restrict this action"}
        help_texts = {"team": "Leave blank to use the owner's team."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_people()
        self.fields["team"].queryset = Team.objects.order_by("name")
        if not self.instance.pk:
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if data.get("start_on") and data.get("due_on") and data["due_on"] < data["start_on"]:
            self.add_error("due_on", services.DATE_ORDER)
        return data


class ShortActionForm(GovukForm):
    """What, who and by when: an action from a record the area holds (a remedy, a decision)."""

    title = forms.CharField(label="What is the action?", max_length=200)
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Owner")
    due = DateField(label="Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_people()


class ActionRaiseForm(GovukForm):
    """Raise an action from a record of any area (`views.actions.action_raise`)."""

    title = forms.CharField(max_length=200, label="What is the action?")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="More detail"
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Who owns it?")
    priority = forms.ChoiceField(
        choices=Action.Priority.choices,
        initial=Action.Priority.MEDIUM,
        widget=forms.RadioSelect(attrs={"small": True}),
    )
    due = DateField(label="Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_people()


class ProgressForm(GovukForm):
    status = forms.ChoiceField(
        label="How is it going?",
        choices=[(s.value, s.label) for s in Action.PROGRESS],
        widget=forms.RadioSelect(attrs={"small": True}),
    )
    note = forms.CharField(label="Progress update", widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(GovukForm):
    title = forms.CharField(
        max_length=200, required=False, help_text="What is it? e.g. 'Training attendance list'"
    )
    file = UploadField(required=False, label="Upload a file")
    url = forms.URLField(required=False, label="Or give a web link", assume_scheme="https")
    figure_label = forms.CharField(
        label="Figure: what it counts",
        required=False,
        max_length=200,
        help_text="Optional. For example, 'Staff trained'.",
    )
    figure_value = forms.DecimalField(label="Figure: value", required=False)
    figure_out_of = forms.DecimalField(
        label="Figure: out of", required=False, help_text="Optional, e.g. 160 staff in scope."
    )
    figure_unit = forms.CharField(label="Figure: unit", required=False, max_length=40)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        has_figure = data.get("figure_label") or data.get("figure_value") is not None
        if has_figure and not data.get("figure_label"):
            self.add_error("figure_label", "Say what the figure counts")
        if has_figure and data.get("figure_value") is None and "figure_value" not in self.errors:
            self.add_error("figure_value", "Enter the figure's value")
        if not (data.get("file") or data.get("url") or has_figure) and not self.errors:
            self.add_error(None, "Upload a file, give a web link or enter a figure")
        if data.get("file") and data.get("url"):
            self.add_error("url", "Upload a file or give a web link, not both")
        return data

    def figures(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("figure_label"):
            return []
        return [
            {
                "label": data["figure_label"],
                "value": data["figure_value"],
                "out_of": data.get("figure_out_of"),
                "unit": data.get("figure_unit", ""),
            }
        ]


class CompleteForm(GovukForm):
    note = forms.CharField(label="What was done?", widget=forms.Textarea(attrs={"rows": 4}))
    completed_on = DateField(label="Date it was done", required=False, help_text="Blank: today.")


class SignOffForm(GovukForm):
    note = forms.CharField(
        label="Sign-off note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, how you checked the evidence.",
    )


class ReopenForm(GovukForm):
    reason = forms.CharField(label="Why reopen it?", widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(GovukForm):
    title = forms.CharField(label="Milestone", max_length=200)
    due_on = DateField(label="Due date")
