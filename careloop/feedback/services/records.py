"""Use cases that write a feedback record: intake, editing with conflict detection, and the
helpers the other feedback services share (locking a record, saving it, telling its owner)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from careloop.core import notify
from careloop.core.services import ServiceError
from careloop.feedback import clocks
from careloop.feedback.models import (
    ClockSettings,
    EqualityMonitoring,
    Feedback,
    next_references,
)

# Every field of a record a person gives, in the order the pages and the API show them: the
# record form (new and edit), the API's serializer and these services all use these lists.
FEEDBACK_FIELDS = (
    "kind",
    "channel",
    "received_on",
    "event_on",
    "summary",
    "text",
    "rating",
    "survey",
    "from_anonymous",
    "from_name",
    "from_email",
    "from_phone",
    "from_address",
    "representative_name",
    "representative_relationship",
    "from_organisation",
    "about_name",
    "about_case_ref",
    "service",
    "team",
    "provider",
    "complaint",
    "status",
    "owner",
    "is_restricted",
    "restriction_reason",
)
# Recorded at intake: everything but the status (a new record is new).
INTAKE_FIELDS = tuple(f for f in FEEDBACK_FIELDS if f != "status")
# Fields a person may change after intake (the free text is never altered).
EDITABLE = tuple(f for f in FEEDBACK_FIELDS if f != "text")


def record_problems(data: dict, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Checks across fields of a record, shared by the pages and the API."""
    today = today or dt.date.today()
    problems = []
    received, event = data.get("received_on"), data.get("event_on")
    if received and received > today:
        problems.append(("received_on", "The date received must be today or in the past"))
    if received and event and event > received:
        problems.append(
            ("event_on", "The date of the event must be on or before the date received")
        )
    kind, complaint = data.get("kind"), data.get("complaint")
    if kind == Feedback.Kind.OMBUDSMAN and not complaint:
        problems.append(("complaint", "Choose the complaint the Ombudsman enquiry is about"))
    if kind and kind != Feedback.Kind.OMBUDSMAN and complaint:
        problems.append(("complaint", "Only Ombudsman enquiries are linked to a complaint"))
    if complaint is not None and complaint and not complaint.is_complaint:
        problems.append(("complaint", "Choose a complaint"))
    team, service = data.get("team"), data.get("service")
    if team and service and team.service_id != service.pk:
        problems.append(("team", f"{team} is not part of {service}"))
    if data.get("is_restricted") and not (data.get("restriction_reason") or "").strip():
        problems.append(("restriction_reason", "Give the reason for restricting this record"))
    if data.get("rating") is not None and not 1 <= int(data["rating"]) <= 5:
        problems.append(("rating", "The rating must be from 1 to 5"))
    return problems


def _refresh_due(feedback: Feedback) -> None:
    feedback.next_due_on = clocks.next_due(feedback)


def start_clock(feedback: Feedback, settings: ClockSettings | None = None) -> None:
    """Set the deadlines of a new item (or of one whose kind or receipt date changed)."""
    settings = settings or ClockSettings.current()
    if feedback.is_complaint and not feedback.stage_started_on:
        feedback.stage_started_on = feedback.received_on
    if feedback.acknowledgement_due_on is None or not feedback.acknowledged_on:
        feedback.acknowledgement_due_on = clocks.acknowledgement_due(feedback, settings)
    if feedback.response_due_on is None:  # cleared by the caller when it must be recomputed
        feedback.response_due_on = clocks.default_response_due(feedback, settings)
    _refresh_due(feedback)


# --- Intake -----------------------------------------------------------------------------------
@transaction.atomic
def feedback_create(*, data: dict, user=None, equality: dict | None = None) -> Feedback:
    """Record a new item of feedback; it gets its reference number and its clock."""
    unknown = set(data) - set(FEEDBACK_FIELDS)
    if unknown:
        raise ServiceError(f"These fields cannot be given: {', '.join(sorted(unknown))}")
    text = (data.get("text") or "").strip()
    if not text:
        raise ServiceError("Enter what the person said")
    feedback = Feedback(**data)
    feedback.text = data["text"]  # as written: only the emptiness check is on the trimmed copy
    if feedback.from_anonymous:
        feedback.from_name = feedback.from_email = feedback.from_phone = feedback.from_address = ""
    ombudsman = feedback.kind == Feedback.Kind.OMBUDSMAN
    if ombudsman and feedback.complaint is not None and not feedback.complaint.is_complaint:
        raise ServiceError("An Ombudsman enquiry must be linked to a complaint")
    if feedback.team is not None and not feedback.service_id:
        feedback.service = feedback.team.service
    feedback.created_by = user if getattr(user, "pk", None) else None
    feedback.reference = next_references(feedback.received_on.year)[0]
    start_clock(feedback)
    _full_clean(feedback, exclude=["reference"])
    feedback.save()
    if equality and any(equality.get(f) for f in EqualityMonitoring.FIELDS):
        EqualityMonitoring.objects.create(feedback=feedback, **equality)
    if feedback.owner_id and feedback.owner_id != getattr(user, "pk", None):
        _tell_owner(feedback)
    return feedback


def _full_clean(record, *, exclude: list[str]) -> None:
    """The model's own checks, refused as a ServiceError (by field)."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ServiceError.from_validation(error) from None


# --- Editing, with conflict detection ----------------------------------------------------------
@dataclass
class Conflict:
    field: str
    label: str
    yours: object
    theirs: object


class EditConflict(ServiceError):
    """Someone else changed the same fields since this person opened the record."""

    def __init__(self, conflicts: list[Conflict], current: Feedback):
        self.conflicts = conflicts
        self.current = current
        names = ", ".join(c.label for c in conflicts)
        super().__init__(
            f"Someone else changed this record while you were editing it ({names}). "
            "Nothing has been saved: compare the two versions below and save again."
        )


def plain(value):
    """A comparable form of a field value (records by their id, dates as ISO text)."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def snapshot_objects(feedback: Feedback, fields=EDITABLE) -> dict:
    """The editable fields' current values as the record holds them (records, not ids)."""
    return {f: getattr(feedback, f) for f in fields}


def snapshot(feedback: Feedback, fields=EDITABLE) -> dict:
    return {f: plain(getattr(feedback, f)) for f in fields}


@transaction.atomic
def feedback_update(
    *, feedback: Feedback, changes: dict, user, original: dict | None = None, version: int
) -> Feedback:
    """Save a person's changes. If the record moved on since they opened it (`version`),
    changes to different fields are merged; the same field changed by both is a conflict and
    nothing is saved. `original` holds the values the person started from."""
    current = Feedback.all_objects.select_for_update().get(pk=feedback.pk)
    if current.is_deleted:
        raise ServiceError("This feedback has been deleted")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(f"These fields cannot be changed: {', '.join(sorted(unknown))}")
    apply = dict(changes)
    if current.version != version:
        if original is None:
            raise EditConflict([], current)
        conflicts = []
        for name, mine in changes.items():
            base, theirs = original.get(name), plain(getattr(current, name))
            if plain(mine) == base:
                apply.pop(name)  # this person did not change it: keep what is saved
            elif theirs != base and theirs != plain(mine):
                field = Feedback._meta.get_field(name)
                label = str(getattr(field, "verbose_name", name)).capitalize()
                conflicts.append(Conflict(name, label, mine, getattr(current, name)))
        if conflicts:
            raise EditConflict(conflicts, current)
    clock_fields = {"kind", "received_on"}
    restart = any(plain(apply[f]) != plain(getattr(current, f)) for f in clock_fields & set(apply))
    owner_changed = "owner" in apply and plain(apply["owner"]) != current.owner_id
    for name, value in apply.items():
        setattr(current, name, value)
    if current.from_anonymous:
        current.from_name = current.from_email = current.from_phone = current.from_address = ""
    if current.team is not None and not current.service_id:
        current.service = current.team.service
    if restart:
        if not current.revisions.exists() and current.kind != Feedback.Kind.OMBUDSMAN:
            current.response_due_on = None
        start_clock(current)
    _refresh_due(current)
    current.version += 1
    _full_clean(current, exclude=["reference"])
    current.save()
    if owner_changed and current.owner_id and current.owner_id != getattr(user, "pk", None):
        _tell_owner(current)
    return current


def _save(feedback: Feedback) -> Feedback:
    _refresh_due(feedback)
    feedback.version += 1
    feedback.save()
    return feedback


def _locked(feedback: Feedback) -> Feedback:
    current = Feedback.all_objects.select_for_update().get(pk=feedback.pk)
    if current.is_deleted:
        raise ServiceError("This feedback has been deleted")
    return current


def _email_once_saved(feedback: Feedback, to, subject: str, template: str) -> None:
    """An email about the record, sent once the transaction has committed."""
    transaction.on_commit(
        lambda: notify.send(
            to=[to], subject=subject, template=template, context={"feedback": feedback}
        )
    )


def _tell_owner(feedback: Feedback) -> None:
    _email_once_saved(
        feedback,
        feedback.owner,
        f"Feedback {feedback.reference} is assigned to you",
        "feedback/email/assigned.txt",
    )


def tell_person_received(*, feedback: Feedback) -> None:
    """Email the person their reference number (public form, when they gave an address)."""
    _email_once_saved(
        feedback,
        feedback.from_email,
        f"We have received your feedback: {feedback.reference}",
        "feedback/email/received.txt",
    )
