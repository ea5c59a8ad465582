"""Quality assurance meetings."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import User
from careloop.learning import services
from careloop.learning.models import Meeting, MeetingSeries

from .actions import ShortActionForm
from .reviews import active_people


class SeriesForm(GovukModelForm):
    class Meta:
        model = MeetingSeries
        fields = list(services.SERIES_FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "frequency": forms.RadioSelect(attrs={"small": True}),
            "members": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = active_people()
        self.fields["members"].queryset = active_people()


class MeetingForm(GovukModelForm):
    held_on = DateField(label="Date")

    class Meta:
        model = Meeting
        fields = ["held_on", "starts_at", "location"]
        widgets = {"starts_at": forms.TimeInput(attrs={"class": "govuk-input--width-5"})}
        help_texts = {"starts_at": "For example 14:00", "location": "Blank: the usual place."}


class AttendanceForm(GovukForm):
    attendees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Attended",
    )
    apologies = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Apologies",
    )
    guests = forms.CharField(label="Others who attended", required=False, max_length=300)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people
        self.fields["apologies"].queryset = people


class AgendaRecordForm(GovukForm):
    update = forms.CharField(
        label="Update given", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.CharField(
        label="Decision", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not (data.get("update", "").strip() or data.get("decision", "").strip()):
            self.add_error("update", "Enter the update given or the decision made")
        return data


class AgendaItemForm(GovukForm):
    title = forms.CharField(label="Item", max_length=300)
    detail = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AgendaItemActionForm(ShortActionForm):
    """The action a meeting's decision becomes (services.agenda_item_action)."""


class NotesForm(GovukForm):
    notes = forms.CharField(
        label="General notes", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
