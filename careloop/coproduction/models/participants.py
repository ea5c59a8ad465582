"""Groups and partners, the people with lived experience who take part (personal data, kept
only with their consent), and what they are paid for their time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from careloop.core.models import Audited, Restrictable, Shown, optional_link


class Group(Audited, Shown):
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

    show_url = "coproduction:group_show"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_lived_experience(self) -> bool:
        return self.kind in self.LIVED_EXPERIENCE_KINDS


class Participant(Audited, Restrictable, Shown):
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

    show_url = "coproduction:participant_show"

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

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
    project = optional_link("coproduction.Project", blank=True, related_name="payments")
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
