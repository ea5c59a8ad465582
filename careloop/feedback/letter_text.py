# ruff: noqa: E501 - the default letters are prose, one paragraph a line
"""A letter's text from a template the quality lead edits, with safe placeholders.

A template is plain text with placeholders written {{ name }} from the fixed list below:
nothing else of Django's template language is allowed, so a template can never reach data
it should not. The officer sees the letter filled in, may change the wording for this
person, and `services.letter_create` renders it to PDF and stores it on the record. Plain
logic: the pages, forms and services use it; `DEFAULTS` are the letters a new installation
starts with (`services.ensure_default_templates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError

PLACEHOLDER = re.compile(r"{{\s*([a-z_]+)\s*}}")
ANYTHING = re.compile(r"{{(.*?)}}", re.DOTALL)
LGSCO = (
    "If you are not happy with our response, you can ask the Local Government and Social Care "
    "Ombudsman to look at your complaint. The Ombudsman is free, independent and impartial. "
    "You can contact them on 0300 061 0614 or at www.lgo.org.uk. The Ombudsman usually "
    "expects you to have given us the chance to respond first, and to contact them within "
    "12 months of becoming aware of the problem."
)


def date_text(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


# name: (what it is, how it is worked out from the feedback, the officer and the date)
PLACEHOLDERS: dict[str, tuple[str, Callable]] = {
    "reference": ("The feedback's reference number", lambda f, u, d: f.reference),
    "date": ("Today's date", lambda f, u, d: date_text(d)),
    "person_name": (
        "The person's name (or 'Sir or Madam' if anonymous)",
        lambda f, u, d: (f.representative_name or f.from_name) or "Sir or Madam",
    ),
    "about_name": ("The person it is about", lambda f, u, d: f.about_name or f.from_name),
    "received_date": ("The date it was received", lambda f, u, d: date_text(f.received_on)),
    "event_date": ("The date of the event", lambda f, u, d: date_text(f.event_on)),
    "acknowledgement_due_date": (
        "The date the acknowledgement is due",
        lambda f, u, d: date_text(f.acknowledgement_due_on),
    ),
    "response_due_date": (
        "The agreed date for the response",
        lambda f, u, d: date_text(f.response_due_on),
    ),
    "summary": ("The summary of the feedback", lambda f, u, d: f.summary),
    "outcome": (
        "The outcome (upheld, partly upheld, not upheld)",
        lambda f, u, d: f.get_outcome_display().lower() if f.outcome else "",
    ),
    "actions_promised": ("The actions promised", lambda f, u, d: f.actions_promised),
    "service": ("The service area", lambda f, u, d: str(f.service or "")),
    "team": ("The team", lambda f, u, d: str(f.team or "")),
    "officer_name": ("Your name", lambda f, u, d: u.full_name if u else ""),
    "officer_job_title": ("Your job title", lambda f, u, d: u.job_title if u else ""),
    "council_name": ("The council's name", lambda f, u, d: _council()),
    "ombudsman_rights": ("The right to go to the Ombudsman (a paragraph)", lambda f, u, d: LGSCO),
    "ombudsman_reference": ("The Ombudsman's reference", lambda f, u, d: f.lgsco_reference),
}


def _council() -> str:
    return str(settings.COUNCIL_NAME)


def check_template(body: str) -> None:
    """Refuse template language other than known placeholders, naming what is wrong."""
    if "{%" in body or "{#" in body:
        raise ValidationError(
            "Letters can only use placeholders in double curly brackets, like {{ reference }}"
        )
    unknown = sorted({n.strip() for n in ANYTHING.findall(body)} - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            "Unknown placeholder"
            + ("s" if len(unknown) > 1 else "")
            + ": "
            + ", ".join(unknown)
            + ". Use one of the placeholders listed on this page."
        )
    stray = re.sub(PLACEHOLDER, "", body)
    if "{{" in stray or "}}" in stray:
        raise ValidationError("A placeholder is not closed: write it like {{ reference }}")


def fill(body: str, *, feedback, user, today: dt.date | None = None) -> str:
    """The template's text with the placeholders filled in (plain text)."""
    check_template(body)
    today = today or dt.date.today()
    lines = []
    for line in body.splitlines():
        filled = PLACEHOLDER.sub(
            lambda m: str(PLACEHOLDERS[m.group(1)][1](feedback, user, today)), line
        )
        if PLACEHOLDER.search(line) and not filled.strip():
            continue  # a line that held only an empty placeholder (no job title, say)
        lines.append(filled)
    return "\n".join(lines)


def paragraphs(text: str) -> list[list[str]]:
    """Plain text to paragraphs (blank lines) of lines, for the document template."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [block.split("\n") for block in blocks if block.strip()]


DEFAULTS = [
    (
        "Acknowledgement of a complaint",
        "acknowledgement",
        """Dear {{ person_name }}

Your complaint, reference {{ reference }}

Thank you for your complaint, which we received on {{ received_date }}. I am sorry that you have had cause to complain.

I would like to talk with you about how we will look into your complaint and how you would like us to keep in touch. We aim to send you our full response by {{ response_due_date }}. If we need longer, we will tell you why and agree a new date with you.

If you would like to talk to me in the meantime, please contact me and quote your reference number.

Yours sincerely

{{ officer_name }}
{{ officer_job_title }}
{{ council_name }}""",
    ),
    (
        "Response to a complaint",
        "response",
        """Dear {{ person_name }}

Your complaint, reference {{ reference }}

Thank you for your complaint, received on {{ received_date }}. We have now looked into it.

What we found: [describe what was investigated and what was found].

Our decision is that your complaint is {{ outcome }}.

What we will do: {{ actions_promised }}

{{ ombudsman_rights }}

Yours sincerely

{{ officer_name }}
{{ officer_job_title }}
{{ council_name }}""",
    ),
    (
        "Holding letter: response delayed",
        "holding",
        """Dear {{ person_name }}

Your complaint, reference {{ reference }}

I am writing to let you know that we have not yet been able to complete our response to your complaint, received on {{ received_date }}. I am sorry for the delay.

[Explain why the response is delayed.] We now expect to send our response by {{ response_due_date }}.

{{ ombudsman_rights }}

Yours sincerely

{{ officer_name }}
{{ officer_job_title }}
{{ council_name }}""",
    ),
    (
        "Thank you for your compliment",
        "compliment",
        """Dear {{ person_name }}

Your compliment, reference {{ reference }}

Thank you for taking the time to tell us about your experience. We have passed your kind words on to the people involved and their manager: it means a great deal to them.

Yours sincerely

{{ officer_name }}
{{ officer_job_title }}
{{ council_name }}""",
    ),
]
