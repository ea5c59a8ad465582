"""Use cases of handling a record: assigning it, notes and documents, closing, reopening,
withdrawing, deleting, and its equality monitoring answers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from careloop.core.attachments import attachment_add_file, attachment_add_link
from careloop.core.models import Attachment
from careloop.core.permissions import can
from careloop.core.services import ServiceError
from careloop.feedback.models import EqualityMonitoring, Feedback, Note

from .records import _full_clean, _locked, _save, _tell_owner


@transaction.atomic
def feedback_assign(*, feedback: Feedback, owner, user, note: str = "") -> Feedback:
    """Give the item to someone (or to no one). They are told by email."""
    current = _locked(feedback)
    if owner is not None and not can(owner, "feedback.view"):
        raise ServiceError(f"{owner} cannot see feedback, so cannot be given it", field="owner")
    if current.owner_id == getattr(owner, "pk", None):
        return current
    current.owner = owner
    _save(current)
    if note.strip():
        Note.objects.create(feedback=current, author=user, text=note.strip())
    if owner is not None and owner.pk != getattr(user, "pk", None):
        _tell_owner(current)
    return current


@transaction.atomic
def feedback_delete(*, feedback: Feedback, user, reason: str) -> Feedback:
    """Soft delete: the record leaves every list but stays, with the reason, in the audit."""
    if not reason.strip():
        raise ServiceError("Give the reason for deleting this feedback")
    current = _locked(feedback)
    current.is_deleted = True
    current.deleted_at = timezone.now()
    current.deleted_by = user
    current.deletion_reason = reason.strip()
    current.version += 1
    current.next_due_on = None
    current.save()
    return current


@transaction.atomic
def note_add(*, feedback: Feedback, user, text: str) -> Note:
    if not text.strip():
        raise ServiceError("Enter the note")
    _locked(feedback)
    return Note.objects.create(feedback=feedback, author=user, text=text.strip())


def document_add(
    *, feedback: Feedback, user, title: str = "", file=None, url: str = ""
) -> Attachment:
    """A document (a file) or a web link on the record, seen by those who may see feedback."""
    if file:
        return attachment_add_file(
            record=feedback, file=file, title=title, user=user, view_permission="feedback.view"
        )
    return attachment_add_link(
        record=feedback, url=url, title=title, user=user, view_permission="feedback.view"
    )


@transaction.atomic
def feedback_close(*, feedback: Feedback, user, reason: str = "") -> Feedback:
    current = _locked(feedback)
    if current.is_complaint and not current.responded_on:
        raise ServiceError("Record the response before closing a complaint")
    return _set_status(current, user, Feedback.Status.CLOSED, "Closed", reason)


@transaction.atomic
def feedback_reopen(*, feedback: Feedback, user, reason: str) -> Feedback:
    if not reason.strip():
        raise ServiceError("Give the reason for reopening")
    return _set_status(_locked(feedback), user, Feedback.Status.IN_PROGRESS, "Reopened", reason)


@transaction.atomic
def feedback_withdraw(*, feedback: Feedback, user, reason: str) -> Feedback:
    if not reason.strip():
        raise ServiceError("Give the reason (for example, what the person said)")
    return _set_status(_locked(feedback), user, Feedback.Status.WITHDRAWN, "Withdrawn", reason)


def _set_status(current: Feedback, user, status: str, done: str, reason: str) -> Feedback:
    """The new status saved, and the reason (if any) noted as "<done>: <reason>"."""
    current.status = status
    _save(current)
    if reason.strip():
        Note.objects.create(feedback=current, author=user, text=f"{done}: {reason.strip()}")
    return current


@transaction.atomic
def equality_save(*, feedback: Feedback, answers: dict) -> EqualityMonitoring | None:
    """Store (or replace) the person's equality monitoring answers."""
    record = EqualityMonitoring.objects.filter(feedback=feedback).first()
    if not any(answers.get(f) for f in EqualityMonitoring.FIELDS):
        if record:
            record.delete()
        return None
    record = record or EqualityMonitoring(feedback=feedback)
    for name in EqualityMonitoring.FIELDS:
        setattr(record, name, answers.get(name, ""))
    _full_clean(record, exclude=["feedback"])
    record.save()
    return record
