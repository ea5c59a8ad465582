"""Use cases that write supervision: sessions, their private section, and the policy per
career stage."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from careloop.core.permissions import can
from careloop.core.services import ServiceError

from ..models import SupervisionPolicy, SupervisionPrivateNote, SupervisionSession
from ..models.people import manages

# What a supervision's form records and the API shows (never the private section).
SUPERVISION_FIELDS = ("supervisee", "supervisor", "held_on", "kind", "agreed_actions")
PRIVATE_WRITERS = "Only the supervisor and the person supervised may write the private section"


def may_record_supervision(user, supervisee, supervisor) -> bool:
    if not can(user, "workforce.supervision"):
        return False
    if user.pk in (supervisor.pk, supervisee.pk) or can(user, "workforce.supervision_all"):
        return True
    return manages(user, supervisee)


@transaction.atomic
def supervision_record(
    *,
    user,
    supervisee,
    supervisor,
    held_on: dt.date,
    kind: str,
    agreed_actions: str = "",
    private_text: str = "",
) -> SupervisionSession:
    if supervisee is None or supervisor is None:
        raise ServiceError("Choose the supervisor and the person supervised")
    if supervisee.pk == supervisor.pk:
        raise ServiceError("The supervisor and the person supervised must be different people")
    if not may_record_supervision(user, supervisee, supervisor):
        raise ServiceError("You may record supervisions you take part in, or of people you manage")
    if not isinstance(held_on, dt.date):
        raise ServiceError("Enter the date of the supervision", field="held_on")
    if held_on > dt.date.today():
        raise ServiceError("The supervision date cannot be in the future", field="held_on")
    if kind not in SupervisionSession.Kind.values:
        raise ServiceError("Choose the type of supervision", field="kind")
    session = SupervisionSession.objects.create(
        supervisee=supervisee,
        supervisor=supervisor,
        held_on=held_on,
        kind=kind,
        agreed_actions=agreed_actions.strip(),
        created_by=user,
    )
    if private_text.strip():
        if user.pk not in (supervisor.pk, supervisee.pk):
            raise ServiceError(PRIVATE_WRITERS, field="private_text")
        SupervisionPrivateNote.objects.create(session=session, text=private_text.strip())
    return session


@transaction.atomic
def supervision_private_save(*, user, session: SupervisionSession, text: str):
    """Write the private section: the supervisor or the supervisee only."""
    if user.pk not in (session.supervisor_id, session.supervisee_id):
        raise ServiceError(PRIVATE_WRITERS)
    note = SupervisionPrivateNote.objects.filter(session=session).first()
    text = (text or "").strip()
    if note is None:
        if not text:
            raise ServiceError("Enter the private notes", field="text")
        return SupervisionPrivateNote.objects.create(session=session, text=text)
    note.text = text
    note.updated_at = timezone.now()
    note.save()
    return note


def policy_save(*, career_stage: str, interval_days: int, note: str = "") -> SupervisionPolicy:
    if not interval_days or not 7 <= interval_days <= 180:
        raise ServiceError("The interval must be between 7 and 180 days", field="interval_days")
    policy = SupervisionPolicy.objects.filter(career_stage=career_stage).first()
    policy = policy or SupervisionPolicy(career_stage=career_stage)
    policy.interval_days, policy.note = interval_days, note.strip()
    policy.save()
    return policy
