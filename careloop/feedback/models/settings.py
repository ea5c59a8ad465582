"""The council's feedback settings: the complaint clock and the letter templates."""

from __future__ import annotations

from django.db import models

from careloop.core.models import Audited


def _working_days(label: str, default: int) -> models.PositiveSmallIntegerField:
    """A period of the clock, in working days (the label says so)."""
    return models.PositiveSmallIntegerField(f"{label} (working days)", default=default)


class ClockSettings(Audited):
    """The council's complaint clock settings (one row). The statutory acknowledgement (3
    working days) is set by the 2009 Regulations and is not configurable."""

    statutory_response_days = models.PositiveSmallIntegerField(
        "default agreed response period (working days)",
        default=25,
        help_text="Offered when a statutory complaint is acknowledged; agreed and revisable "
        "with the person",
    )
    six_month_warning_days = models.PositiveSmallIntegerField(
        "warn this many working days before the 6-month point", default=20
    )
    stage1_ack_days = _working_days("stage 1: acknowledge within", 5)
    stage1_response_days = _working_days("stage 1: respond within", 10)
    stage1_extension_days = _working_days("stage 1: longest extension", 10)
    stage2_ack_days = _working_days("stage 2: acknowledge within", 5)
    stage2_response_days = _working_days("stage 2: respond within", 20)
    stage2_extension_days = _working_days("stage 2: longest extension", 10)

    member_response_days = _working_days("councillor and MP enquiries: respond within", 10)

    class Meta:
        verbose_name = "complaint clock settings"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return "Complaint clock settings"

    @classmethod
    def current(cls) -> ClockSettings:
        return cls.objects.order_by("pk").first() or cls()


class LetterTemplate(Audited):
    """A letter the quality lead can edit. Placeholders are written {{ name }} from a fixed
    list (see letters.PLACEHOLDERS); nothing else of the template language is allowed."""

    class Purpose(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
        RESPONSE = "response", "Response"
        HOLDING = "holding", "Holding letter (response delayed)"
        STAGE2_ACK = "stage2_acknowledgement", "Stage 2 acknowledgement"
        COMPLIMENT = "compliment", "Thank you for your compliment"

    name = models.CharField(max_length=120, unique=True)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    body = models.TextField(
        help_text="Placeholders in double curly brackets, for example {{ reference }}"
    )
    is_active = models.BooleanField("in use", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["purpose", "name"]

    def __str__(self) -> str:
        return self.name
