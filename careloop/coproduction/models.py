"""Coproduction: work made with people with lived experience, who was involved at which
stage and how deeply, feedback windows, what people said and what changed, and the
published "You said, we did" statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careloop.core import workdays
from careloop.core.models import Audited, Restrictable, Team


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


class FeedbackPolicy(Audited):
    """The council's minimum length for feedback windows, in working days. Groups of people
    with lived experience need longer to gather their members' views."""

    min_days_groups = models.PositiveSmallIntegerField(
        "minimum for lived-experience groups (working days)",
        default=20,
        validators=[MinValueValidator(1)],
    )
    min_days_others = models.PositiveSmallIntegerField(
        "minimum for everyone else (working days)", default=10, validators=[MinValueValidator(1)]
    )
    updated_at = models.DateTimeField(default=timezone.now)

    audit_exclude = ("updated_at",)

    class Meta:
        verbose_name_plural = "feedback policy"

    def __str__(self) -> str:
        return "Feedback window policy"

    def clean(self):
        if (
            self.min_days_groups
            and self.min_days_others
            and self.min_days_groups < self.min_days_others
        ):
            raise ValidationError(
                {
                    "min_days_groups": "Lived-experience groups need at least as long as "
                    "everyone else"
                }
            )

    @classmethod
    def current(cls) -> FeedbackPolicy:
        return cls.objects.order_by("pk").first() or cls()

    def minimum_for(self, group: Group | None) -> int:
        return (
            self.min_days_groups
            if group is not None and group.is_lived_experience
            else self.min_days_others
        )


class Group(Audited):
    """A lived-experience group or a partner organisation."""

    class Kind(models.TextChoices):
        LIVED_EXPERIENCE = "lived_experience", "Lived-experience group"
        CARERS = "carers", "Carers’ group"
        DISABLED = "disabled", "Disabled people’s group"
        NEURODIVERGENT = "neurodivergent", "Neurodivergent people’s group"
        PARTNERSHIP_BOARD = "partnership_board", "Partnership Board"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        VOLUNTARY = "voluntary", "Voluntary, community or faith organisation"
        PROVIDER = "provider", "Care provider"
        NHS = "nhs", "NHS partner"
        OTHER = "other", "Other partner"

    LIVED_EXPERIENCE_KINDS = (
        Kind.LIVED_EXPERIENCE,
        Kind.CARERS,
        Kind.DISABLED,
        Kind.NEURODIVERGENT,
        Kind.PARTNERSHIP_BOARD,
    )

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    how_we_work = models.TextField(
        "how to work with them",
        blank=True,
        help_text="e.g. meets monthly on Tuesday afternoons; needs papers in easy read two "
        "weeks before.",
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coproduction:group_show", args=[self.pk])

    @property
    def is_lived_experience(self) -> bool:
        return self.kind in self.LIVED_EXPERIENCE_KINDS


class Participant(Audited, Restrictable):
    """A person with lived experience who takes part. Personal data: seen only by people
    who run coproduction, never on public pages."""

    audit_redact = ("access_needs", "access_other", "notes")

    class Contact(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        POST = "post", "Letter"
        GROUP = "group", "Through their group"

    class Payment(models.TextChoices):
        PAID = "paid", "Paid for their time"
        VOUCHERS = "vouchers", "Vouchers"
        EXPENSES = "expenses", "Expenses only"
        NONE = "none", "Does not want payment"

    ACCESS_NEEDS = [
        ("easy_read", "Easy read"),
        ("large_print", "Large print"),
        ("bsl", "British Sign Language interpreter"),
        ("hearing_loop", "Hearing loop"),
        ("step_free", "Step-free access"),
        ("quiet_space", "Quiet space or breaks"),
        ("support_worker", "Support worker or personal assistant comes too"),
        ("papers_early", "Papers well in advance"),
        ("interpreter", "Spoken language interpreter"),
        ("online", "Online meetings"),
        ("transport", "Help with transport"),
    ]

    full_name = models.CharField(max_length=150)
    known_as = models.CharField("prefers to be called", max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField("postal address", blank=True)
    groups = models.ManyToManyField(Group, blank=True, related_name="participants")
    contact_preference = models.CharField(
        "how they like to be contacted",
        max_length=10,
        choices=Contact.choices,
        default=Contact.EMAIL,
    )
    contact_times = models.CharField("best times", max_length=150, blank=True)
    access_needs = models.JSONField("access needs", default=list, blank=True)
    access_other = models.TextField("other access needs", blank=True)
    consent = models.BooleanField(
        "agreed to be contacted and to their details being kept", default=False
    )
    consent_on = models.DateField("consent given on", null=True, blank=True)
    consent_scope = models.TextField(
        "what they agreed to",
        blank=True,
        help_text="e.g. to be contacted about carers' work; for their words to be quoted "
        "without their name.",
    )
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    payment_preference = models.CharField(
        "payment for involvement", max_length=10, choices=Payment.choices, default=Payment.PAID
    )
    benefits_advice = models.BooleanField(
        "offered advice on how payments may affect benefits", default=False
    )
    notes = models.TextField(blank=True)
    erased_on = models.DateField(null=True, blank=True)
    added_on = models.DateField(default=dt.date.today)

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("coproduction:participant_show", args=[self.pk])

    def clean(self):
        if self.consent and not self.consent_on:
            raise ValidationError({"consent_on": "Enter the date they gave consent"})
        if not self.consent and not self.erased_on and not self.consent_withdrawn_on:
            raise ValidationError(
                {
                    "consent": "Record the person’s consent: careloop keeps a participant’s "
                    "details only with it"
                }
            )

    @property
    def can_be_contacted(self) -> bool:
        return self.consent and self.consent_withdrawn_on is None and self.erased_on is None

    @property
    def access_labels(self) -> list[str]:
        labels = dict(self.ACCESS_NEEDS)
        return [labels.get(n, n) for n in self.access_needs or []]


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self  # coproduction work is not personal data; participants are


class Project(Audited):
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
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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

    class Meta:
        ordering = ["-started_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coproduction:project_show", args=[self.pk])

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


class FeedbackWindow(Audited):
    """A request for feedback, open from one date to another. Its minimum length is set by the
    council's policy (longer for lived-experience groups); a shorter window needs a reason."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="windows")
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windows",
        help_text="Leave empty for an open request to anyone.",
    )
    title = models.CharField("what feedback is asked for", max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    formats = models.CharField(
        "formats offered",
        max_length=200,
        blank=True,
        help_text="e.g. easy read, large print, BSL video, face-to-face sessions.",
    )
    policy_minimum = models.PositiveSmallIntegerField(
        help_text="The policy minimum in working days when the window was set."
    )
    short_reason = models.TextField("why the window is shorter than the policy", blank=True)

    class Meta:
        ordering = ["-opens_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def length(self) -> int:
        """Working days the window is open (after the opening day, up to the closing day)."""
        return workdays.working_days_between(self.opens_on, self.closes_on)

    @property
    def is_short(self) -> bool:
        return self.length < self.policy_minimum

    @property
    def state(self) -> str:
        today = dt.date.today()
        if today < self.opens_on:
            return "upcoming"
        if today > self.closes_on:
            return "closed"
        return "open"

    @property
    def state_colour(self) -> str:
        return {"upcoming": "grey", "open": "green", "closed": "blue"}[self.state]


class Contribution(Audited):
    """What people said, and what changed as a result (or why not)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet answered"
        CHANGED = "changed", "Changed as a result"
        PARTLY = "partly", "Partly changed"
        NOT_CHANGED = "not_changed", "Not changed, with reasons"

    COLOURS = {"pending": "grey", "changed": "green", "partly": "yellow", "not_changed": "orange"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    window = models.ForeignKey(
        FeedbackWindow,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    said = models.TextField(
        "what people said", help_text="Summarise in their words where possible. Leave out names."
    )
    received_on = models.DateField(default=dt.date.today)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    what_changed = models.TextField(
        "what changed as a result", blank=True, help_text="Or, if nothing changed, why not."
    )
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "pk"]

    def __str__(self) -> str:
        return self.said[:80]

    @property
    def colour(self) -> str:
        return self.COLOURS[self.outcome]


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Statement.Status.PUBLISHED)


class Statement(Audited):
    """A published "You said, we did": what people said, and what the council did."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Source(models.TextChoices):
        FEEDBACK = "feedback", "Feedback themes (complaints, compliments and comments)"
        COPRODUCTION = "coproduction", "Coproduction"
        SURVEY = "survey", "Survey findings"
        PARTNERSHIP_BOARD = "partnership_board", "Partnership Boards and forums"
        PARTNERS = "partners", "Partners and the voluntary sector"
        OTHER = "other", "Other"

    title = models.CharField(max_length=150, help_text="Short, e.g. 'Help with carers’ breaks'.")
    topic = models.CharField(
        max_length=80, help_text="Groups statements on the public page, e.g. 'Carers'."
    )
    you_said = models.TextField("you said")
    we_did = models.TextField("we did")
    easy_read_you_said = models.TextField(
        "you said, in easy read",
        blank=True,
        help_text="Short sentences, everyday words, one idea a sentence.",
    )
    easy_read_we_did = models.TextField("we did, in easy read", blank=True)
    still_to_do = models.TextField("what happens next", blank=True)
    source = models.CharField("where it came from", max_length=20, choices=Source.choices)
    source_detail = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Adult Social Care Survey 2025'."
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    pilot = models.ForeignKey(
        "innovation.Pilot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.ForeignKey(
        "learning.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The action that did it, if one is tracked in Learn and act.",
    )
    themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="+",
        verbose_name="feedback themes",
        help_text="The feedback themes people raised this in. The public page shows their names.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = "“You said, we did” statement"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coproduction:statement_show", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("coproduction:public_show", args=[self.pk])

    @property
    def status_colour(self) -> str:
        return {"draft": "grey", "published": "green", "withdrawn": "red"}[self.status]


class Payment(Audited):
    """A payment or expenses claim for a participant's involvement."""

    class Kind(models.TextChoices):
        INVOLVEMENT = "involvement", "Payment for involvement"
        EXPENSES = "expenses", "Expenses"
        VOUCHER = "voucher", "Voucher"

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="payments")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INVOLVEMENT)
    amount = models.DecimalField(
        "amount (£)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    for_date = models.DateField("for the session on")
    description = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-for_date", "-pk"]

    def __str__(self) -> str:
        return f"£{self.amount} {self.get_kind_display().lower()} ({self.for_date:%d %b %Y})"
