"""Forms of the feedback pages (GOV.UK markup through careloop.core.forms)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import ServiceArea, Team, User
from careloop.core.permissions import STAFF
from careloop.feedback import selectors, services
from careloop.feedback.models import (
    ClockSettings,
    EqualityMonitoring,
    Feedback,
    LetterTemplate,
    Organisation,
)

ORIGINAL_SALT = "careloop.feedback.edit"


def staff_people():
    return User.objects.filter(is_active=True, role__in=[r.value for r in STAFF])


def _dates(form, *names):
    for name in names:
        form.fields[name] = DateField(
            label=form.fields[name].label,
            required=form.fields[name].required,
            help_text=form.fields[name].help_text or "For example, 27 3 2026",
        )


class FeedbackFieldsMixin:
    """Shared set-up of the record form (new and edit)."""

    GROUPS = [
        (
            "The feedback",
            [
                "kind",
                "channel",
                "received_on",
                "event_on",
                "summary",
                "text",
                "rating",
                "survey",
                "status",
            ],
        ),
        (
            "Who it is from",
            [
                "from_anonymous",
                "from_name",
                "from_email",
                "from_phone",
                "from_address",
                "representative_name",
                "representative_relationship",
                "from_organisation",
            ],
        ),
        (
            "Who and what it is about",
            ["about_name", "about_case_ref", "service", "team", "provider", "complaint"],
        ),
        ("Handling", ["owner", "is_restricted", "restriction_reason"]),
    ]

    def groups(self):
        """(legend, [bound fields]) for the page, in the order above."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]

    def _setup(self):
        self.fields["owner"].queryset = staff_people()
        self.fields["provider"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.PROVIDER, is_active=True
        )
        self.fields["from_organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["complaint"].queryset = Feedback.objects.complaints().order_by("-received_on")
        self.fields["complaint"].label_from_instance = lambda c: f"{c.reference} – {c.title}"
        self.fields["service"].queryset = ServiceArea.objects.all()
        self.fields["team"].queryset = Team.objects.select_related("service")
        self.fields["rating"].widget = forms.Select(
            choices=[("", "Not given")] + [(i, str(i)) for i in range(1, 6)]
        )
        _dates(self, "received_on", "event_on")
        self.fields["received_on"].help_text = "For example, 27 3 2026"

    def clean(self):
        data = super().clean()
        for field, message in services.record_problems(data):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        team, service = data.get("team"), data.get("service")
        if team and not service:
            data["service"] = team.service
        return data


class FeedbackForm(FeedbackFieldsMixin, GovukModelForm):
    """Record new feedback (staff)."""

    class Meta:
        model = Feedback
        fields = [
            "kind",
            "channel",
            "received_on",
            "event_on",
            "summary",
            "text",
            "rating",
            "survey",
            "from_anonymous",
            "from_name",
            "from_email",
            "from_phone",
            "from_address",
            "representative_name",
            "representative_relationship",
            "from_organisation",
            "about_name",
            "about_case_ref",
            "service",
            "team",
            "provider",
            "complaint",
            "owner",
            "is_restricted",
            "restriction_reason",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "from_address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["received_on"].initial = dt.date.today()


class FeedbackEditForm(FeedbackFieldsMixin, GovukModelForm):
    """Edit a record. Carries the version and the values the person started from, so that a
    simultaneous edit is merged or shown as a conflict (services.feedback_update)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    original = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Feedback
        fields = [f for f in FeedbackForm.Meta.fields if f != "text"] + ["status"]
        widgets = {"from_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["original"] = signing.dumps(
                services.snapshot(self.instance, self._meta.fields), salt=ORIGINAL_SALT
            )

    def clean_original(self):
        try:
            return signing.loads(self.cleaned_data["original"], salt=ORIGINAL_SALT)
        except signing.BadSignature:
            raise ValidationError("The form was changed outside careloop: open it again") from None

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

    def rebase(self, current: Feedback) -> None:
        """After a conflict: keep this person's input, but start from the saved version, so
        that saving again is a deliberate choice."""
        data = self.data.copy()
        data["version"] = current.version
        data["original"] = signing.dumps(
            services.snapshot(current, self._meta.fields), salt=ORIGINAL_SALT
        )
        self.data = data


class FilterForm(GovukForm):
    q = forms.CharField(label="Search", required=False, help_text="Reference, name or words")
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *Feedback.Kind.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Feedback.Status.choices]
    )
    open = forms.ChoiceField(
        label="Open or finished",
        required=False,
        choices=[("", "Open and finished"), ("open", "Open only")],
    )
    service = forms.ChoiceField(label="Service area", required=False)
    team = forms.ChoiceField(label="Team", required=False)
    provider = forms.ChoiceField(label="Care provider", required=False)
    owner = forms.ChoiceField(label="Owner", required=False)
    due = forms.ChoiceField(
        label="Due", required=False, choices=[("", "Any"), *selectors.DUE_FILTERS.items()]
    )
    received_from = DateField(label="Received from", required=False)
    received_to = DateField(label="Received to", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("-received", "Newest first"),
            ("received", "Oldest first"),
            ("due", "Due soonest"),
            ("reference", "Reference"),
            ("kind", "Kind"),
            ("status", "Status"),
        ],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "Any service area")] + [
            (str(s.pk), s.name) for s in ServiceArea.objects.all()
        ]
        self.fields["team"].choices = [("", "Any team")] + [
            (str(t.pk), t.name) for t in Team.objects.all()
        ]
        self.fields["provider"].choices = [("", "Any provider")] + [
            (str(o.pk), o.name) for o in Organisation.objects.filter(kind="provider")
        ]
        self.fields["owner"].choices = [("", "Anyone"), ("me", "Me"), ("none", "No one")] + [
            (str(u.pk), u.full_name) for u in staff_people()
        ]

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.Filters(
            **{
                name: data.get(name)
                or ("" if name not in ("received_from", "received_to") else None)
                for name in selectors.Filters.__dataclass_fields__
                if name != "sort"
            },
            sort=data.get("sort") or "-received",
        )


class AssignForm(GovukForm):
    owner = forms.ModelChoiceField(
        label="Who should own this?",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one",
    )
    note = forms.CharField(
        label="Note for the record (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()


class NoteForm(GovukForm):
    text = forms.CharField(label="Add a note", widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason"},
    )


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


class ClockSettingsForm(GovukModelForm):
    class Meta:
        model = ClockSettings
        exclude: list[str] = []

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, int) and not 1 <= value <= 130:
                self.add_error(name, "Enter a number of working days between 1 and 130")
        return data


class OrganisationForm(GovukModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "cqc_location_id", "is_active"]


class LetterTemplateForm(GovukModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["name", "purpose", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def clean_body(self):
        from careloop.feedback.letters import check_template

        body = self.cleaned_data["body"]
        check_template(body)
        return body


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


class LetterForm(GovukForm):
    template = forms.ModelChoiceField(
        label="Which letter?",
        queryset=LetterTemplate.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a letter"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = LetterTemplate.objects.filter(is_active=True)


class LetterTextForm(GovukForm):
    template = forms.ModelChoiceField(
        queryset=LetterTemplate.objects.all(), widget=forms.HiddenInput
    )
    text = forms.CharField(
        label="The letter",
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Filled in from the template. Change the wording for this person if you need "
        "to; the template itself is not changed.",
        error_messages={"required": "The letter is empty"},
    )
