"""Forms for reflective practice, practice audits, peer feedback and development pathways."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm
from careloop.core.models import User

from .. import selectors
from ..models import GroupSession, Pathway, PeerFeedback, Rating


class GroupSessionForm(GovukForm):
    kind = forms.ChoiceField(
        choices=GroupSession.Kind.choices, label="Type", widget=forms.RadioSelect
    )
    topic = forms.CharField(max_length=200)
    held_on = DateField(label="Date held")
    attendees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        help_text="Hold Ctrl (or Cmd) to choose more than one.",
    )
    practice_issue = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Practice issue discussed",
        help_text="Blame-free: describe the practice, not the people.",
    )
    learning_outputs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Learning outputs (optional)",
        help_text="What the group learned. Raise an action for any that needs one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = selectors.active_people()


class StandardForm(GovukForm):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One question a line, for example 'Is the person's voice clear in the "
        "assessment?'",
    )


class AuditForm(GovukForm):
    """A rating and a comment for every question of the standard."""

    practitioner = forms.ModelChoiceField(queryset=User.objects.none(), label="Practitioner")
    case_reference = forms.CharField(
        max_length=40, help_text="The case number only; no names of people who use services."
    )
    audited_on = DateField(label="Date audited")

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = selectors.active_people()
        self.questions = [q for q in standard.questions.all() if q.order != 999]
        for q in self.questions:
            self.fields[f"rating_{q.pk}"] = forms.ChoiceField(
                choices=Rating.choices,
                label=q.text,
                widget=forms.RadioSelect(attrs={"small": True}),
            )
            self.fields[f"comment_{q.pk}"] = forms.CharField(
                required=False,
                label=f"Comment (optional): {q.text}",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {q.pk: (data[f"rating_{q.pk}"], data[f"comment_{q.pk}"]) for q in self.questions}


class FeedbackForm(GovukForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Your feedback")


class PeerFeedbackForm(GovukForm):
    case_reference = forms.CharField(max_length=40, help_text="The case number only.")
    effectiveness = forms.ChoiceField(
        choices=PeerFeedback.Effectiveness.choices,
        label="How effective was the support arrangement?",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What worked, and what would have made it work better.",
    )


class EnrolmentForm(GovukForm):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label="Who is applying?")
    pathway = forms.ChoiceField(choices=Pathway.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Why (optional)"
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else selectors.active_people()


class MoveForm(GovukForm):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Note (optional)"
    )
