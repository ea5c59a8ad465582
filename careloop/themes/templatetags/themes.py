"""Template helpers of the themes area.

Other areas show a record's themes with ``{% load themes %}{% feedback_themes feedback %}``
(the feedback record page does).
"""

from django import template

from careloop.core.permissions import can
from careloop.themes.selectors import panel
from careloop.themes.series import SENTIMENTS

register = template.Library()


@register.filter
def sentiment_label(value) -> str:
    try:
        return SENTIMENTS.get(int(value), "")
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("themes/_feedback_themes.html", takes_context=True)
def feedback_themes(context, feedback):
    """The themes box on a feedback record's page."""
    user = context["request"].user
    return {
        "panel": panel(feedback),
        "feedback": feedback,
        "may_review": can(user, "themes.review"),
        "may_see": can(user, "themes.view_comments"),
    }
