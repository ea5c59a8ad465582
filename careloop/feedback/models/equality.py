"""Equality monitoring answers: kept apart from the feedback, reported only in aggregate."""

from __future__ import annotations

from typing import cast

from django.db import models

from careloop.core.models import Audited

from .records import Feedback


class EqualityMonitoring(Audited):
    """Optional equality monitoring answers, kept apart from the feedback and only ever
    reported in aggregate (groups smaller than the minimum size are not shown)."""

    # The questions (every answer is kept out of the audit trail's values).
    FIELDS = (
        "age_band",
        "sex",
        "gender_same_as_birth",
        "ethnicity",
        "disability",
        "religion",
        "sexual_orientation",
        "carer",
    )
    audit_redact = FIELDS
    PREFER_NOT = ("prefer_not", "Prefer not to say")
    YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]

    AGE_BANDS = [
        ("18-24", "18 to 24"),
        ("25-44", "25 to 44"),
        ("45-64", "45 to 64"),
        ("65-74", "65 to 74"),
        ("75-84", "75 to 84"),
        ("85+", "85 or over"),
        PREFER_NOT,
    ]
    SEXES = [("female", "Female"), ("male", "Male"), PREFER_NOT]
    ETHNICITIES = [
        ("asian", "Asian or Asian British"),
        ("black", "Black, Black British, Caribbean or African"),
        ("mixed", "Mixed or multiple ethnic groups"),
        ("white", "White"),
        ("other", "Other ethnic group"),
        PREFER_NOT,
    ]
    RELIGIONS = [
        ("none", "No religion"),
        ("christian", "Christian"),
        ("buddhist", "Buddhist"),
        ("hindu", "Hindu"),
        ("jewish", "Jewish"),
        ("muslim", "Muslim"),
        ("sikh", "Sikh"),
        ("other", "Any other religion"),
        PREFER_NOT,
    ]
    ORIENTATIONS = [
        ("straight", "Straight or heterosexual"),
        ("gay_lesbian", "Gay or lesbian"),
        ("bisexual", "Bisexual"),
        ("other", "Other sexual orientation"),
        PREFER_NOT,
    ]

    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="equality")
    age_band = models.CharField("age", max_length=12, choices=AGE_BANDS, blank=True)
    sex = models.CharField(max_length=12, choices=SEXES, blank=True)
    gender_same_as_birth = models.CharField(
        "is the gender you identify with the same as your sex registered at birth?",
        max_length=12,
        choices=YES_NO,
        blank=True,
    )
    ethnicity = models.CharField("ethnic group", max_length=12, choices=ETHNICITIES, blank=True)
    disability = models.CharField(
        "do you consider yourself to have a disability?", max_length=12, choices=YES_NO, blank=True
    )
    religion = models.CharField("religion or belief", max_length=12, choices=RELIGIONS, blank=True)
    sexual_orientation = models.CharField(max_length=12, choices=ORIENTATIONS, blank=True)
    carer = models.CharField(
        "do you look after someone without being paid?", max_length=12, choices=YES_NO, blank=True
    )

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return "Equality monitoring answers"

    @classmethod
    def question(cls, name: str) -> tuple[str, list[tuple[str, str]]]:
        """A question's wording and its answers (value, label)."""
        field = cast(models.CharField, cls._meta.get_field(name))  # every answer is one
        return str(field.verbose_name), [(str(v), str(label)) for v, label in field.choices or ()]
