"""Forms for coproduction."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q, QuerySet

from careloop.core.forms import GovukForm, GovukModelForm
from careloop.core.models import User
from careloop.learning.models import Action
from careloop.themes.models import Theme

from . import services
from .models import (
    RUNG_HINTS,
    Contribution,
    FeedbackPolicy,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Project,
    Rung,
    Statement,
)


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A choice of records on the form, whose queryset the form narrows."""
    return cast(forms.ModelChoiceField, form.fields[name])


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.reference}: {obj.title}"


class GroupForm(GovukModelForm):
    class Meta:
        model = Group
        fields = services.GROUP_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "how_we_work": forms.Textarea(attrs={"rows": 3}),
        }


class ParticipantForm(GovukModelForm):
    access_needs = forms.MultipleChoiceField(
        choices=Participant.ACCESS_NEEDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Access needs",
        help_text="What they need to take part fully. Ask; do not assume.",
    )

    class Meta:
        model = Participant
        fields = services.PARTICIPANT_FIELDS
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "contact_preference": forms.RadioSelect,
            "payment_preference": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "access_other": forms.Textarea(attrs={"rows": 2}),
            "consent_scope": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "is_restricted": "For someone whose whereabouts must be protected: only quality "
            "leads will see their details.",
        }

    def __init__(self, *args, can_restrict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "groups").queryset = Group.objects.filter(is_active=True)
        self.fields["groups"].required = False
        if not can_restrict:
            del self.fields["is_restricted"], self.fields["restriction_reason"]

    def clean(self):
        data = super().clean()
        preference = data.get("contact_preference")
        needed = {"email": "email", "phone": "phone", "text": "phone", "post": "address"}
        if preference in needed and not data.get(needed[preference]):
            label = {
                "email": "an email address",
                "phone": "a phone number",
                "address": "a postal address",
            }
            self.add_error(
                needed[preference],
                f"Enter {label[needed[preference]]}, or choose another way to contact them",
            )
        if preference == "group" and not data.get("groups"):
            self.add_error("groups", "Choose their group, or another way to contact them")
        return data


class PaymentForm(GovukModelForm):
    class Meta:
        model = Payment
        fields = services.PAYMENT_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "amount": forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
        }

    def __init__(self, *args, projects: QuerySet[Project], **kwargs):
        """`projects`: those the person was involved in, the only ones a payment can be for."""
        super().__init__(*args, **kwargs)
        _choices(self, "project").queryset = projects


class ProjectForm(GovukModelForm):
    class Meta:
        model = Project
        fields = services.PROJECT_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "late_response": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "lead").queryset = User.objects.filter(is_active=True)


class RungSelect(forms.RadioSelect):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["label"] = f"{label}: {RUNG_HINTS[Rung(int(value))].lower()}"
        return option


class InvolvementForm(GovukModelForm):
    class Meta:
        model = Involvement
        fields = services.INVOLVEMENT_FIELDS
        widgets = {
            "stage": forms.RadioSelect,
            "rung": RungSelect,
            "what": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "group": "A group or organisation, or an individual participant below.",
            "rung": "The ladder of participation: how much power people had at this stage.",
        }

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "group").queryset = Group.objects.filter(is_active=True)
        if participants is None:
            del self.fields["participant"]
        else:
            _choices(self, "participant").queryset = participants
            self.fields["participant"].help_text = "Only people who have given consent."

    def clean(self):
        data = super().clean()
        if bool(data.get("group")) == bool(data.get("participant")):
            self.add_error("group", "Choose a group or a participant (one of the two)")
        return data


class WindowForm(GovukModelForm):
    class Meta:
        model = FeedbackWindow
        fields = services.WINDOW_FIELDS
        widgets = {"short_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "short_reason": "Only if the window is shorter than the policy minimum.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "group").queryset = Group.objects.filter(is_active=True)
        policy = FeedbackPolicy.current()
        self.fields["closes_on"].help_text = (
            f"The policy minimum is {policy.min_days_groups} working days for lived-experience "
            f"groups and {policy.min_days_others} for everyone else."
        )


class ContributionForm(GovukModelForm):
    class Meta:
        model = Contribution
        fields = services.CONTRIBUTION_FIELDS
        widgets = {
            "said": forms.Textarea(attrs={"rows": 4}),
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "window").queryset = project.windows.all()
        _choices(self, "group").queryset = Group.objects.all()


class StatementForm(GovukModelForm):
    class Meta:
        model = Statement
        fields = services.STATEMENT_FIELDS
        field_classes = {"action": ActionChoiceField}
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "you_said": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 4}),
            "still_to_do": forms.Textarea(attrs={"rows": 2}),
            "easy_read_you_said": forms.Textarea(attrs={"rows": 3}),
            "easy_read_we_did": forms.Textarea(attrs={"rows": 3}),
            "source": forms.RadioSelect,
        }
        help_texts = {
            "you_said": "What people told us, without anything that could identify them.",
            "we_did": "What the council did as a result.",
        }

    def __init__(self, *args, actions: QuerySet[Action], **kwargs):
        """`actions`: those the person may see, to name the one that did it."""
        super().__init__(*args, **kwargs)
        _choices(self, "contribution").queryset = Contribution.objects.select_related("project")
        chosen = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
        _choices(self, "themes").queryset = Theme.objects.filter(
            Q(is_active=True) | Q(pk__in=chosen)
        ).select_related("category")
        _choices(self, "action").queryset = actions


class PolicyForm(GovukModelForm):
    class Meta:
        model = FeedbackPolicy
        fields = services.POLICY_FIELDS
        widgets = {
            "min_days_groups": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "min_days_others": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }


class ConfirmForm(GovukForm):
    confirm = forms.BooleanField(label="I understand this cannot be undone")
