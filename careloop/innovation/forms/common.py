"""What several innovation forms share."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import QuerySet

from careloop.core.models import User


def people() -> QuerySet[User]:
    """Who may lead a pilot or a piece of external learning: active accounts, by name."""
    return User.objects.filter(is_active=True).order_by("full_name")


def choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A choice of records on the form, whose queryset the form narrows."""
    return cast(forms.ModelChoiceField, form.fields[name])
