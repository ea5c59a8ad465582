"""Actions: create from any source, record progress, complete, sign off, reopen; milestones.
(Evidence is in evidence.py.)

The rules a quality board relies on are kept here, whoever calls (page, API, another area):
the due date is not before the start; an action is marked done only with evidence; it is
closed only when someone other than its owner signs it off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from careloop.core import notify
from careloop.core.permissions import can
from careloop.core.services import ServiceError
from careloop.learning.models import (
    Action,
    ActionUpdate,
    Milestone,
    Recommendation,
)
from careloop.learning.services.common import set_fields

# Where an action came from, by the app (or app.model) of its source record.
ORIGIN_BY_SOURCE = {
    "learning.recommendation": Action.Origin.REVIEW,
    "learning.lgscoremedy": Action.Origin.LGSCO,
    "learning.agendaitem": Action.Origin.MEETING,
    "themes": Action.Origin.THEME,
    "innovation.externallearning": Action.Origin.EXTERNAL,
    "innovation": Action.Origin.PILOT,
    "coproduction": Action.Origin.COPRODUCTION,
    "workforce": Action.Origin.WORKFORCE,
    "assurance": Action.Origin.AUDIT,
}

DATE_ORDER = "The due date must be the same as or after the start date"


def origin_for(source) -> str:
    if source is None:
        return Action.Origin.OTHER
    meta = source._meta
    return ORIGIN_BY_SOURCE.get(
        f"{meta.app_label}.{meta.model_name}",
        ORIGIN_BY_SOURCE.get(meta.app_label, Action.Origin.OTHER),
    )


def _check_dates(start: dt.date, due: dt.date) -> None:
    if not isinstance(due, dt.date):
        raise ServiceError("Enter the due date")
    if not isinstance(start, dt.date):
        raise ServiceError("Enter the start date")
    if due < start:
        raise ServiceError(DATE_ORDER)


def _check_owner(owner) -> None:
    if owner is None or not getattr(owner, "pk", None):
        raise ServiceError("Choose who owns the action")
    if not owner.is_active:
        raise ServiceError(f"{owner} has left, so cannot own an action: choose someone else")


def _log(action: Action, user, kind: str, note: str) -> ActionUpdate:
    return ActionUpdate.objects.create(
        action=action, kind=kind, status=action.status, note=note, author=user
    )


@transaction.atomic
def action_create(
    *,
    title: str,
    owner,
    due: dt.date,
    source=None,
    recommendation: Recommendation | None = None,
    origin: str | None = None,
    start: dt.date | None = None,
    team=None,
    priority: str = Action.Priority.MEDIUM,
    description: str = "",
    source_label: str = "",
    created_by=None,
    is_restricted: bool = False,
    restriction_reason: str = "",
    milestones: Iterable[tuple[str, dt.date]] = (),
) -> Action:
    """A new action owned by `owner`, due on `due`, arising from `source` (any record) or a
    review `recommendation`. The owner is emailed when someone else creates it."""
    if not title or not title.strip():
        raise ServiceError("Enter what the action is")
    _check_owner(owner)
    start = start or dt.date.today()
    _check_dates(start, due)
    if priority not in Action.Priority.values:
        raise ServiceError("Choose a priority: high, medium or low")
    if source is None and recommendation is not None:
        source = recommendation
    if isinstance(source, Recommendation) and recommendation is None:
        recommendation = source
    origin = origin or origin_for(source)
    if origin not in Action.Origin.values:
        raise ServiceError(f"Unknown origin {origin!r}")
    action = Action(
        title=title.strip(),
        description=description.strip(),
        recommendation=recommendation,
        origin=origin,
        source_label=(source_label or (str(source) if source is not None else ""))[:300],
        owner=owner,
        team=team if team is not None else owner.team,
        priority=priority,
        start_on=start,
        due_on=due,
        original_due_on=due,
        created_by=created_by,
        is_restricted=is_restricted,
        restriction_reason=restriction_reason,
    )
    if source is not None:
        if source.pk is None:
            raise ServiceError("Save the record the action arises from first")
        action.source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
        action.source_id = str(source.pk)
    action.save()
    for title_, due_on in milestones:
        milestone_add(action=action, title=title_, due_on=due_on)
    if created_by is not None and created_by.pk != owner.pk:
        transaction.on_commit(lambda: _notify_assigned(action, created_by))
    return action


def _notify_assigned(action: Action, by) -> None:
    notify.send(
        to=[action.owner],
        subject=f"Action assigned to you: {action.reference}",
        template="learning/email/assigned.txt",
        context={"action": action, "by": by},
    )


# An action's editable fields, for its form, the API and action_update (the status changes
# only through progress, completion and sign-off).
ACTION_FIELDS = (
    "title",
    "description",
    "owner",
    "team",
    "priority",
    "start_on",
    "due_on",
    "source_label",
    "is_restricted",
    "restriction_reason",
)


@transaction.atomic
def action_update(*, action: Action, user, reason: str = "", **fields) -> Action:
    """Change an action's details. A new due date is noted in its progress log (boards watch
    slipping dates), with the reason if one is given."""
    if "status" in fields:
        raise ServiceError(
            "Change the status by recording progress, marking it done or signing it off"
        )
    old_due, old_owner = action.due_on, action.owner
    set_fields(action, fields, ACTION_FIELDS, refusal="These cannot be changed here")
    if not action.title:
        raise ServiceError("Enter what the action is")
    _check_owner(action.owner)
    _check_dates(action.start_on, action.due_on)
    if action.status == Action.Status.CLOSED and (old_due != action.due_on):
        raise ServiceError("This action is closed: reopen it before changing its due date")
    action.save()
    if old_due != action.due_on:
        note = f"Due date moved from {old_due:%-d %B %Y} to {action.due_on:%-d %B %Y}"
        _log(action, user, ActionUpdate.Kind.PROGRESS, f"{note}. {reason}".strip())
    if old_owner.pk != action.owner.pk:
        _log(
            action,
            user,
            ActionUpdate.Kind.PROGRESS,
            f"Owner changed from {old_owner} to {action.owner}",
        )
        if user is None or user.pk != action.owner.pk:
            transaction.on_commit(lambda: _notify_assigned(action, user))
    return action


@transaction.atomic
def action_record_progress(*, action: Action, user, note: str, status: str | None = None):
    """A progress note, optionally with a new status (not started, on track or at risk)."""
    if not note or not note.strip():
        raise ServiceError("Enter a progress update")
    if action.status == Action.Status.CLOSED:
        raise ServiceError("This action is closed: reopen it to record more progress")
    if status:
        if status == Action.Status.CLOSED:
            raise ServiceError(
                "An action is closed only when someone other than its owner signs it off"
            )
        if status == Action.Status.DONE:
            raise ServiceError("Mark the action done with a summary of what was done")
        if status not in Action.PROGRESS:
            raise ServiceError("Choose not started, on track or at risk")
        if action.status == Action.Status.DONE:
            raise ServiceError("This action is done and awaiting sign-off: reopen it first")
        action.status = status
        action.save(update_fields=["status"])
    return _log(action, user, ActionUpdate.Kind.PROGRESS, note.strip())


@transaction.atomic
def action_complete(
    *, action: Action, user, note: str, completed_on: dt.date | None = None
) -> Action:
    """The owner (or a manager) says it is done; it then waits for someone else's sign-off."""
    if action.status in Action.FINISHED:
        raise ServiceError("This action is already done")
    if not note or not note.strip():
        raise ServiceError("Say what was done")
    if not action.has_evidence():
        raise ServiceError(
            "Add evidence of what was done (a file, a link, a record or a figure) before "
            "marking the action done"
        )
    completed_on = completed_on or dt.date.today()
    if completed_on < action.start_on:
        raise ServiceError("The date it was done cannot be before the action started")
    if completed_on > dt.date.today():
        raise ServiceError("The date it was done cannot be in the future")
    action.status, action.completed_on = Action.Status.DONE, completed_on
    action.completion_note = note.strip()
    action.save()
    _log(action, user, ActionUpdate.Kind.COMPLETED, note.strip())
    transaction.on_commit(lambda: _notify_sign_off(action))
    return action


def sign_off_candidates(action: Action) -> list:
    """Who is asked to sign off: the person who set the action and the owner's line
    manager, if they are not the owner and may sign off."""
    people = [action.created_by, action.owner.line_manager]
    if action.team is not None and action.team.manager_id:
        people.append(action.team.manager)
    seen, out = set(), []
    for person in people:
        if person is None or person.pk in seen or person.pk == action.owner_id:
            continue
        seen.add(person.pk)
        if person.is_active and can(person, "learning.sign_off", action):
            out.append(person)
    return out


def _notify_sign_off(action: Action) -> None:
    notify.send(
        to=sign_off_candidates(action),
        subject=f"Action ready for sign-off: {action.reference}",
        template="learning/email/sign_off.txt",
        context={"action": action},
    )


@transaction.atomic
def action_sign_off(*, action: Action, user, note: str = "") -> Action:
    """Close an action. Only someone other than the owner, with evidence on the action."""
    if user is None or user.pk == action.owner_id:
        raise ServiceError("You own this action, so someone else must sign off its closure")
    if not can(user, "learning.sign_off", action):
        raise ServiceError("Your role does not allow you to sign off actions")
    if action.status == Action.Status.CLOSED:
        raise ServiceError("This action is already closed")
    if action.status != Action.Status.DONE:
        raise ServiceError("The owner must mark the action done before it can be signed off")
    if not action.has_evidence():
        raise ServiceError("This action has no evidence: it cannot be closed without it")
    action.status = Action.Status.CLOSED
    action.signed_off_by, action.signed_off_on = user, dt.date.today()
    action.sign_off_note = note.strip()
    action.save()
    _log(action, user, ActionUpdate.Kind.SIGNED_OFF, note.strip() or "Closure signed off")
    return action


@transaction.atomic
def action_reopen(*, action: Action, user, reason: str) -> Action:
    if action.is_open:
        raise ServiceError("This action is still open")
    if not reason or not reason.strip():
        raise ServiceError("Say why the action is being reopened")
    action.status = Action.Status.ON_TRACK
    action.completed_on = action.signed_off_by = action.signed_off_on = None
    action.sign_off_note = ""
    action.save()
    _log(action, user, ActionUpdate.Kind.REOPENED, reason.strip())
    return action


def milestone_add(*, action: Action, title: str, due_on: dt.date) -> Milestone:
    if not title or not title.strip():
        raise ServiceError("Enter the milestone")
    if not isinstance(due_on, dt.date):
        raise ServiceError("Enter the milestone's due date")
    if due_on < action.start_on:
        raise ServiceError("A milestone cannot be due before the action starts")
    return Milestone.objects.create(action=action, title=title.strip(), due_on=due_on)


def milestone_done(*, milestone: Milestone, done_on: dt.date | None = None) -> Milestone:
    done_on = done_on or dt.date.today()
    if done_on > dt.date.today():
        raise ServiceError("A milestone cannot be met in the future")
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    return milestone
