"""A pilot: a new way of working tried for a while with a cohort, and its life cycle."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, Shown, Team, optional_link, optional_person


class PilotQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status__in=Pilot.FINAL_STATUSES)

    def visible_to(self, user):
        return self  # pilots hold no personal data; the role decides


class Pilot(Audited, Shown):
    """A new way of working tried for a while with a cohort, then judged on its measures."""

    action_source_permission = "innovation.edit"  # learning.selectors.sources

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        RUNNING = "running", "Running"
        EVALUATING = "evaluating", "Evaluating"
        SCALED = "scaled", "Scaled up"
        STOPPED = "stopped", "Stopped"

    class Design(models.TextChoices):
        BEFORE_AFTER = "before_after", "Before and after (a baseline period before the pilot)"
        COMPARISON = "comparison", "Pilot against a comparison group over the same period"
        BOTH = "both", "Both: a baseline period and a comparison group"

    FINAL_STATUSES = (Status.SCALED, Status.STOPPED)
    TAG_COLOURS = {
        "proposed": "grey",
        "approved": "light-blue",
        "running": "blue",
        "evaluating": "purple",
        "scaled": "green",
        "stopped": "red",
    }

    title = models.CharField(max_length=200, unique=True)
    problem = models.TextField(
        "the problem", help_text="What is not working for people now, in plain words."
    )
    idea = models.TextField("the idea", help_text="What the pilot will try.")
    hypothesis = models.TextField(
        help_text="If we do this, what will change, for whom, and by how much? For example, "
        "'Night support for people discharged from hospital will cut readmissions within 30 "
        "days by a quarter'."
    )
    cohort = models.TextField(
        help_text="Who takes part: how many people, where, chosen how.",
    )
    design = models.CharField(
        "how the pilot is judged",
        max_length=20,
        choices=Design.choices,
        default=Design.BEFORE_AFTER,
    )
    comparison_group = models.TextField(
        blank=True,
        help_text="Who the pilot is compared with, e.g. 'people discharged to the South "
        "locality, where there is no night service'.",
    )
    baseline_start = models.DateField(
        "baseline from",
        null=True,
        blank=True,
        help_text="The first day of the period before the pilot that it is compared with.",
    )
    start_date = models.DateField(
        "pilot starts", null=True, blank=True, help_text="The day the new way of working began."
    )
    end_date = models.DateField("pilot ends", null=True, blank=True, help_text="Planned end.")
    partners = models.TextField(blank=True, help_text="Partners, e.g. the NHS trust, Healthwatch.")
    providers = models.TextField(blank=True, help_text="Providers delivering the pilot.")
    budget = models.DecimalField(
        "budget (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    lead = optional_person(
        blank=True, related_name="led_pilots", help_text="The person who runs the pilot day to day."
    )
    team = optional_link(Team, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_changed_on = models.DateField(default=dt.date.today)
    approved_by = optional_person(blank=True)
    approved_on = models.DateField(null=True, blank=True)
    stop_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PilotQuerySet.as_manager()

    show_url = "innovation:show"

    class Meta:
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.baseline_start and self.start_date and self.baseline_start >= self.start_date:
            errors["baseline_start"] = "The baseline must begin before the pilot starts"
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = "The pilot must end after it starts"
        if self.design != self.Design.BEFORE_AFTER and not (self.comparison_group or "").strip():
            errors["comparison_group"] = "Say who the pilot is compared with"
        if errors:
            raise ValidationError(errors)

    @property
    def status_colour(self) -> str:
        return self.TAG_COLOURS.get(self.status, "grey")

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def uses_baseline(self) -> bool:
        return self.design in (self.Design.BEFORE_AFTER, self.Design.BOTH)

    @property
    def uses_comparison(self) -> bool:
        return self.design in (self.Design.COMPARISON, self.Design.BOTH)

    @property
    def evaluation_due(self) -> bool:
        """Running past its planned end, or being evaluated, with no decision yet."""
        if self.status == self.Status.EVALUATING:
            return True
        return (
            self.status == self.Status.RUNNING
            and self.end_date is not None
            and self.end_date <= dt.date.today()
        )
