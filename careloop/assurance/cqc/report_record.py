"""The record a parsed CQC page becomes, and its completeness checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .framework import FRAMEWORK_VERSION, QUALITY_STATEMENTS, normalise_name
from .sentences import TaggedSentence, tag_paragraphs

QUALITY_STATEMENT_PAGE = "quality_statement"
SUMMARY_PAGE = "summary"
NOT_CQC = "not_cqc"


@dataclass
class ReportRecord:
    """What a CQC page says; `found`, `missing` and `warnings` say how complete it was."""

    page_type: str = NOT_CQC
    council: str | None = None
    quality_statement: str | None = None
    statement_number: int | None = None
    theme: str | None = None
    statement_name_on_page: str | None = None
    score: int | None = None
    score_wording: str | None = None
    score_rating: str | None = None
    commitment: str | None = None
    what_people_expect: list[str] = field(default_factory=list)
    key_findings: list[str] = field(default_factory=list)
    key_finding_headings: list[tuple[int, str]] = field(default_factory=list)
    overall_percentage: int | None = None
    overall_rating: str | None = None
    statement_scores: dict[str, int] = field(default_factory=dict)
    truncated: bool = False
    source_format: str = "text"
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_cqc_report(self) -> bool:
        return self.page_type != NOT_CQC

    @property
    def complete(self) -> bool:
        return self.is_cqc_report and not self.missing and not self.truncated

    def sentences(self) -> list[TaggedSentence]:
        """Key-finding sentences tagged with who the evidence came from."""
        return tag_paragraphs(self.key_findings)

    def as_dict(self, include_sentences: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "page_type": self.page_type,
            "council": self.council,
            "quality_statement": self.quality_statement,
            "statement_number": self.statement_number,
            "theme": self.theme,
            "statement_name_on_page": self.statement_name_on_page,
            "score": self.score,
            "score_wording": self.score_wording,
            "score_rating": self.score_rating,
            "commitment": self.commitment,
            "what_people_expect": list(self.what_people_expect),
            "key_findings": list(self.key_findings),
            "key_finding_headings": [
                {"before_paragraph": i, "heading": h} for i, h in self.key_finding_headings
            ],
        }
        if self.page_type == SUMMARY_PAGE:
            data |= {
                "overall_percentage": self.overall_percentage,
                "overall_rating": self.overall_rating,
                "statement_scores": dict(self.statement_scores),
            }
        if include_sentences:
            data["sentences"] = [s.as_dict() for s in self.sentences()]
        return data | {
            "found": list(self.found),
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "complete": self.complete,
            "truncated": self.truncated,
            "source_format": self.source_format,
            "framework_version": FRAMEWORK_VERSION,
        }


def check_against_framework(record: ReportRecord) -> None:
    """Warn where the page differs from the framework's verbatim text."""
    qs = QUALITY_STATEMENTS[record.statement_number - 1] if record.statement_number else None
    if (
        qs
        and record.commitment
        and normalise_name(record.commitment) != normalise_name(qs.commitment)
    ):
        record.warnings.append(f"The commitment differs from the framework's text for {qs.name!r}.")
    if qs and not qs.what_people_expect and record.what_people_expect:
        record.warnings.append(f"'What people expect' is not expected for {qs.name!r}.")


def fill_found_missing(record: ReportRecord) -> None:
    """List which expected parts of the page were found and which are missing."""
    fields: dict[str, object]
    if record.page_type == SUMMARY_PAGE:
        fields = {
            "council": record.council,
            "overall_percentage": record.overall_percentage,
            "overall_rating": record.overall_rating,
            "statement_scores": len(record.statement_scores) == 9 or None,
        }
    else:
        qs = QUALITY_STATEMENTS[record.statement_number - 1] if record.statement_number else None
        fields = {
            "council": record.council,
            "quality_statement": record.quality_statement,
            "score": record.score,
            "score_wording": record.score_wording,
        }
        if qs is not None and qs.what_people_expect:
            fields["what_people_expect"] = record.what_people_expect or None
        fields["commitment"] = record.commitment
        fields["key_findings"] = record.key_findings or None
    record.found = [name for name, value in fields.items() if value is not None]
    record.missing = [name for name, value in fields.items() if value is None]
