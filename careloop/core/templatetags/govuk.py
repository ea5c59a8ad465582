"""Template helpers available on every page (registered as a builtin in settings)."""

import datetime as dt

from django import template
from django.utils.html import format_html

from careloop.core import workdays
from careloop.core.permissions import can as _can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission: str, obj=None) -> bool:
    """{% can "feedback.edit" record as allowed %}"""
    return _can(context["request"].user, permission, obj)


@register.filter
def govuk_date(value) -> str:
    """25 November 2026 (dates) or 25 November 2026, 14:05 (date-times)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y, %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


@register.filter
def due_tag(due) -> str:
    """A GOV.UK tag saying when something is due, counted in working days."""
    if not due:
        return ""
    left = workdays.working_days_left(due)
    colour = "red" if left < 0 else "orange" if left <= 2 else "blue"
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} careloop-nowrap">{}</strong>',
        colour,
        workdays.describe_due(due).capitalize(),
    )


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms):
    errors = []
    for form in forms:
        if form is not None and hasattr(form, "error_list") and form.errors:
            errors.extend(form.error_list())
    return {"errors": errors}
