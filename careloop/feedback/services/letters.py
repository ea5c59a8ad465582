"""Letters: the default templates, and a letter rendered to PDF and stored on the record."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.base import ContentFile
from django.db import transaction

from careloop.core.attachments import attachment_add_file
from careloop.core.documents import render_pdf
from careloop.core.services import ServiceError
from careloop.feedback.letter_text import DEFAULTS, check_template, date_text, fill, paragraphs
from careloop.feedback.models import LetterTemplate

__all__ = ["check_template", "ensure_default_templates", "fill", "letter_create"]


def ensure_default_templates() -> None:
    """The default letters, if the council has none at all (as on a new installation)."""
    if not LetterTemplate.objects.exists():
        for name, purpose, body in DEFAULTS:
            LetterTemplate.objects.get_or_create(
                name=name, defaults={"purpose": purpose, "body": body}
            )


@transaction.atomic
def letter_create(*, feedback, template, text: str, user, today: dt.date | None = None):
    """Render the (possibly edited) letter to PDF and store it on the record."""
    if not text.strip():
        raise ServiceError("The letter is empty", field="text")
    if "{{" in text or "{%" in text:
        raise ServiceError(
            "The letter still has a placeholder in it: fill it in or remove it", field="text"
        )
    if re.search(r"\[[^\]]{3,}\]", text):
        raise ServiceError(
            "The letter still has instructions in square brackets: replace them with what "
            "you want to say",
            field="text",
        )
    today = today or dt.date.today()
    address = [feedback.representative_name or feedback.from_name]
    if feedback.from_address:
        address += [line for line in feedback.from_address.splitlines() if line.strip()]
    pdf = render_pdf(
        "feedback/documents/letter.html",
        {
            "title": template.name,
            "feedback": feedback,
            "address": [line for line in address if line] if not feedback.from_anonymous else [],
            "date": date_text(today),
            "paragraphs": paragraphs(text),
        },
    )
    name = f"{feedback.reference}-{template.purpose}-{today:%Y-%m-%d}.pdf"
    return attachment_add_file(
        record=feedback,
        file=ContentFile(pdf, name=name),
        title=f"{template.name}, {date_text(today)}",
        user=user,
        view_permission="feedback.view",
        role="letter",
    )
