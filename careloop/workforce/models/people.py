"""Staff details the academy needs (staff number, career stage), professional registration
and continuing professional development (CPD)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, Shown, User
from careloop.core.permissions import can

REGISTRATION_ALERT_DAYS = 90  # alert people and managers this long before renewal


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, on the last day of the month when it has fewer days."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class CareerStage(models.TextChoices):
    ASYE = "asye", "Newly qualified social worker (ASYE)"
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR = "senior", "Senior or advanced practitioner"
    OT = "ot", "Occupational therapist"
    PRACTITIONER = "practitioner", "Social care practitioner or assessor"
    MANAGER = "manager", "Team or service manager"
    SUPPORT = "support", "Business support and other staff"


def people_visible_to(user):
    """The people whose training, registration and supervision `user` may see: everyone for
    managers and leads; otherwise only themselves."""
    qs = User.objects.filter(is_active=True)
    if can(user, "workforce.view_people"):
        return qs
    return qs.filter(pk=getattr(user, "pk", None))


def manages(user, person) -> bool:
    """Whether `user` is `person`'s line manager or their team's manager."""
    if person.line_manager_id and person.line_manager_id == user.pk:
        return True
    return bool(person.team_id and person.team.manager_id == user.pk)


def manager_q(user, prefix: str = "") -> Q:
    return Q(**{f"{prefix}line_manager": user}) | Q(**{f"{prefix}team__manager": user})


class StaffProfile(Audited):
    """What the academy knows of a member of staff beyond their account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    staff_number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    career_stage = models.CharField(
        max_length=20, choices=CareerStage.choices, default=CareerStage.PRACTITIONER
    )
    started_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"Staff details of {self.user}"


class Registration(Audited, Shown):
    """Professional registration with Social Work England, the HCPC or the NMC."""

    audit_exclude = ("alerted_for",)

    class Body(models.TextChoices):
        SWE = "swe", "Social Work England"
        HCPC = "hcpc", "Health and Care Professions Council (HCPC)"
        NMC = "nmc", "Nursing and Midwifery Council (NMC)"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    body = models.CharField("registered with", max_length=10, choices=Body.choices)
    number = models.CharField("registration number", max_length=30)
    renewal_on = models.DateField("renewal date")
    alerted_for = models.DateField(null=True, blank=True)  # the renewal date last alerted on
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "workforce:person"
    show_url_args = ("person_id",)

    class Meta:
        ordering = ["renewal_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="registration_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} registration of {self.person}"

    def days_to_renewal(self, today: dt.date | None = None) -> int:
        return (self.renewal_on - (today or dt.date.today())).days

    @property
    def status(self) -> str:
        days = self.days_to_renewal()
        if days < 0:
            return "lapsed"
        return "due" if days <= REGISTRATION_ALERT_DAYS else "current"

    @property
    def status_label(self) -> str:
        return {"lapsed": "Renewal date passed", "due": "Renewal due", "current": "Current"}[
            self.status
        ]

    @property
    def status_colour(self) -> str:
        return {"lapsed": "red", "due": "orange", "current": "green"}[self.status]


class CpdEntry(Audited, Shown):
    """A piece of continuing professional development, with the person's reflection."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_entries"
    )
    title = models.CharField("what was the learning?", max_length=200)
    done_on = models.DateField("date")
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    reflection = models.TextField(
        help_text="What you learned and how it changed your practice (Social Work England "
        "asks for reflection, not only attendance)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "workforce:person"
    show_url_args = ("person_id",)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = "CPD entry"
        verbose_name_plural = "CPD entries"

    def __str__(self) -> str:
        return f"CPD: {self.title}"
