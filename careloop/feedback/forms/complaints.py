"""The complaint clock's steps: acknowledge, revise, respond, decide on a late complaint,
move to stage 2, refer to the Ombudsman."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukForm
from careloop.feedback.models import Feedback


class AcknowledgeForm(GovukForm):
    on = DateField(label="Date acknowledged", help_text="For example, 27 3 2026")
    response_due_on = DateField(
        label="Response agreed by",
        required=False,
        help_text="The agreed response period: the date the person was told to expect the "
        "response. Leave blank to keep the default.",
    )


class ReviseForm(GovukForm):
    new_due_on = DateField(label="New response date")
    reason = forms.CharField(
        label="Why is it changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, agreed with the person because a key witness is on leave",
    )


class RespondForm(GovukForm):
    on = DateField(label="Date of the response")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Feedback.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    actions_promised = forms.CharField(
        label="Actions promised",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the council said it would do, for the annual report and follow-up",
    )

    def __init__(self, *args, complaint: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint:
            self.fields["outcome"].required = True
        else:
            del self.fields["outcome"]


class LateDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", choices=Feedback.LateDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(GovukForm):
    on = DateField(label="Date the person asked for stage 2")


class ReferForm(GovukForm):
    on = DateField(label="Date the Ombudsman told us")
    lgsco_reference = forms.CharField(label="Ombudsman reference", required=False, max_length=40)
    enquiry_due_on = DateField(label="Ombudsman's deadline for our reply", required=False)
    details = forms.CharField(
        label="What the Ombudsman asked for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
