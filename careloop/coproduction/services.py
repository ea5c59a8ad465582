"""Use cases that write: groups, participants (consent, erasure, payments), projects and who
was involved at which stage, feedback windows, what people said and what changed, and
"You said, we did" statements. Keyword-only; every write is audited."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careloop.core.services import ServiceError

from .models import (
    Contribution,
    FeedbackPolicy,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Project,
    Statement,
)


def _save(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


# --- Groups and participants ------------------------------------------------------------------
def group_save(*, group: Group | None = None, **fields) -> Group:
    return _save(group or Group(), **fields)


@transaction.atomic
def participant_save(
    *, participant: Participant | None = None, groups=None, **fields
) -> Participant:
    participant = _save(participant or Participant(), **fields)
    if groups is not None:
        participant.groups.set(groups)
    return participant


@transaction.atomic
def participant_withdraw_consent(
    *, participant: Participant, on: dt.date | None = None
) -> Participant:
    """The person no longer wants to be contacted: stop, and keep only what must be kept."""
    if participant.consent_withdrawn_on:
        raise ServiceError("This person has already withdrawn their consent.")
    participant.consent = False
    participant.consent_withdrawn_on = on or dt.date.today()
    participant.save()
    return participant


@transaction.atomic
def participant_erase(*, participant: Participant) -> Participant:
    """Erase a person's personal details (right to erasure). Their involvement stays as an
    anonymous count, and payments stay as financial records against an anonymous name."""
    if participant.erased_on:
        raise ServiceError("This person’s details have already been erased.")
    participant.full_name = f"Former participant {participant.pk}"
    for field in (
        "known_as",
        "email",
        "phone",
        "address",
        "contact_times",
        "access_other",
        "notes",
        "consent_scope",
    ):
        setattr(participant, field, "")
    participant.access_needs = []
    participant.consent = False
    participant.consent_withdrawn_on = participant.consent_withdrawn_on or dt.date.today()
    participant.erased_on = dt.date.today()
    participant.is_restricted = False
    participant.restriction_reason = ""
    participant.save()
    participant.groups.clear()
    return participant


def payment_save(*, participant: Participant, payment: Payment | None = None, **fields) -> Payment:
    if participant.erased_on and payment is None:
        raise ServiceError(
            "No new payments can be recorded for a person whose details were erased."
        )
    if fields.get("status") == Payment.Status.PAID and not fields.get("paid_on"):
        fields["paid_on"] = dt.date.today()
    if (
        fields.get("project") is not None
        and not fields["project"].involvements.filter(participant=participant).exists()
    ):
        raise ValidationError({"project": "This person is not involved in that project"})
    return _save(payment or Payment(participant=participant), **fields)


# --- Projects and involvement -------------------------------------------------------------------
def project_save(*, project: Project | None = None, **fields) -> Project:
    return _save(project or Project(), **fields)


def involvement_save(
    *, project: Project, involvement: Involvement | None = None, **fields
) -> Involvement:
    group, participant = fields.get("group"), fields.get("participant")
    if bool(group) == bool(participant):
        raise ValidationError({"group": "Choose a group or a participant (one of the two)"})
    if participant is not None and involvement is None and not participant.can_be_contacted:
        raise ValidationError(
            {
                "participant": "This person has not given consent (or has withdrawn it), so "
                "they cannot be involved"
            }
        )
    if fields.get("started_on") and fields["started_on"] > dt.date.today():
        raise ValidationError({"started_on": "The date cannot be in the future"})
    duplicate = Involvement.objects.filter(project=project, stage=fields.get("stage"))
    duplicate = (
        duplicate.filter(group=group) if group else duplicate.filter(participant=participant)
    )
    if involvement is not None:
        duplicate = duplicate.exclude(pk=involvement.pk)
    if duplicate.exists():
        raise ValidationError(
            {"stage": "They are already recorded at this stage; change that record instead"}
        )
    return _save(involvement or Involvement(project=project), **fields)


def involvement_delete(*, involvement: Involvement) -> None:
    involvement.delete()


# --- Feedback windows -----------------------------------------------------------------------------
def window_check(*, group: Group | None, opens_on: dt.date, closes_on: dt.date, short_reason: str):
    """(policy minimum, problems by field) for a proposed window."""
    policy = FeedbackPolicy.current()
    minimum = policy.minimum_for(group)
    errors = {}
    if closes_on <= opens_on:
        errors["closes_on"] = "The window must close after it opens"
        return minimum, errors
    window = FeedbackWindow(opens_on=opens_on, closes_on=closes_on, policy_minimum=minimum)
    if window.length < minimum and not (short_reason or "").strip():
        who = (
            "lived-experience groups"
            if group is not None and group.is_lived_experience
            else "feedback"
        )
        errors["short_reason"] = (
            f"This window is {window.length} working day{'s' if window.length != 1 else ''}; the "
            f"policy minimum for {who} is {minimum} working days. Make it longer, or give the "
            "reason it has to be shorter"
        )
    return minimum, errors


def window_save(
    *, project: Project, window: FeedbackWindow | None = None, **fields
) -> FeedbackWindow:
    minimum, errors = window_check(
        group=fields.get("group"),
        opens_on=fields["opens_on"],
        closes_on=fields["closes_on"],
        short_reason=fields.get("short_reason", ""),
    )
    if errors:
        raise ValidationError(errors)
    record = window or FeedbackWindow(project=project)
    fields["policy_minimum"] = minimum
    record = _save(record, **fields)
    if not record.is_short and record.short_reason:
        record.short_reason = ""
        record.save(update_fields=["short_reason"])
    return record


# --- What people said, and what changed -----------------------------------------------------------
def contribution_save(
    *, project: Project, contribution: Contribution | None = None, **fields
) -> Contribution:
    window = fields.get("window")
    if window is not None and window.project_id != project.pk:
        raise ValidationError({"window": "That feedback window belongs to another project"})
    if window is not None and fields.get("group") is None:
        fields["group"] = window.group  # a reply to a group's window is that group's
    outcome = fields.get("outcome", getattr(contribution, "outcome", Contribution.Outcome.PENDING))
    if outcome != Contribution.Outcome.PENDING:
        if not (fields.get("what_changed") or "").strip():
            raise ValidationError(
                {"what_changed": "Say what changed as a result, or why nothing changed"}
            )
        if contribution is None or contribution.outcome != outcome or not contribution.responded_on:
            fields.setdefault("responded_on", dt.date.today())
    else:
        fields["responded_on"] = None
    return _save(contribution or Contribution(project=project), **fields)


# --- "You said, we did" ---------------------------------------------------------------------------
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
def statement_save(*, statement: Statement | None = None, themes=None, **fields) -> Statement:
    """Save a statement; `themes` (feedback themes it answers) replaces the links when given."""
    record = statement or Statement()
    if record.status == Statement.Status.PUBLISHED:
        _refuse_personal_details(
            {**_texts(record), **{k: v for k, v in fields.items() if k in TEXT_FIELDS}}
        )
    record = _save(record, **fields)
    if themes is not None:
        record.themes.set(themes)
    return record


TEXT_FIELDS = (
    "title",
    "you_said",
    "we_did",
    "easy_read_you_said",
    "easy_read_we_did",
    "still_to_do",
    "source_detail",
)


def _texts(statement: Statement) -> dict[str, str]:
    return {name: getattr(statement, name) or "" for name in TEXT_FIELDS}


def _refuse_personal_details(texts: dict[str, str]) -> None:
    problems = {}
    for field, text in texts.items():
        if found := personal_details_in(text or ""):
            problems[field] = (
                f"This is for the public and contains {', '.join(found)}. Remove personal "
                "details before publishing"
            )
    if problems:
        raise ValidationError(problems)


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


# --- Policy ---------------------------------------------------------------------------------------
def policy_update(*, min_days_groups: int, min_days_others: int) -> FeedbackPolicy:
    policy = FeedbackPolicy.current()
    policy.updated_at = timezone.now()
    return _save(policy, min_days_groups=min_days_groups, min_days_others=min_days_others)


# --- Reminders -------------------------------------------------------------------------------
def reminders_send(*, today: dt.date | None = None) -> int:
    """Email project leads about feedback windows that close in 3 working days, and about
    windows that closed on the last working day with nothing recorded of what people said."""
    from django.conf import settings

    from careloop.core import notify, workdays

    today = today or dt.date.today()
    soon = workdays.add_working_days(today, 3)
    yesterday = workdays.add_working_days(today, -1)
    lines: dict = {}
    windows = FeedbackWindow.objects.filter(project__lead__isnull=False).select_related(
        "project__lead", "group"
    )
    for window in windows.filter(closes_on=soon):
        lines.setdefault(window.project.lead, []).append(
            f"“{window.title}” ({window.project}) closes on {window.closes_on.day} "
            f"{window.closes_on:%B %Y}."
        )
    for window in windows.filter(closes_on__gte=yesterday, closes_on__lt=today):
        if not window.contributions.exists():
            lines.setdefault(window.project.lead, []).append(
                f"“{window.title}” ({window.project}) has closed: record what people said, "
                "and later what changed."
            )
    sent = 0
    for lead, items in lines.items():
        sent += notify.send(
            to=[lead],
            subject="Coproduction: feedback windows",
            template="coproduction/email/reminder.txt",
            context={
                "lines": items,
                "site_url": getattr(settings, "CARELOOP_SITE_URL", "").rstrip("/"),
            },
        )
    return sent
