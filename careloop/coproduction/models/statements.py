"""Published "You said, we did" statements: what people said, and what the council did."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core.models import Audited, Shown, optional_link

from .feedback import Contribution
from .projects import Project


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Statement.Status.PUBLISHED)


class Statement(Audited, Shown):
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
    project = optional_link(Project, blank=True, related_name="statements")
    contribution = optional_link(Contribution, blank=True, related_name="statements")
    pilot = optional_link("innovation.Pilot", blank=True)
    action = optional_link(
        "learning.Action",
        blank=True,
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

    show_url = "coproduction:statement_show"

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = "“You said, we did” statement"

    def __str__(self) -> str:
        return self.title

    def get_public_url(self) -> str:
        return reverse("coproduction:public_show", args=[self.pk])

    @property
    def status_colour(self) -> str:
        return {"draft": "grey", "published": "green", "withdrawn": "red"}[self.status]
