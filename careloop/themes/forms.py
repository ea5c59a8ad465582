"""Forms of the themes pages (GOV.UK markup via careloop.core.forms)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from careloop.core.forms import DateField, GovukForm, GovukModelForm
from careloop.core.models import ServiceArea, Team
from careloop.core.permissions import can
from careloop.feedback.models import Feedback, Organisation
from careloop.themes import series as S
from careloop.themes import services
from careloop.themes.models import Category, SeriesSettings, Theme
from careloop.themes.selectors import Filters, equality_choices
from careloop.themes.series import SENTIMENTS

PERIODS = [("3", "3 months"), ("6", "6 months"), ("12", "12 months"), ("24", "24 months")]


def month_choices(count: int = 36) -> list[tuple[str, str]]:
    end = S.last_complete_month()
    months = [S.add_months(end, -i) for i in range(count)]
    return [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]


class FilterForm(GovukForm):
    """The dashboard's filters (GET). Bad values are errors, never a crash."""

    months = forms.ChoiceField(label="Period", choices=PERIODS, initial="12", required=False)
    end = forms.ChoiceField(label="Up to", required=False)
    kind = forms.ChoiceField(label="Kind", required=False)
    service = forms.ChoiceField(label="Service", required=False)
    team = forms.ChoiceField(label="Team", required=False)
    provider = forms.ChoiceField(label="Care provider", required=False)
    sentiment = forms.ChoiceField(label="Sentiment", required=False)
    equality = forms.ChoiceField(
        label="Equality group",
        required=False,
        help_text="Figures are shown only for groups of 10 or more.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", "All")]
        self.fields["end"].choices = [("", "Last month"), *month_choices()[1:]]
        self.fields["kind"].choices = anything + list(Feedback.Kind.choices)
        self.fields["service"].choices = anything + [
            (str(s.pk), s.name) for s in ServiceArea.objects.order_by("name")
        ]
        self.fields["team"].choices = anything + [
            (str(t.pk), t.name) for t in Team.objects.order_by("name")
        ]
        self.fields["provider"].choices = anything + [
            (str(o.pk), o.name)
            for o in Organisation.objects.filter(kind=Organisation.Kind.PROVIDER).order_by("name")
        ]
        self.fields["sentiment"].choices = anything + [(str(k), v) for k, v in SENTIMENTS.items()]
        if user is not None and can(user, "themes.view_equality"):
            self.fields["equality"].choices = [("", "Everyone"), *equality_choices()]
        else:
            del self.fields["equality"]

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        end = None
        if data.get("end"):
            year, month = data["end"].split("-")
            end = dt.date(int(year), int(month), 1)
        return Filters(
            end=end,
            months=int(data.get("months") or 12),
            kind=data.get("kind", ""),
            service=data.get("service", ""),
            team=data.get("team", ""),
            provider=data.get("provider", ""),
            sentiment=data.get("sentiment", ""),
            equality=data.get("equality", "") or "",
        )

    @property
    def active(self) -> list[tuple[str, str]]:
        """(label, value shown) for each filter in use, for the "filtered by" line."""
        if not self.is_bound or not self.is_valid():
            return []
        out = []
        for name in ("kind", "service", "team", "provider", "sentiment", "equality"):
            value = self.cleaned_data.get(name)
            field = self.fields.get(name)
            if value and isinstance(field, forms.ChoiceField):
                # a ChoiceField keeps its choices as a list of pairs (some pairs are groups)
                pairs = cast(list[tuple[Any, Any]], field.choices)
                choices = dict(pairs)
                for group in pairs:
                    if isinstance(group[1], list | tuple):
                        choices.update(dict(group[1]))
                out.append((str(field.label), str(choices.get(value, value))))
        return out


class SearchForm(GovukForm):
    q = forms.CharField(label="Search the comments", max_length=200, required=False)


# --- Framework -----------------------------------------------------------------------------------
class ThemeForm(GovukModelForm):
    note = forms.CharField(
        label="Why are you making this change?",
        required=False,
        max_length=500,
        help_text="Kept with the framework version this change makes.",
    )

    class Meta:
        model = Theme
        fields = list(services.THEME_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "examples": forms.Textarea(attrs={"rows": 6}),
            "direction": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["direction"].choices = [c for c in self.fields["direction"].choices if c[0]]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Theme.objects.active().filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Another theme in use already has this name")
        return name

    def clean_examples(self):
        lines = [line.strip() for line in self.cleaned_data["examples"].splitlines()]
        lines = [line for line in lines if line]
        if any(len(line) > 300 for line in lines):
            raise ValidationError("Each example must be 300 characters or fewer")
        return "\n".join(lines)


class CategoryForm(GovukModelForm):
    class Meta:
        model = Category
        fields = list(services.CATEGORY_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RetireForm(GovukForm):
    note = forms.CharField(
        label="Why is this theme being retired?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Feedback already themed with it keeps it; new feedback will not get it.",
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Columns: category, theme, "
        "description, examples (separated by |), direction, key.",
    )
    retire_missing = forms.BooleanField(
        label="Retire themes that are not in the file", required=False
    )
    note = forms.CharField(label="Why are you importing it?", required=False, max_length=500)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError("The file must be smaller than 2 MB")
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("The file must be a CSV file")
        return upload


# --- Reviewing the themes of one item ------------------------------------------------------------
class ReviewForm(GovukForm):
    themes = forms.MultipleChoiceField(
        label="Themes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every theme this feedback is about. Untick a suggestion to remove it.",
    )
    sentiment = forms.TypedChoiceField(
        label="Sentiment",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(str(k), f"{k}: {v}") for k, v in SENTIMENTS.items()],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, theme_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices


class FlagForm(GovukForm):
    kind = forms.ChoiceField(
        label="Flag this comment as",
        choices=[("notable", "Notable"), ("wrong", "Wrongly themed")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note", max_length=300, required=False)


# --- Charts --------------------------------------------------------------------------------------
class SeriesSettingsForm(GovukModelForm):
    class Meta:
        model = SeriesSettings
        fields = list(services.SERIES_SETTINGS_FIELDS)
        widgets = {"direction": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = [c for c in self.fields["direction"].choices if c[0]]
        for name in ("trend_length", "shift_length", "baseline_points"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-3"

    def clean_trend_length(self):
        return self._run(self.cleaned_data["trend_length"])

    def clean_shift_length(self):
        return self._run(self.cleaned_data["shift_length"])

    @staticmethod
    def _run(value):
        if value is None or not 3 <= value <= 12:
            raise ValidationError("A run length must be from 3 to 12 points")
        return value

    def clean_baseline_points(self):
        value = self.cleaned_data["baseline_points"]
        if value is not None and not 2 <= value <= 60:
            raise ValidationError("A fixed baseline must be from 2 to 60 months")
        return value


class RebaseForm(GovukForm):
    month = forms.ChoiceField(label="New baseline from")
    reason = forms.CharField(
        label="Why did the process change?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Rebase only when the cause of a change is understood, for example a new "
        "policy or a service change. The reason is shown with the chart.",
    )

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months[1:]]

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        return dt.date(int(year), int(month), 1)


# --- Classifier ----------------------------------------------------------------------------------
class TrainForm(GovukForm):
    note = forms.CharField(label="Note", max_length=500, required=False)


class ActivateForm(GovukForm):
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only if this version scored lower than the one in use.",
    )


class ReclassifyForm(GovukForm):
    scope = forms.ChoiceField(label="Which feedback?", widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = list(services.SCOPES.items())


class SubscriptionForm(GovukForm):
    theme = forms.ModelChoiceField(
        label="Which theme?",
        queryset=Theme.objects.active(),
        required=False,
        empty_label="Every theme",
    )
    concerns_only = forms.BooleanField(label="Only tell me about concerns", required=False)


# --- Emerging topics ------------------------------------------------------------------------------
class EmergingFindForm(GovukForm):
    start = DateField(label="From")
    end = DateField(label="To")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period must be after its start")
        return data


class EmergingDismissForm(GovukForm):
    note = forms.CharField(
        label="Why is this not a topic to follow?",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EmergingMergeForm(GovukForm):
    theme = forms.ModelChoiceField(
        label="The theme it belongs to",
        queryset=Theme.objects.none(),
        help_text="Its comments are confirmed in this theme, so the next training learns them.",
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.active()
