"""The record's forms: new and edit (with the version it started from), the register's
filters, assigning, notes and reasons."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import QueryDict

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import ServiceArea, Team, User
from careloop.core.permissions import STAFF
from careloop.feedback import selectors, services
from careloop.feedback.models import Feedback, Organisation

ORIGINAL_SALT = "careloop.feedback.edit"


def staff_people():
    return User.objects.filter(is_active=True, role__in=[r.value for r in STAFF])


def _dates(form, *names):
    for name in names:
        form.fields[name].help_text = form.fields[name].help_text or "For example, 27 3 2026"


class FeedbackFieldsForm(GovukModelForm):
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


class FeedbackForm(FeedbackFieldsForm):
    """Record new feedback (staff)."""

    class Meta:
        model = Feedback
        fields = list(services.INTAKE_FIELDS)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "from_address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["received_on"].initial = dt.date.today()


class FeedbackEditForm(FeedbackFieldsForm):
    """Edit a record. Carries the version and the values the person started from, so that a
    simultaneous edit is merged or shown as a conflict (services.feedback_update)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    original = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Feedback
        fields = [f for f in services.INTAKE_FIELDS if f != "text"] + ["status"]
        widgets = {"from_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["original"] = signing.dumps(
                services.snapshot(self.instance, self._fields()), salt=ORIGINAL_SALT
            )

    def clean_original(self):
        try:
            return signing.loads(self.cleaned_data["original"], salt=ORIGINAL_SALT)
        except signing.BadSignature:
            raise ValidationError("The form was changed outside careloop: open it again") from None

    def _fields(self) -> list[str]:
        return list(self._meta.fields or ())

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._fields()}

    def rebase(self, current: Feedback) -> None:
        """After a conflict: keep this person's input, but start from the saved version, so
        that saving again is a deliberate choice."""
        data = cast(QueryDict, self.data).copy()  # bound to request.POST
        data["version"] = str(current.version)
        data["original"] = signing.dumps(
            services.snapshot(current, self._fields()), salt=ORIGINAL_SALT
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
        values: dict[str, Any] = {
            name: data.get(name) or ("" if name not in ("received_from", "received_to") else None)
            for name in selectors.Filters.__dataclass_fields__
            if name != "sort"
        }
        return selectors.Filters(**values, sort=data.get("sort") or "-received")


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
