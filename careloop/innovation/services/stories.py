"""People's stories of a pilot, and the risks to it."""

from __future__ import annotations

from careloop.core.services import ServiceError, save_fields

from ..models import Pilot, Risk, Story

STORY_FIELDS = ("title", "story", "whose", "told_on", "consent")
RISK_FIELDS = ("description", "likelihood", "impact", "mitigation", "is_open")

NO_CONSENT = "A story can only be kept when the person has agreed to it being used"


def story_save(*, pilot: Pilot, user, record: Story | None = None, **fields) -> Story:
    if not fields.get("consent", getattr(record, "consent", False)):
        raise ServiceError(NO_CONSENT, field="consent")
    if record is None:
        record = Story(pilot=pilot, added_by=user)
    return save_fields(record, fields, STORY_FIELDS)


def risk_save(*, pilot: Pilot, risk: Risk | None = None, **fields) -> Risk:
    return save_fields(risk or Risk(pilot=pilot), fields, RISK_FIELDS)
