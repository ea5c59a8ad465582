"""Emails from Learn and act, with links that work outside the browser."""

from __future__ import annotations

from django.conf import settings

from careloop.core import notify


def send(*, to, subject: str, template: str, context: dict) -> int:
    """notify.send with `site_url` (CARELOOP_SITE_URL, if the deployment sets it) so that
    templates can write {{ site_url }}{{ record.get_absolute_url }}."""
    site_url = getattr(settings, "CARELOOP_SITE_URL", "").rstrip("/")
    return notify.send(
        to=to, subject=subject, template=template, context={"site_url": site_url, **context}
    )
