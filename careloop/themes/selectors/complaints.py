"""The subjects of statutory complaints, for the annual complaints report (learning)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from careloop.feedback.models import Feedback
from careloop.themes.models import FeedbackTheme


@dataclass(frozen=True)
class Subject:
    theme: str
    confirmed: int
    suggested: int

    @property
    def total(self) -> int:
        return self.confirmed + self.suggested


def complaint_subjects(start: dt.date, end: dt.date) -> tuple[list[Subject], int]:
    """The themes of the statutory complaints received from `start` to `end` (inclusive),
    most common first: how many complaints have each theme confirmed by a person and how many
    only suggested by the classifier; and how many complaints have no theme yet. Figures for
    the annual report: counts only, so restricted complaints are included."""
    complaints = Feedback.objects.filter(
        kind=Feedback.Kind.COMPLAINT, received_on__gte=start, received_on__lte=end
    )
    links = FeedbackTheme.objects.filter(
        feedback__in=complaints, status__in=FeedbackTheme.COUNTED, counted=True
    )
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = links.values_list("theme__name", "status").annotate(n=Count("feedback")).order_by()
    for name, status, n in rows:
        found[name][0 if status == FeedbackTheme.Status.CONFIRMED else 1] += n
    subjects = [Subject(name, c, s) for name, (c, s) in found.items()]
    subjects.sort(key=lambda row: (-row.total, row.theme))
    unthemed = complaints.exclude(pk__in=links.values("feedback_id")).count()
    return subjects, unthemed
