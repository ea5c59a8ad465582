"""The learning catalogue and training completions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from careloop.core.models import (
    Audited,
    Shown,
    Team,
    empty_or_not_before,
    optional_link,
    optional_person,
)

from .people import add_months

EXPIRING_DAYS = 60  # a completion expiring within this many days is "expiring soon"


class CourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def mandatory(self):
        return self.active().filter(mandatory=True)


class Course(Audited, Shown):
    """A course or learning resource in the academy's catalogue."""

    class Kind(models.TextChoices):
        ELEARNING = "elearning", "E-learning"
        CLASSROOM = "classroom", "Classroom"
        WEBINAR = "webinar", "Webinar"
        GUIDANCE = "guidance", "Practice guidance"
        STANDARD = "standard", "National best practice or standard"
        RESEARCH = "research", "Research summary"

    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    provider = models.CharField(
        max_length=150, help_text="For example the Social Work Learning Academy, Skills for Care."
    )
    description = models.TextField(blank=True)
    duration_hours = models.DecimalField(
        "duration (hours)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    audience_teams = models.ManyToManyField(
        Team,
        blank=True,
        related_name="+",
        verbose_name="teams it is for",
        help_text="Leave empty when it is for everyone.",
    )
    audience_stages = models.JSONField(
        "career stages it is for",
        default=list,
        blank=True,
        help_text="Leave empty when it is for every career stage.",
    )
    mandatory = models.BooleanField(default=False)
    renewal_months = models.PositiveSmallIntegerField(
        "renew every (months)",
        null=True,
        blank=True,
        help_text="For example 36 for safeguarding adults, 24 for the Mental Capacity Act. "
        "Leave empty when it never needs renewing.",
    )
    practice_areas = models.CharField(
        max_length=300, blank=True, help_text="For example: safeguarding; self-neglect; MCA."
    )
    url = models.URLField("link", max_length=500, blank=True)
    action = optional_link(
        "learning.Action",
        blank=True,
        verbose_name="learning need (action) it answers",
        help_text="The action, from a review recommendation or a theme, this course was set up "
        "for. Completion figures are added to it as evidence.",
    )
    is_active = models.BooleanField("in the catalogue", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CourseQuerySet.as_manager()

    show_url = "workforce:course_show"

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def expiry_for(self, completed_on: dt.date) -> dt.date | None:
        return add_months(completed_on, self.renewal_months) if self.renewal_months else None

    def applies_to(self, person, stage: str | None, team_ids: set[int] | None = None) -> bool:
        """Whether the course is for `person` (team and career stage)."""
        if team_ids is None:
            team_ids = set(self.audience_teams.values_list("pk", flat=True))
        if team_ids and person.team_id not in team_ids:
            return False
        return not self.audience_stages or (stage or "") in self.audience_stages


class Completion(Audited, Shown):
    """A person finished a course on a date; it expires after the course's renewal period."""

    audit_exclude = ("created_at",)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField("date completed")
    expires_on = models.DateField(null=True, blank=True)
    evidence = models.CharField(
        max_length=300, blank=True, help_text="A certificate number, an attendance register …"
    )
    source = models.CharField(max_length=100, blank=True)
    external_ref = models.CharField(max_length=100, blank=True)
    recorded_by = optional_person(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "workforce:person"
    show_url_args = ("person_id",)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [
            models.Index(fields=["person", "course", "completed_on"]),
            models.Index(fields=["source", "external_ref"]),
        ]
        constraints = [
            empty_or_not_before(
                "expires_on", "completed_on", name="completion_expires_after_completed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} completed on {self.completed_on:%-d %B %Y}"


class TrainingReminder(models.Model):
    """A reminder sent about a person's course, so each is sent once per expiry."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)  # expiring | overdue | never
    for_expiry = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = optional_person(blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Reminder about {self.course}"
