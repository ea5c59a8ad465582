"""Forms for coproduction."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import User
from careloop.themes.models import Theme

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


class GroupForm(GovukModelForm):
    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "description",
            "how_we_work",
            "contact_name",
            "contact_email",
            "contact_phone",
            "is_active",
        ]
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
        fields = [
            "full_name",
            "known_as",
            "groups",
            "contact_preference",
            "email",
            "phone",
            "address",
            "contact_times",
            "access_needs",
            "access_other",
            "consent",
            "consent_on",
            "consent_scope",
            "payment_preference",
            "benefits_advice",
            "notes",
            "is_restricted",
            "restriction_reason",
        ]
        field_classes = {"consent_on": DateField}
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
        self.fields["groups"].queryset = Group.objects.filter(is_active=True)
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
        fields = ["kind", "project", "for_date", "description", "amount", "status", "paid_on"]
        field_classes = {"for_date": DateField, "paid_on": DateField}
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "amount": forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
        }


class ProjectForm(GovukModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "kind",
            "summary",
            "lead",
            "team",
            "status",
            "started_on",
            "drafted_on",
            "completed_on",
            "late_response",
        ]
        field_classes = {
            "started_on": DateField,
            "drafted_on": DateField,
            "completed_on": DateField,
        }
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "late_response": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(is_active=True)


class RungSelect(forms.RadioSelect):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["label"] = f"{label}: {RUNG_HINTS[Rung(int(value))].lower()}"
        return option


class InvolvementForm(GovukModelForm):
    class Meta:
        model = Involvement
        fields = ["group", "participant", "stage", "rung", "started_on", "what"]
        field_classes = {"started_on": DateField}
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
        self.fields["group"].queryset = Group.objects.filter(is_active=True)
        if participants is None:
            del self.fields["participant"]
        else:
            self.fields["participant"].queryset = participants
            self.fields["participant"].help_text = "Only people who have given consent."

    def clean(self):
        data = super().clean()
        if bool(data.get("group")) == bool(data.get("participant")):
            self.add_error("group", "Choose a group or a participant (one of the two)")
        return data


class WindowForm(GovukModelForm):
    class Meta:
        model = FeedbackWindow
        fields = ["title", "group", "opens_on", "closes_on", "formats", "short_reason"]
        field_classes = {"opens_on": DateField, "closes_on": DateField}
        widgets = {"short_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "short_reason": "Only if the window is shorter than the policy minimum.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(is_active=True)
        policy = FeedbackPolicy.current()
        self.fields["closes_on"].help_text = (
            f"The policy minimum is {policy.min_days_groups} working days for lived-experience "
            f"groups and {policy.min_days_others} for everyone else."
        )


class ContributionForm(GovukModelForm):
    class Meta:
        model = Contribution
        fields = ["said", "group", "window", "received_on", "outcome", "what_changed"]
        field_classes = {"received_on": DateField}
        widgets = {
            "said": forms.Textarea(attrs={"rows": 4}),
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = project.windows.all()
        self.fields["group"].queryset = Group.objects.all()


class StatementForm(GovukModelForm):
    class Meta:
        model = Statement
        fields = [
            "title",
            "topic",
            "you_said",
            "we_did",
            "still_to_do",
            "easy_read_you_said",
            "easy_read_we_did",
            "source",
            "source_detail",
            "project",
            "contribution",
            "themes",
            "pilot",
            "action",
        ]
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

    def __init__(self, *args, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution"].queryset = Contribution.objects.select_related("project")
        chosen = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
        self.fields["themes"].queryset = Theme.objects.filter(
            Q(is_active=True) | Q(pk__in=chosen)
        ).select_related("category")
        if actions is None:
            del self.fields["action"]
        else:
            self.fields["action"].queryset = actions
            self.fields["action"].label_from_instance = lambda a: f"{a.reference}: {a.title}"


class PolicyForm(GovukModelForm):
    class Meta:
        model = FeedbackPolicy
        fields = ["min_days_groups", "min_days_others"]
        widgets = {
            "min_days_groups": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "min_days_others": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }


class ConfirmForm(GovukForm):
    confirm = forms.BooleanField(label="I understand this cannot be undone")
