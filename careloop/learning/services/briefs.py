"""Learning briefs: write, send to teams, and track who has read them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from careloop.core import audit, notify
from careloop.core.models import User
from careloop.core.services import ServiceError
from careloop.learning.models import AnnualReportText, BriefRecipient, LearningBrief
from careloop.learning.services.common import set_fields

# The sections of a brief (a 7-minute briefing has these seven).
BRIEF_SECTIONS = (
    "background",
    "why_it_matters",
    "what_happened",
    "learning",
    "questions",
    "what_to_do",
    "further_information",
)
# A brief's editable fields, for its form and brief_save ("teams" is saved apart).
BRIEF_FIELDS = ("title", "format", "review", *BRIEF_SECTIONS, "teams", "read_by")
# What people write for the annual complaints report (the figures come from the records).
REPORT_TEXT_FIELDS = ("introduction", "general_importance", "published_on")


@transaction.atomic
def brief_save(*, user, brief: LearningBrief | None = None, teams=None, **fields) -> LearningBrief:
    brief = brief or LearningBrief(created_by=user)
    set_fields(brief, fields, BRIEF_FIELDS)
    if not brief.title:
        raise ServiceError("Give the brief a title")
    if not brief.learning:
        raise ServiceError("Say what was learned")
    brief.save()
    if teams is not None:
        brief.teams.set(teams)
    return brief


@transaction.atomic
def brief_send(*, brief: LearningBrief, user, teams=None) -> int:
    """Send the brief to everyone active in its teams (and any teams added now); people who
    already have it are not sent it twice. Returns how many were newly sent it."""
    if teams:
        brief.teams.add(*teams)
    chosen = list(brief.teams.all())
    if not chosen:
        raise ServiceError("Choose at least one team to send the brief to")
    people = [
        p
        for p in User.objects.filter(team__in=chosen, is_active=True).exclude(
            pk__in=brief.recipients.values("person")
        )
        if p.role
    ]
    now = timezone.now()
    BriefRecipient.objects.bulk_create(
        [BriefRecipient(brief=brief, person=p, sent_at=now) for p in people]
    )
    audit.record_bulk_create(BriefRecipient.objects.filter(brief=brief, sent_at=now))
    brief.status, brief.sent_at, brief.sent_by = LearningBrief.Status.SENT, now, user
    brief.save(update_fields=["status", "sent_at", "sent_by"])
    transaction.on_commit(
        lambda: notify.send(
            to=people,
            subject=f"Please read: {brief.title}",
            template="learning/email/brief.txt",
            context={"brief": brief},
        )
    )
    return len(people)


def brief_acknowledge(*, brief: LearningBrief, user) -> BriefRecipient:
    recipient = brief.recipients.filter(person=user).first()
    if recipient is None:
        raise ServiceError("This brief was not sent to you, so there is nothing to acknowledge")
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at = timezone.now()
        recipient.save(update_fields=["acknowledged_at"])
    return recipient


@transaction.atomic
def report_text_save(*, year_start: int, **fields) -> AnnualReportText:
    """The words of the year's annual complaints report (the introduction, the matters of
    general importance, when it was published)."""
    text = AnnualReportText.objects.filter(year_start=year_start).first()
    text = text or AnnualReportText(year_start=year_start)
    set_fields(text, fields, REPORT_TEXT_FIELDS)
    text.save()
    return text
