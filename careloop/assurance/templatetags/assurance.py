"""Tags of the assurance pages: status and coverage tags."""

from django import template
from django.utils.html import format_html

register = template.Library()

_STATUS = {
    "draft": ("grey", "Draft"),
    "in_review": ("blue", "In review"),
    "approved": ("green", "Approved"),
}
_COVERAGE = {
    "missing": ("red", "Missing"),
    "stale": ("orange", "Out of date"),
    "thin": ("yellow", "Thin"),
    "covered": ("green", "Covered"),
}
_RATING = {
    "Inadequate": "red",
    "Requires improvement": "orange",
    "Good": "green",
    "Outstanding": "turquoise",
}


def _tag(colour: str, text: str):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.simple_tag
def status_tag(status: str, signed_off: bool = False):
    if signed_off:
        return _tag("green", "Signed off")
    colour, text = _STATUS.get(status, ("grey", status))
    return _tag(colour, text)


@register.simple_tag
def coverage_tag(state: str):
    colour, text = _COVERAGE[state]
    return _tag(colour, text)


@register.simple_tag
def rating_tag(rating: str):
    return _tag(_RATING.get(rating, "grey"), rating)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
