"""Learning reviews and their recommendations (and the people who may lead or own work)."""

from __future__ import annotations

from django import forms

from careloop.core.forms import DateField, GovukModelForm
from careloop.core.models import Team, User
from careloop.core.permissions import Role
from careloop.learning import services
from careloop.learning.models import Recommendation, Review


def active_people():
    return User.objects.filter(is_active=True).exclude(role=Role.VIEWER).order_by("full_name")


class ReviewForm(GovukModelForm):
    started_on = DateField(label="Date started or received")
    reported_on = DateField(label="Date reported or decided", required=False)
    response_due_on = DateField(
        label="Response due",
        required=False,
        help_text="Leave blank for a coroner's report: careloop sets 56 days from receipt.",
    )
    responded_on = DateField(label="Date the council responded", required=False)
    incident_on = DateField(label="Date of the notifiable incident", required=False)
    notified_on = DateField(label="Date the person was told in person", required=False)
    written_on = DateField(label="Date the written follow-up was sent", required=False)

    class Meta:
        model = Review
        fields = list(services.REVIEW_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "sar_basis": forms.RadioSelect(attrs={"small": True}),
            "inspection_body": forms.RadioSelect(attrs={"small": True}),
            "audit_type": forms.RadioSelect(attrs={"small": True}),
            "teams": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "sar_basis": "Safeguarding Adults Review: basis",
            "inspection_body": "Inspection: who inspected",
            "audit_type": "Audit: which kind",
            "is_restricted": "Restrict this review (safeguarding detail)",
        }
        help_texts = {
            "kind": "",
            "is_restricted": "Only quality leads, administrators and the lead named here will "
            "see it. Safeguarding Adults Reviews are restricted unless you untick this.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = active_people()
        self.fields["teams"].queryset = Team.objects.order_by("name")
        for name in ("sar_basis", "inspection_body", "audit_type"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        if not self.instance.pk:
            self.initial.setdefault("status", Review.Status.IN_PROGRESS)

    def clean(self):
        data = super().clean()
        started = data.get("started_on")
        for name in ("reported_on", "responded_on"):
            if started and data.get(name) and data[name] < started:
                self.add_error(name, f"{self.fields[name].label} must be on or after the start")
        if data.get("kind") == Review.Kind.SAR and not data.get("sar_basis"):
            self.add_error("sar_basis", "Say whether the review is mandatory or discretionary")
        if data.get("kind") == Review.Kind.CANDOUR and not data.get("incident_on"):
            self.add_error("incident_on", "Enter the date of the notifiable incident")
        return data


class RecommendationForm(GovukModelForm):
    class Meta:
        model = Recommendation
        fields = list(services.RECOMMENDATION_FIELDS)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "response": forms.RadioSelect,
            "response_note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        partial = (Recommendation.Response.NOT_ACCEPTED, Recommendation.Response.PARTLY)
        if data.get("response") in partial and not data.get("response_note", "").strip():
            self.add_error("response_note", "Say why the recommendation is not accepted in full")
        return data
