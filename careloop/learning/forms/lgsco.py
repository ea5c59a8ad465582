"""The Ombudsman tracker."""

from __future__ import annotations

from django import forms

from careloop.core.attachments import UploadField
from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import Team
from careloop.feedback.models import Feedback
from careloop.learning import services
from careloop.learning.models import LgscoCase, LgscoRemedy, LgscoYear

from .actions import ShortActionForm
from .reviews import active_people


class LgscoCaseForm(GovukModelForm):
    received_on = DateField(label="Date received")
    assessment_on = DateField(label="Date assessment started", required=False)
    investigation_on = DateField(label="Date detailed investigation started", required=False)
    decided_on = DateField(label="Date of the decision", required=False)

    class Meta:
        model = LgscoCase
        fields = list(services.LGSCO_CASE_FIELDS)
        widgets = {
            "kind": forms.RadioSelect(attrs={"small": True}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "decision_summary": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"is_restricted": "Restrict this case (safeguarding detail)"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = active_people()
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["decision"].choices = [("", "Not decided yet"), *LgscoCase.Decision.choices]
        complaints = Feedback.objects.complaints()
        if user is not None:
            complaints = complaints.visible_to(user)
        self.fields["complaint"].queryset = complaints.order_by("-received_on")
        self.fields["complaint"].label_from_instance = lambda f: f"{f.reference}: {f.title}"
        self.fields["complaint"].help_text = "The complaint the person took to the Ombudsman."

    def clean(self):
        data = super().clean()
        received = data.get("received_on")
        for name in ("assessment_on", "investigation_on", "decided_on"):
            if received and data.get(name) and data[name] < received:
                self.add_error(name, f"{self.fields[name].label} cannot be before it was received")
        if data.get("decision") and not data.get("decided_on"):
            self.add_error("decided_on", "Enter the date of the decision")
        if data.get("decided_on") and not data.get("decision"):
            self.add_error("decision", "Record what the Ombudsman decided")
        return data


class RemedyForm(GovukModelForm):
    due_on = DateField(label="Compliance deadline")

    class Meta:
        model = LgscoRemedy
        fields = list(services.REMEDY_FIELDS)
        widgets = {
            "kind": forms.RadioSelect(attrs={"small": True}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"amount": "Only for a financial payment."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False  # the service explains why it is needed
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]

    def clean(self):
        data = super().clean()
        if "due_on" not in self.errors and not data.get("due_on"):
            self.add_error(
                "due_on",
                "Enter the compliance deadline: every remedy has a date by which the council "
                "must comply",
            )
        if data.get("kind") == LgscoRemedy.Kind.PAYMENT and not data.get("amount"):
            self.add_error("amount", "Enter the amount of the payment")
        return data


class RemedyComplyForm(GovukForm):
    complied_on = DateField(label="Date the council complied")
    note = forms.CharField(
        label="What was done", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(label="Evidence: title", required=False, max_length=200)
    file = UploadField(label="Evidence: upload a file", required=False)
    url = forms.URLField(
        label="Evidence: or give a web link", required=False, assume_scheme="https"
    )


class RemedyActionForm(ShortActionForm):
    """The action a remedy becomes (services.lgsco_remedy_action)."""


class LgscoYearForm(GovukModelForm):
    class Meta:
        model = LgscoYear
        fields = ["year_start", *services.YEAR_FIGURES]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        inv, up, dec = (data.get(k) for k in ("detailed_investigations", "upheld", "decided"))
        if inv is not None and up is not None and up > inv:
            self.add_error("upheld", "Upheld cannot be more than the detailed investigations")
        if inv is not None and dec is not None and inv > dec:
            self.add_error(
                "detailed_investigations",
                "Detailed investigations cannot be more than the decisions made",
            )
        for name in ("compliance_rate", "similar_upheld_rate"):
            value = data.get(name)
            if value is not None and not (0 <= value <= 100):
                self.add_error(name, "Enter a percentage from 0 to 100")
        return data
