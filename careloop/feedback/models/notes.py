"""A feedback record's case notes and the revisions of a complaint's response period."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from careloop.core.models import Audited, optional_person

from .records import Feedback


class Note(Audited):
    """A case note on a feedback record: what was done, said or decided."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="notes")
    author = optional_person()
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note on {self.feedback.reference}"


class ResponsePeriodRevision(Audited):
    """A change to a complaint's agreed response period, with its reason."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="revisions")
    previous_due_on = models.DateField(null=True)
    new_due_on = models.DateField()
    reason = models.TextField()
    revised_by = optional_person()
    revised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revised_at", "-id"]

    def __str__(self) -> str:
        return f"Response period of {self.feedback.reference} revised"
