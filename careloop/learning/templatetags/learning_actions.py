"""``{% raised_actions record %}``: the actions raised from a record, on any area's page.

Shows the actions the signed-in person may see and, when they may raise one from the record,
the link to ``learning:action_raise``. Areas load this library instead of calling the learning
area's code (selectors.sources).
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from careloop.learning import selectors

register = template.Library()


@register.inclusion_tag("learning/includes/raised_actions.html", takes_context=True)
def raised_actions(context, record, heading: str = "Actions arising"):
    user = context["request"].user
    may_raise = selectors.may_raise_from(user, record)
    raise_url = (
        f"{reverse('learning:action_raise')}?{urlencode({'source': selectors.source_key(record)})}"
        if may_raise
        else ""
    )
    return {
        "heading": heading,
        "actions": selectors.actions_for(record, user),
        "raise_url": raise_url,
    }
