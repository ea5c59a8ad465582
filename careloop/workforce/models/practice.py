"""Reflective practice and quality circles, practice quality audits, peer feedback on support
arrangements, and development pathways (BIA, AMHP, practice educator, apprenticeships, ASYE)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Numbered, Shown, Team, optional_link, optional_person


# --- Reflective practice and quality circles --------------------------------------------------
class GroupSession(Audited, Shown):
    """A group session: a monthly quality circle, a reflective practice session or learning
    from a review. Blame-free: the practice issue is described without naming people."""

    action_source_permission = "workforce.practice"  # learning.selectors.sources

    class Kind(models.TextChoices):
        QUALITY_CIRCLE = "quality_circle", "Quality circle"
        REFLECTIVE = "reflective", "Reflective practice session"
        REVIEW = "review", "Learning from a review"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=200)
    held_on = models.DateField("date held")
    facilitator = optional_person()
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="group_sessions"
    )
    practice_issue = models.TextField(
        "practice issue discussed",
        help_text="Blame-free: describe the practice, not the people. No names of people "
        "who use services.",
    )
    learning_outputs = models.TextField(
        blank=True, help_text="What the group learned; each can become an action or a brief."
    )
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "workforce:group_show"

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"


# --- Practice quality audits ----------------------------------------------------------------------
class Rating(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


RATING_COLOURS = {
    "outstanding": "green",
    "good": "turquoise",
    "requires_improvement": "orange",
    "inadequate": "red",
}


class AuditStandard(Audited, Shown):
    """A configurable audit tool: the questions a case file is audited against."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField("in use", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "workforce:standard_show"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditQuestion(Audited):
    standard = models.ForeignKey(AuditStandard, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["standard", "order", "id"]

    def __str__(self) -> str:
        return self.text


class CaseAudit(Audited, Numbered, Shown):
    """One case file audited against a standard, with the practitioner's and their manager's
    feedback. The case is named by its reference only."""

    standard = models.ForeignKey(AuditStandard, on_delete=models.PROTECT, related_name="audits")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_audits"
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audits_done"
    )
    team = optional_link(Team, blank=True)
    case_reference = models.CharField(
        max_length=40, help_text="The case number in the case management system; no names."
    )
    audited_on = models.DateField("date audited")
    practitioner_feedback = models.TextField(blank=True)
    manager_feedback = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    reference_prefix = "CFA"
    show_url = "workforce:audit_show"

    class Meta:
        ordering = ["-audited_on", "-id"]

    def __str__(self) -> str:
        return f"Case file audit {self.reference}"

    @property
    def overall(self) -> str:
        """The lowest rating given (an audit is as good as its weakest answer)."""
        order = [r.value for r in Rating]
        ratings = [a.rating for a in self.answers.all()]
        return max(ratings, key=order.index) if ratings else ""


class AuditAnswer(Audited):
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.CharField(max_length=30, choices=Rating.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["question__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="audit_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_rating_display()}"

    @property
    def colour(self) -> str:
        return RATING_COLOURS.get(self.rating, "grey")


class PeerFeedback(Audited):
    """A colleague from another team on how well a practitioner's support arrangement worked."""

    class Effectiveness(models.TextChoices):
        VERY = "very", "Very effective"
        MOSTLY = "mostly", "Mostly effective"
        PARTLY = "partly", "Partly effective"
        NOT = "not", "Not effective"

    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_feedback"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="peer_feedback_given"
    )
    case_reference = models.CharField(max_length=40)
    effectiveness = models.CharField(max_length=10, choices=Effectiveness.choices)
    comment = models.TextField(help_text="What worked, and what would have made it work better.")
    given_on = models.DateField(default=dt.date.today)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "peer feedback"

    def __str__(self) -> str:
        return f"Peer feedback for {self.practitioner}"


# --- Development pathways ------------------------------------------------------------------------
class Pathway(models.TextChoices):
    BIA = "bia", "Best Interests Assessor (BIA)"
    AMHP = "amhp", "Approved Mental Health Professional (AMHP)"
    PRACTICE_EDUCATOR = "practice_educator", "Practice educator"
    SW_APPRENTICESHIP = "sw_apprenticeship", "Social work degree apprenticeship"
    OT_APPRENTICESHIP = "ot_apprenticeship", "Occupational therapy degree apprenticeship"
    ASYE = "asye", "Assessed and Supported Year in Employment (ASYE)"


class Enrolment(Audited, Shown):
    """A person on a development pathway: applied, approved (or declined), in progress,
    completed (or withdrawn)."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    MOVES = {
        "applied": ("approved", "declined", "withdrawn"),
        "approved": ("in_progress", "withdrawn"),
        "in_progress": ("completed", "withdrawn"),
        "declined": (),
        "completed": (),
        "withdrawn": (),
    }
    COLOURS = {
        "applied": "grey",
        "approved": "light-blue",
        "declined": "red",
        "in_progress": "blue",
        "completed": "green",
        "withdrawn": "orange",
    }

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    pathway = models.CharField(max_length=30, choices=Pathway.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField(default=dt.date.today)
    reason = models.TextField("why do you want to do it?", blank=True)
    decided_by = optional_person(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    progress_note = models.TextField(blank=True)

    show_url = "workforce:enrolment_show"

    class Meta:
        ordering = ["-applied_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_pathway_display()}: {self.person}"

    @property
    def colour(self) -> str:
        return self.COLOURS[self.status]

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s, self.Status(s).label) for s in self.MOVES[self.status]]
