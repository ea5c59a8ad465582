"""Published CQC assessment reports of other councils, imported page by page, for comparison."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careloop.assurance.cqc.framework import QUALITY_STATEMENTS, normalise_name
from careloop.assurance.cqc.rating import RatingOutcome, try_overall_rating
from careloop.core.models import Audited, Shown, empty_or_between, optional_person


class PeerReport(Audited, Shown):
    """One council's published assessment: its summary page and statement pages."""

    council = models.CharField(max_length=200)
    council_key = models.CharField(max_length=200, unique=True, editable=False)
    overall_percentage = models.PositiveSmallIntegerField(null=True, blank=True)
    overall_rating = models.CharField(max_length=40, blank=True)
    summary_scores = models.JSONField(
        default=dict, blank=True, help_text="Scores printed on the summary page, by number."
    )
    created_by = optional_person()
    created_at = models.DateTimeField(default=timezone.now)

    show_url = "assurance:peer_show"

    class Meta:
        ordering = ["council"]

    def __str__(self) -> str:
        return self.council

    def save(self, *args, **kwargs):
        self.council_key = council_key(self.council)
        super().save(*args, **kwargs)

    def scores(self) -> list[int | None]:
        """Scores by statement (1-9): the statement page's, else the summary page's."""
        by_number = {int(k): v for k, v in (self.summary_scores or {}).items()}
        for page in self.pages.all():
            if page.statement_number and page.score is not None:
                by_number[page.statement_number] = page.score
        return [by_number.get(n) for n in range(1, 10)]

    def rating(self) -> RatingOutcome:
        return try_overall_rating(self.scores())


def council_key(name: str) -> str:
    return normalise_name(name)


class PeerPage(Audited, Shown):
    """One imported page, exactly as careloop read it: what was found and what was not."""

    audit_exclude = ("text", "sentences")

    class PageType(models.TextChoices):
        SUMMARY = "summary", "Overall summary"
        STATEMENT = "quality_statement", "Quality statement"

    report = models.ForeignKey(PeerReport, on_delete=models.CASCADE, related_name="pages")
    page_type = models.CharField(max_length=20, choices=PageType.choices)
    statement_number = models.PositiveSmallIntegerField(null=True, blank=True)
    statement_name_on_page = models.CharField(max_length=200, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    score_wording = models.CharField(max_length=200, blank=True)
    commitment = models.TextField(blank=True)
    what_people_expect = models.JSONField(default=list, blank=True)
    key_findings = models.JSONField(default=list, blank=True)
    key_finding_headings = models.JSONField(default=list, blank=True)
    sentences = models.JSONField(default=list, blank=True)
    found = models.JSONField(default=list, blank=True)
    missing = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    truncated = models.BooleanField(default=False)
    source_format = models.CharField(max_length=10, default="text")
    source_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="The page as imported.")
    imported_by = optional_person()
    imported_at = models.DateTimeField(default=timezone.now)

    show_url = "assurance:peer_page"
    show_url_args = ("report_id", "pk")

    class Meta:
        ordering = ["report", "statement_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "statement_number"],
                condition=Q(statement_number__isnull=False),
                name="peer_page_one_per_statement",
            ),
            models.UniqueConstraint(
                fields=["report"], condition=Q(page_type="summary"), name="peer_page_one_summary"
            ),
            empty_or_between("score", 1, 4, name="peer_page_score_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.title}"

    @property
    def title(self) -> str:
        if self.page_type == self.PageType.SUMMARY:
            return "Overall summary"
        assert self.statement_number is not None  # a statement page is filed by its number
        return QUALITY_STATEMENTS[self.statement_number - 1].name
