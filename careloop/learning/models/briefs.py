"""Learning briefs (e.g. 7-minute briefings) and who has read them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, Team, optional_link, optional_person

from .reviews import Review


class LearningBrief(Audited, Shown):
    """A short summary of what a review found, for staff to read and acknowledge."""

    class Format(models.TextChoices):
        SEVEN_MINUTE = "seven_minute", "7-minute briefing"
        BRIEF = "brief", "Learning brief"
        BULLETIN = "bulletin", "Practice bulletin"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    SECTIONS = (
        ("background", "1. Background"),
        ("why_it_matters", "2. Why it matters"),
        ("what_happened", "3. What happened"),
        ("learning", "4. What we learned"),
        ("questions", "5. Questions to reflect on"),
        ("what_to_do", "6. What you should do"),
        ("further_information", "7. Further information"),
    )

    review = optional_link(Review, blank=True, related_name="briefs")
    title = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.SEVEN_MINUTE)
    background = models.TextField(blank=True)
    why_it_matters = models.TextField(blank=True)
    what_happened = models.TextField(blank=True)
    learning = models.TextField("what we learned")
    questions = models.TextField("questions to reflect on", blank=True)
    what_to_do = models.TextField("what you should do", blank=True)
    further_information = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    teams = models.ManyToManyField(Team, blank=True, related_name="learning_briefs")
    read_by = models.DateField(
        "read by", null=True, blank=True, help_text="When staff should have read it by."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = optional_person(blank=True)
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "learning:brief_show"

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def sections(self) -> list[tuple[str, str]]:
        return [
            (label, getattr(self, name)) for name, label in self.SECTIONS if getattr(self, name)
        ]


class BriefRecipient(Audited):
    """A person a brief was sent to, and when they said they had read it."""

    audit_exclude = ("reminded_at",)

    brief = models.ForeignKey(LearningBrief, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="briefs_received"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "person"], name="brief_recipient_once")
        ]

    def __str__(self) -> str:
        return f"{self.brief} to {self.person}"


class AnnualReportText(Audited):
    """What people write for the statutory annual complaints report of a year (1 April to
    31 March); the figures come from the records."""

    year_start = models.PositiveSmallIntegerField(unique=True)
    introduction = models.TextField(blank=True)
    general_importance = models.TextField(
        "matters of general importance",
        blank=True,
        help_text="Issues the complaints raised that matter beyond the individual cases.",
    )
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-year_start"]

    def __str__(self) -> str:
        return f"Annual complaints report {self.year_start}-{str(self.year_start + 1)[2:]}"
