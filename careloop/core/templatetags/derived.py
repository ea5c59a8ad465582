"""`{% load derived %}{% figures_built "themes.counts" "themes.signals" %}`: when the page's
derived figures were last built from their sources (core/derived.py)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from careloop.core import derived

register = template.Library()


@register.filter
def when(moment) -> str:
    """Like 7 December 2026, 10:42 (local time)."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


@register.inclusion_tag("components/figures_built.html")
def figures_built(*keys: str) -> dict:
    built, stale = derived.built_at(*keys)
    return {"built": when(built) if built else "", "stale": stale}
