"""Reminders and escalations, run every morning (see tasks.py).

- An action due within DUE_SOON working days: its owner is reminded once.
- An overdue action: its owner is told once; after ESCALATE_AFTER working days overdue, the
  owner's line manager (or the team's manager, or whoever set the action) is told once.
  A new due date starts the reminders again.
- An Ombudsman remedy due within DUE_SOON working days and not complied with: the case
  officer (or the quality leads) are reminded once.
- A learning brief not acknowledged by its "read by" date: each reader is reminded once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone

from careloop.core import access, notify, workdays
from careloop.core.models import User
from careloop.core.permissions import Role
from careloop.learning.models import Action, ActionReminder, BriefRecipient, LgscoRemedy

DUE_SOON = 5  # working days
ESCALATE_AFTER = 5  # working days overdue


def escalation_to(action: Action):
    """The owner's line manager, else the team's manager, else whoever set the action: the
    first of them who may read it (the email quotes a restricted action's title)."""
    owner = action.owner
    for person in (
        owner.line_manager,
        action.team.manager if action.team is not None else None,
        action.created_by,
    ):
        if person is not None and person.pk != owner.pk and access.may_read(person, action):
            return person
    return None


def _once(action: Action, kind: str, recipients: list) -> bool:
    """Record the reminder; False if it was already sent for this due date."""
    try:
        with transaction.atomic():
            ActionReminder.objects.create(
                action=action, kind=kind, for_due_on=action.due_on, recipients=len(recipients)
            )
    except IntegrityError:
        return False
    return True


def send_action_reminders(today: dt.date | None = None) -> Counter:
    today = today or dt.date.today()
    sent: Counter = Counter()
    horizon = workdays.add_working_days(today, DUE_SOON)
    candidates = list(
        Action.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("owner__line_manager", "team__manager", "created_by")
    )
    done = set(
        ActionReminder.objects.filter(action__in=candidates).values_list(
            "action_id", "kind", "for_due_on"
        )
    )

    def remind(action, kind, to, subject: str, template: str, **context) -> None:
        """Send the reminder of this kind once for the action's due date."""
        if (action.pk, kind, action.due_on) in done or not _once(action, kind, to):
            return
        notify.send(
            to=to,
            subject=subject,
            template=f"learning/email/{template}.txt",
            context={"action": action, "today": today, **context},
        )
        sent[kind.value] += 1

    Kind = ActionReminder.Kind
    for action in candidates:
        ref = action.reference
        if action.due_on >= today:
            remind(action, Kind.DUE_SOON, [action.owner], f"Action due soon: {ref}", "due_soon")
            continue
        remind(action, Kind.OVERDUE, [action.owner], f"Action overdue: {ref}", "overdue")
        late_by = workdays.working_days_between(action.due_on, today)
        manager = escalation_to(action)
        if late_by >= ESCALATE_AFTER and manager is not None:
            subject = f"Escalation: {action.owner}'s action {ref} is overdue"
            remind(action, Kind.ESCALATED, [manager], subject, "escalation", late_by=late_by)
    return sent


def send_remedy_reminders(today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    horizon = workdays.add_working_days(today, DUE_SOON)
    remedies = LgscoRemedy.objects.filter(
        complied_on__isnull=True, due_on__lte=horizon, reminded_on__isnull=True
    ).select_related("case__officer")
    leads = list(User.objects.filter(role=Role.QUALITY_LEAD, is_active=True))
    count = 0
    for remedy in remedies:
        officer = remedy.case.officer
        to = [officer] if officer and officer.is_active else leads
        notify.send(
            to=to,
            subject=f"Ombudsman remedy due: {remedy.case.reference}",
            template="learning/email/remedy_due.txt",
            context={"remedy": remedy, "today": today},
        )
        remedy.reminded_on = today
        remedy.save(update_fields=["reminded_on"])
        count += 1
    return count


def send_brief_reminders(today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    waiting = BriefRecipient.objects.filter(
        acknowledged_at__isnull=True,
        reminded_at__isnull=True,
        brief__read_by__lt=today,
        person__is_active=True,
    ).select_related("brief", "person")
    count = 0
    for recipient in waiting:
        notify.send(
            to=[recipient.person],
            subject=f"Reminder: please read {recipient.brief.title}",
            template="learning/email/brief_reminder.txt",
            context={"brief": recipient.brief},
        )
        recipient.reminded_at = timezone.now()
        recipient.save(update_fields=["reminded_at"])
        count += 1
    return count
