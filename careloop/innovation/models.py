"""Pilots of new ways of working, their outcome measures over time, their evaluations, and
the external learning register (research, peer review, sector-led improvement, networks)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import Audited, Team


class Direction(models.TextChoices):
    """Which way is better for a measure (matches careloop.stats.Direction)."""

    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"
    NEITHER = "neither", "Neither (no better direction)"


class PilotQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status__in=Pilot.FINAL_STATUSES)

    def visible_to(self, user):
        return self  # pilots hold no personal data; the role decides


class Pilot(Audited):
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
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_pilots",
        help_text="The person who runs the pilot day to day.",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_changed_on = models.DateField(default=dt.date.today)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    stop_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("innovation:show", args=[self.pk])

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


class Measure(Audited):
    """An outcome measure of a pilot, recorded once a period for the pilot group (and the
    comparison group, if there is one)."""

    class Kind(models.TextChoices):
        COUNT = "count", "Count of events a period (e.g. falls)"
        RATE = (
            "rate",
            "Rate: events out of a number of people or activity "
            "(e.g. readmissions per 100 discharges)",
        )
        PROPORTION = "proportion", "Proportion of people (e.g. people returning home)"
        MEAN = "mean", "Average value (e.g. care hours a week, cost per person, people's ratings)"

    class Period(models.TextChoices):
        MONTH = "month", "Month"
        WEEK = "week", "Week"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(
        max_length=150, help_text="Short and plain, e.g. 'Readmissions within 30 days'."
    )
    definition = models.TextField(
        blank=True, help_text="Exactly what is counted, from where, so it is measured the same way."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="For averages: the unit, e.g. 'hours', '£', 'out of 10'.",
    )
    per = models.PositiveIntegerField(
        "rates per",
        default=100,
        validators=[MinValueValidator(1)],
        help_text="For rates: shown per this many, e.g. 100 discharges.",
    )
    denominator_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="For rates and proportions: what the denominator counts, e.g. 'people "
        "discharged', 'doses due'.",
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.MONTH)
    hoped_change = models.DecimalField(
        "hoped-for change",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the pilot hopes to achieve. Counts and rates: a percentage change, e.g. "
        "-25 for a quarter fewer. Proportions: percentage points, e.g. 10 for 60% to 70%. "
        "Averages: a change in the measure's unit, e.g. 1.5.",
    )
    target = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Optional: a target on the chart's scale, to judge assurance against.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pilot", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "name"], name="measure_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("innovation:measure_show", args=[self.pilot_id, self.pk])

    @property
    def kind_short(self) -> str:
        if self.kind == self.Kind.RATE:
            return f"Rate per {self.per:,} {self.denominator_label}".strip()
        if self.kind == self.Kind.PROPORTION:
            return f"Proportion of {self.denominator_label}".strip()
        if self.kind == self.Kind.MEAN:
            return f"Average{' (' + self.unit + ')' if self.unit else ''}"
        return "Count a " + self.period

    @property
    def needs_denominator(self) -> bool:
        return self.kind in (self.Kind.RATE, self.Kind.PROPORTION)

    def period_start(self, day: dt.date) -> dt.date:
        """The first day of the period `day` falls in (1st of the month, or Monday)."""
        if self.period == self.Period.WEEK:
            return day - dt.timedelta(days=day.weekday())
        return day.replace(day=1)

    def period_label(self, start: dt.date) -> str:
        if self.period == self.Period.WEEK:
            return f"w/c {start.day} {start:%b %Y}"
        return f"{start:%b %Y}"

    @property
    def value_label(self) -> str:
        return {
            self.Kind.COUNT: "Count",
            self.Kind.RATE: "Events",
            self.Kind.PROPORTION: "People (numerator)",
            self.Kind.MEAN: f"Average{' (' + self.unit + ')' if self.unit else ''}",
        }[self.kind]


class Reading(Audited):
    """One period's figure for a measure, for the pilot group or the comparison group."""

    class Group(models.TextChoices):
        PILOT = "pilot", "Pilot group"
        COMPARISON = "comparison", "Comparison group"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    period_start = models.DateField()
    group = models.CharField(max_length=12, choices=Group.choices, default=Group.PILOT)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    audit_exclude = ("entered_at",)

    class Meta:
        ordering = ["measure", "group", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "group", "period_start"], name="reading_one_per_period"
            )
        ]

    def __str__(self) -> str:
        period = self.measure.period_label(self.period_start)
        return f"{self.measure}: {period} ({self.get_group_display().lower()})"


class Story(Audited):
    """A person's own account of the pilot, used with their consent and without their name."""

    audit_redact = ("story",)

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=150)
    story = models.TextField(help_text="In the person's words where possible. Leave out names.")
    whose = models.CharField(
        "whose story",
        max_length=150,
        help_text="Described without identifying them, e.g. 'A carer, 70s, North locality'.",
    )
    consent = models.BooleanField(
        "the person agreed to their story being used",
        default=False,
        help_text="Stories are only kept with consent.",
    )
    told_on = models.DateField(default=dt.date.today)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-told_on", "pk"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class Risk(Audited):
    """A risk to the pilot or to the people in it, scored likelihood x impact (1-5 each)."""

    SCORES = [(i, str(i)) for i in range(1, 6)]

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(choices=SCORES, default=3)
    impact = models.PositiveSmallIntegerField(choices=SCORES, default=3)
    mitigation = models.TextField(blank=True)
    is_open = models.BooleanField("open", default=True)

    class Meta:
        ordering = ["-is_open", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> tuple[str, str]:
        """(label, tag colour) from the score: 1-4 low, 5-12 medium, 15-25 high."""
        if self.score >= 15:
            return "High", "red"
        if self.score >= 5:
            return "Medium", "orange"
        return "Low", "green"


class Evaluation(Audited):
    """An evaluation of a pilot at a point in time: the analysis of every measure up to
    `data_to`, a plain-English summary, and (when one is made) the decision with reasons."""

    class Kind(models.TextChoices):
        INTERIM = "interim", "Interim evaluation"
        FINAL = "final", "Final evaluation"

    class Decision(models.TextChoices):
        SCALE = "scale", "Scale up"
        ADAPT = "adapt", "Adapt and continue"
        STOP = "stop", "Stop"

    DECISION_COLOURS = {"scale": "green", "adapt": "yellow", "stop": "red"}

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    data_to = models.DateField(
        "data up to", help_text="Readings for periods starting after this date are left out."
    )
    summary = models.TextField(
        "plain-English summary",
        help_text="What the figures show, in words a councillor or a person using services "
        "would understand. Say so when there is too little data to tell.",
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    reasons = models.TextField("reasons for the decision", blank=True)
    extend_to = models.DateField(
        "continue until",
        null=True,
        blank=True,
        help_text="When adapting: the pilot's new planned end.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-data_to", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.pilot} (data to {self.data_to:%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("innovation:evaluation_show", args=[self.pilot_id, self.pk])

    @property
    def decision_colour(self) -> str:
        return self.DECISION_COLOURS.get(self.decision, "grey")


class ExternalLearning(Audited):
    """Learning from outside the council: research, peer review, sector-led improvement,
    networks, conferences and published good practice."""

    action_source_permission = "innovation.external_edit"  # learning.selectors.sources

    class Kind(models.TextChoices):
        RESEARCH = "research", "Research we take part in"
        PEER_REVIEW_RECEIVED = "peer_review_received", "Peer review of us"
        PEER_REVIEW_GIVEN = "peer_review_given", "Peer review we gave"
        SECTOR_LED = "sector_led", "Sector-led improvement"
        NETWORK = "network", "Regional or national network"
        CONFERENCE = "conference", "Conference or event"
        GOOD_PRACTICE = "good_practice", "Published good practice"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ONGOING = "ongoing", "Ongoing"
        COMPLETED = "completed", "Completed"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    organisation = models.CharField(
        "with",
        max_length=200,
        help_text="Who it is with or by, e.g. 'Skills for Care', 'ADASS West Midlands', "
        "'University of Northshire'.",
    )
    description = models.TextField(help_text="What it is and the council's part in it.")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ONGOING)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    learned = models.TextField("what we learned", blank=True)
    shared = models.TextField(
        "how the learning was shared",
        blank=True,
        help_text="e.g. practice briefings, quality circles, the Learning Academy.",
    )
    link = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = "external learning"
        verbose_name_plural = "external learning"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date"})

    def get_absolute_url(self) -> str:
        return reverse("innovation:external_show", args=[self.pk])
