"""Emails to people: reminders, escalations, alerts.

    notify.send(to=[user], subject="Action due", template="learning/email/due.txt",
                context={"action": action})

The body is a plain-text template; it may write {{ site_url }}{{ record.get_absolute_url }}
for a link that works outside the browser (`site_url` is CARELOOP_SITE_URL, if the deployment
sets it). Addresses go to the mail server only; the log records
how many messages went out and for what, never to whom.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

log = logging.getLogger("careloop.notify")


def send(*, to: Iterable, subject: str, template: str, context: dict | None = None) -> int:
    """Send one email per recipient (people or addresses); returns how many were sent."""
    messages = []
    for person in to:
        address = getattr(person, "email", person)
        if not address or (hasattr(person, "is_active") and not person.is_active):
            continue
        body = render_to_string(
            template,
            {
                "recipient": person,
                "service_name": settings.SERVICE_NAME,
                "council_name": settings.COUNCIL_NAME,
                "site_url": getattr(settings, "CARELOOP_SITE_URL", "").rstrip("/"),
                **(context or {}),
            },
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    log.info("sent %s email(s) template=%s", sent, template)
    return sent


def send_lines(lines: dict, *, subject: str, template: str) -> int:
    """One email to each person about their own lines ({person: [line, ...]}: the template's
    `lines`), e.g. a lead's reminders; returns how many were sent."""
    return sum(
        send(to=[person], subject=subject, template=template, context={"lines": items})
        for person, items in lines.items()
    )
