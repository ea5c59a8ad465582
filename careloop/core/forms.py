"""Forms that render as GOV.UK Frontend components, plus the core's own forms.

Every careloop form inherits `GovukForm` or `GovukModelForm`: fields get the GOV.UK classes
and error states, `{{ form }}` renders GOV.UK markup (templates in templates/django/forms/),
and the page's error summary lists each error with a link to its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass

from careloop.core import access, audit
from careloop.core.access import Designation
from careloop.core.models import Directorate, ServiceArea, Team, User
from careloop.core.permissions import Role

# For the type checker, the mixin is a form; at run time it is a plain mixin, placed before
# Django's form class in each subclass's bases.
if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object

_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "govukdate": "",
}


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        kind = self.widget_type
        css = _CLASSES.get(kind, "govuk-input")
        if css and self.errors and css in {"govuk-input", "govuk-textarea", "govuk-select"}:
            css += f" {css}--error"
        if css and css not in attrs.get("class", ""):
            attrs["class"] = f"{css} {attrs.get('class', '')}".strip()
        return attrs

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the field, or its first input."""
        if self.widget_type in {"radioselect", "checkboxselectmultiple", "govukdate"}:
            return f"{self.auto_id}_0"
        return self.auto_id

    @property
    def is_checkbox(self) -> bool:
        return self.widget_type == "checkbox"


class GovukMixin(_Form):
    """GOV.UK markup and the error summary, for any of Django's forms (mixed in first)."""

    bound_field_class: type[BoundField] | None = GovukBoundField
    template_name_div = "django/forms/div.html"

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in field order."""
        out = [("", str(e)) for e in self.non_field_errors()]
        for bf in cast("Iterable[GovukBoundField]", self):  # bound_field_class, above
            out.extend((bf.error_anchor, str(e)) for e in bf.errors)
        return out


def acting_user(user=None):
    """The person a form is built for: the one given, else the one acting in this request or
    task (the audit context). None only for the system itself (commands, tests of a form)."""
    if user is not None:
        return user
    ctx = audit.current()
    if ctx.actor_id is None:
        return None if ctx.source == "system" else AnonymousUser()
    return User.objects.filter(pk=ctx.actor_id).first() or AnonymousUser()


class _Restricting(type):
    """After a form is built (its own __init__ included), every model choice field offers
    only records the person may read (`access.restrict_choices`): a form cannot forget it."""

    def __call__(cls, *args, **kwargs):
        form = super().__call__(*args, **kwargs)
        user = acting_user(kwargs.get("user"))
        access.restrict_choices(
            (f for f in form.fields.values() if isinstance(f, forms.ModelChoiceField)), user
        )
        return form


class _FormMeta(_Restricting, DeclarativeFieldsMetaclass):
    pass


class _ModelFormMeta(_Restricting, ModelFormMetaclass):
    """...and a model's date fields are GOV.UK date inputs (`DateField`) in every model form,
    unless its `Meta.field_classes` names another class or it sets a `formfield_callback`."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_govuk_formfield)
        return super().__new__(mcs, name, bases, attrs)


def _govuk_formfield(field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", DateField)
    return field.formfield(**kwargs)


class GovukForm(GovukMixin, forms.Form, metaclass=_FormMeta):
    pass


class GovukModelForm(GovukMixin, forms.ModelForm, metaclass=_ModelFormMeta):
    pass


# --- Dates: the GOV.UK date input (day, month and year boxes) -----------------------------------
class GovukDateInput(forms.MultiWidget):
    template_name = "django/forms/widgets/govuk_date.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["has_error"] = (attrs or {}).get("aria-invalid") == "true"
        return context

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, dict):
            return [value.get(p, "") for p in self.parts]
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        return dict(zip(self.parts, (v.strip() if v else "" for v in values), strict=True))

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{i}" not in data for i in range(3))


class DateField(forms.DateField):
    """A date typed as day, month and year, with GOV.UK's error wording."""

    widget = GovukDateInput

    def to_python(self, value):
        if isinstance(value, dict):
            if not any(value.values()):
                return None
            missing = [p for p in GovukDateInput.parts if not value.get(p)]
            label = self.label or "The date"
            if missing:
                raise ValidationError(f"{label} must include a {' and '.join(missing)}")
            try:
                day, month, year = (int(value[p]) for p in GovukDateInput.parts)
                if year < 1900 or year > 2200:
                    raise ValueError
                return dt.date(year, month, day)
            except ValueError:
                raise ValidationError(f"{label} must be a real date") from None
        return super().to_python(value)


# --- Organisation and people ----------------------------------------------------------------------
class DirectorateForm(GovukModelForm):
    class Meta:
        model = Directorate
        fields = ["name"]


class ServiceAreaForm(GovukModelForm):
    class Meta:
        model = ServiceArea
        fields = ["directorate", "name"]


class TeamForm(GovukModelForm):
    class Meta:
        model = Team
        fields = ["service", "name", "manager"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = User.objects.filter(is_active=True)


class UserForm(GovukModelForm):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    designations = forms.MultipleChoiceField(
        choices=Designation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Named posts this person holds. They decide who may read some records "
        "(private supervision sections, restricted complaints) and who may lift a restriction.",
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "email",
            "job_title",
            "role",
            "designations",
            "team",
            "line_manager",
            "is_active",
        ]
        help_texts = {"email": "They sign in with this address."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_manager"].queryset = User.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["line_manager"].queryset = self.fields["line_manager"].queryset.exclude(
                pk=self.instance.pk
            )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Another account already uses this email address")
        return email


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        max_length=100, label="What is the token for?", help_text="For example, 'Power BI report'."
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires after",
        coerce=int,
        choices=[(30, "30 days"), (90, "90 days"), (365, "1 year")],
        initial=90,
        widget=forms.RadioSelect,
    )


# --- Accounts: GOV.UK-styled versions of Django's forms -----------------------------------------
class LoginForm(GovukMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account is not active",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(autocomplete="username", spellcheck="false")


class PasswordChangeForm(GovukMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(GovukMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukMixin, auth_forms.SetPasswordForm):
    pass
