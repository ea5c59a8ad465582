""" "You said, we did" statements: written, checked for personal details, published and
withdrawn."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from careloop.core.services import ServiceError, save_fields

from ..models import Participant, Statement

STATEMENT_FIELDS = (
    "title",
    "topic",
    "you_said",
    "we_did",
    "still_to_do",
    "easy_read_you_said",
    "easy_read_we_did",
    "source",
    "source_detail",
    "project",
    "contribution",
    "themes",
    "pilot",
    "action",
)
# The words that go on the public page, checked for personal details before they do.
TEXT_FIELDS = (
    "title",
    "you_said",
    "we_did",
    "easy_read_you_said",
    "easy_read_we_did",
    "still_to_do",
    "source_detail",
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b")


def personal_details_in(text: str) -> list[str]:
    """Personal details found in text meant for the public: participants' names, email
    addresses and phone numbers. Returned as descriptions, for the person publishing."""
    found = []
    if EMAIL.search(text):
        found.append("an email address")
    if PHONE.search(text):
        found.append("a phone number")
    lowered = " ".join(text.lower().split())
    names = Participant.objects.filter(erased_on__isnull=True).values_list("full_name", flat=True)
    for name in names:
        name = " ".join(name.lower().split())
        if len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", lowered):
            found.append(f"the name of a participant ({name.title()})")
    return found


@transaction.atomic
def statement_save(*, statement: Statement | None = None, themes=None, **fields: Any) -> Statement:
    """Save a statement; `themes` (feedback themes it answers) replaces the links when given."""
    record = statement or Statement()
    if record.status == Statement.Status.PUBLISHED:
        _refuse_personal_details(
            {**_texts(record), **{k: v for k, v in fields.items() if k in TEXT_FIELDS}}
        )
    record = save_fields(record, fields, STATEMENT_FIELDS)
    if themes is not None:
        record.themes.set(themes)
    return record


def _texts(statement: Statement) -> dict[str, str]:
    return {name: getattr(statement, name) or "" for name in TEXT_FIELDS}


def _refuse_personal_details(texts: Mapping[str, str]) -> None:
    problems: dict[str, str | list[str]] = {}
    for field, text in texts.items():
        if found := personal_details_in(text or ""):
            problems[field] = (
                f"This is for the public and contains {', '.join(found)}. Remove personal "
                "details before publishing"
            )
    if problems:
        raise ServiceError(problems)


@transaction.atomic
def statement_publish(*, statement: Statement) -> Statement:
    """Publish on the public page, after checking that no personal details would show."""
    if statement.status == Statement.Status.PUBLISHED:
        raise ServiceError("This statement is already published.")
    _refuse_personal_details(_texts(statement))
    statement.status = Statement.Status.PUBLISHED
    statement.published_on = dt.date.today()
    statement.save()
    return statement


def statement_withdraw(*, statement: Statement) -> Statement:
    if statement.status != Statement.Status.PUBLISHED:
        raise ServiceError("Only a published statement can be withdrawn.")
    statement.status = Statement.Status.WITHDRAWN
    statement.save()
    return statement
