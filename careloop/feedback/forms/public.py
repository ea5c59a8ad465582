"""The public feedback form and the equality monitoring questions."""

from __future__ import annotations

import datetime as dt

from django import forms

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.feedback.models import EqualityMonitoring, Feedback


class EqualityForm(GovukModelForm):
    class Meta:
        model = EqualityMonitoring
        fields = list(EqualityMonitoring.FIELDS)
        widgets = {name: forms.RadioSelect for name in EqualityMonitoring.FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.choices = [c for c in field.choices if c[0] != ""]


class PublicFeedbackForm(GovukForm):
    """The public form: plain words, few questions, nothing required but the feedback."""

    KINDS = [
        (Feedback.Kind.COMPLIMENT, "Say thank you (a compliment)"),
        (Feedback.Kind.COMMENT, "Make a comment or raise a concern"),
        (Feedback.Kind.COMPLAINT, "Make a complaint"),
    ]
    kind = forms.ChoiceField(
        label="What would you like to do?",
        choices=KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you would like to do"},
    )
    text = forms.CharField(
        label="Tell us what happened",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Include who was involved, where and when, if you can. Do not include bank "
        "details.",
        error_messages={"required": "Tell us what happened"},
    )
    event_on = DateField(
        label="When did it happen?", required=False, help_text="For example, 27 3 2026"
    )
    for_someone_else = forms.ChoiceField(
        label="Are you giving feedback for someone else?",
        choices=[("no", "No, it is about me"), ("yes", "Yes, for someone else")],
        widget=forms.RadioSelect,
        initial="no",
        required=False,
    )
    about_name = forms.CharField(
        label="Their name",
        required=False,
        max_length=150,
        help_text="If you are giving feedback for someone else",
    )
    relationship = forms.CharField(
        label="Your relationship to them",
        required=False,
        max_length=100,
        help_text="For example daughter, friend, advocate",
    )
    name = forms.CharField(label="Your name", required=False, max_length=150)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="We will send your reference number here, and reply if you want us to",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    website = forms.CharField(required=False, label="Leave this empty")  # honeypot
    ts = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("event_on") and data["event_on"] > dt.date.today():
            self.add_error("event_on", "The date must be today or in the past")
        if data.get("for_someone_else") == "yes" and not (data.get("about_name") or "").strip():
            self.add_error("about_name", "Enter the name of the person the feedback is about")
        return data

    def feedback_data(self) -> dict:
        d = self.cleaned_data
        someone_else = d.get("for_someone_else") == "yes"
        anonymous = not (d["name"].strip() or d["email"] or d["phone"].strip())
        return {
            "kind": d["kind"],
            "channel": Feedback.Channel.WEB,
            "received_on": dt.date.today(),
            "event_on": d.get("event_on"),
            "text": d["text"],
            "from_anonymous": anonymous,
            "from_name": d["about_name"].strip() if someone_else else d["name"].strip(),
            "from_email": d["email"],
            "from_phone": d["phone"].strip(),
            "representative_name": d["name"].strip() if someone_else else "",
            "representative_relationship": d["relationship"].strip() if someone_else else "",
            "about_name": d["about_name"].strip() if someone_else else "",
        }
