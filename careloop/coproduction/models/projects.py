"""Coproduction projects: a strategy, service or policy made with people with lived
experience, and who was involved at which stage and how deeply (the ladder of participation)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.core.models import Audited, Shown, Team, optional_link, optional_person

from .participants import Group, Participant


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class Stage(models.TextChoices):
    """The stages of a piece of work at which people can be involved, in order."""

    DEFINING = "defining", "Defining the problem"
    DESIGNING = "designing", "Designing"
    DECIDING = "deciding", "Deciding"
    DELIVERING = "delivering", "Delivering"
    EVALUATING = "evaluating", "Evaluating"


EARLY_STAGES = (Stage.DEFINING, Stage.DESIGNING)


class Rung(models.IntegerChoices):
    """The ladder of participation (Think Local Act Personal's ladder of coproduction):
    doing to (informing), doing for (consulting, engaging), doing with (co-designing,
    coproducing)."""

    INFORMING = 1, "Informing"
    CONSULTING = 2, "Consulting"
    ENGAGING = 3, "Engaging"
    CO_DESIGNING = 4, "Co-designing"
    COPRODUCING = 5, "Coproducing"


RUNG_HINTS = {
    Rung.INFORMING: "Told about decisions already made",
    Rung.CONSULTING: "Asked for views on something already drafted",
    Rung.ENGAGING: "Views sought throughout, with some influence",
    Rung.CO_DESIGNING: "Designing it together, with real influence on the design",
    Rung.COPRODUCING: "Equal partners throughout, sharing power and decisions",
}


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self  # coproduction work is not personal data; participants are


class Project(Audited, Shown):
    """A strategy, service or policy developed with people with lived experience."""

    action_source_permission = "coproduction.edit"  # learning.selectors.sources

    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        SERVICE = "service", "Service design"
        POLICY = "policy", "Policy"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Under way"
        COMPLETE = "complete", "Complete"

    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STRATEGY)
    summary = models.TextField(help_text="What the work is for, in plain words.")
    lead = optional_person(blank=True)
    team = optional_link(Team, blank=True)
    started_on = models.DateField("work began")
    drafted_on = models.DateField(
        "first draft written",
        null=True,
        blank=True,
        help_text="When the council had a first draft. Involving people only after this "
        "is flagged as late.",
    )
    completed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    late_response = models.TextField(
        "what we are doing about late involvement",
        blank=True,
        help_text="If people were involved late: what is being done about it.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    show_url = "coproduction:project_show"

    class Meta:
        ordering = ["-started_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.drafted_on and self.started_on and self.drafted_on < self.started_on:
            errors["drafted_on"] = "The first draft cannot come before the work began"
        if self.completed_on and self.started_on and self.completed_on < self.started_on:
            errors["completed_on"] = "The work cannot end before it began"
        if errors:
            raise ValidationError(errors)

    def late_involvement(self, involvements=None) -> list[str]:
        """Why the project counts as involving people late (empty when it does not).

        Late: nobody was involved on or before the day the first draft was written, or
        nobody was involved in defining the problem or designing.
        """
        involvements = list(self.involvements.all() if involvements is None else involvements)
        reasons = []
        if not involvements:
            if self.drafted_on:
                reasons.append(
                    f"The work was drafted on {long_date(self.drafted_on)} and no one with lived "
                    "experience has been involved yet."
                )
            return reasons
        first = min(i.started_on for i in involvements)
        if self.drafted_on and first > self.drafted_on:
            reasons.append(
                f"People were first involved on {long_date(first)}, after the work was drafted "
                f"on {long_date(self.drafted_on)}."
            )
        if not any(i.stage in EARLY_STAGES for i in involvements):
            reasons.append("No one was involved in defining the problem or designing the work.")
        return reasons


class Involvement(Audited):
    """A group or a participant involved in a project at one stage, at one rung of the ladder."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="involvements")
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    stage = models.CharField(max_length=12, choices=Stage.choices)
    rung = models.PositiveSmallIntegerField("how deeply", choices=Rung.choices)
    started_on = models.DateField("first involved at this stage")
    what = models.TextField("what they did", blank=True)

    class Meta:
        ordering = ["project", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(group__isnull=False) & Q(participant__isnull=True))
                | (Q(group__isnull=True) & Q(participant__isnull=False)),
                name="involvement_group_or_participant",
            ),
            models.UniqueConstraint(
                fields=["project", "group", "stage"],
                condition=Q(group__isnull=False),
                name="involvement_group_once_per_stage",
            ),
            models.UniqueConstraint(
                fields=["project", "participant", "stage"],
                condition=Q(participant__isnull=False),
                name="involvement_participant_once_per_stage",
            ),
        ]

    def __str__(self) -> str:
        who = self.group or "a participant"
        return f"{who}: {self.get_stage_display().lower()} ({self.get_rung_display().lower()})"

    @property
    def is_early(self) -> bool:
        return self.stage in EARLY_STAGES
