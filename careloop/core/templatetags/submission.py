"""`{% csrf_token %}`, made to carry a one-time submission token too: every form that posts
(they all carry the CSRF token) sends `_submission`, which `core.web.submit` uses so that the
same form sent twice makes one record. Loaded as a builtin after Django's own, so it replaces
the default tag everywhere."""

import secrets

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

register = template.Library()

FIELD = "_submission"


class SubmissionNode(template.Node):
    def render(self, context):
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">',
            CsrfTokenNode().render(context),
            FIELD,
            secrets.token_urlsafe(24),
        )


@register.tag
def csrf_token(parser, token):
    return SubmissionNode()
