"""Import published CQC assessment pages of other councils, for the peer comparison."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from careloop.assurance.cqc.framework import QUALITY_STATEMENTS, find_statement, normalise_name
from careloop.assurance.cqc.report_parser import parse_report
from careloop.assurance.cqc.report_record import SUMMARY_PAGE, ReportRecord, fill_found_missing
from careloop.assurance.models import FrameworkVersion, PeerPage, PeerReport
from careloop.assurance.models.peers import council_key
from careloop.core.services import ServiceError

MAX_PAGE_CHARS = 2_000_000


def read_page(text: str) -> ReportRecord:
    """Parse a published page; a statement name CQC's framework does not know is also looked
    up among the names administrators added to the current framework version."""
    record = parse_report(text)
    name = record.statement_name_on_page
    if record.page_type == SUMMARY_PAGE or record.statement_number is not None or not name:
        return record
    framework = FrameworkVersion.objects.current()
    local = {
        normalise_name(n): qs.number
        for qs in (framework.statements.all() if framework else [])
        for n in (qs.name, *qs.variants)
    }
    number = local.get(normalise_name(name))
    if number is None:
        return record
    qs = QUALITY_STATEMENTS[number - 1]
    record.quality_statement, record.statement_number, record.theme = qs.name, number, qs.theme.name
    record.warnings = [w for w in record.warnings if not w.startswith("Unknown quality statement")]
    record.warnings.append(f"{name!r} was recognised from the names added to the framework.")
    fill_found_missing(record)
    return record


def _check(record: ReportRecord) -> None:
    if not record.is_cqc_report:
        raise ServiceError(
            "This is not a CQC local authority assessment page: careloop found none of its "
            "headings. Nothing was saved."
        )
    if record.page_type != SUMMARY_PAGE and record.statement_number is None:
        raise ServiceError(
            "careloop could not tell which quality statement this page is about, so it cannot "
            "be compared. Nothing was saved."
        )


@transaction.atomic
def peer_page_import(
    *, text: str, user, council: str = "", source_name: str = ""
) -> tuple[PeerPage, bool]:
    """Parse one published page and file it under its council; returns (page, created).

    The council is the one printed on the page unless a person names it (when the page does
    not say). Importing a page again replaces it; the history keeps the change. Only what the
    page says is stored: a missing score stays missing.
    """
    if len(text) > MAX_PAGE_CHARS:
        raise ServiceError("The page is too long to be a CQC assessment page. Nothing was saved.")
    record = read_page(text)
    _check(record)
    if unreadable := text.count("\ufffd"):
        record.warnings.insert(
            0, f"{unreadable} character(s) of the page could not be read and show as \ufffd."
        )
    council = " ".join((council or record.council or "").split())
    if not council:
        raise ServiceError("The page does not name the council: say which council it is")
    report = PeerReport.objects.filter(council_key=council_key(council)).first()
    if report is None:
        report = PeerReport.objects.create(council=council, created_by=user)
    values = {
        "statement_name_on_page": (record.statement_name_on_page or "")[:200],
        "score": record.score,
        "score_wording": record.score_wording or "",
        "commitment": record.commitment or "",
        "what_people_expect": record.what_people_expect,
        "key_findings": record.key_findings,
        "key_finding_headings": [list(h) for h in record.key_finding_headings],
        "sentences": [s.as_dict() for s in record.sentences()],
        "found": record.found,
        "missing": record.missing,
        "warnings": record.warnings,
        "truncated": record.truncated,
        "source_format": record.source_format,
        "source_name": source_name[:200],
        "text": text,
        "imported_by": user,
        "imported_at": timezone.now(),
    }
    if record.page_type == SUMMARY_PAGE:
        report.overall_percentage = record.overall_percentage
        report.overall_rating = record.overall_rating or ""
        report.summary_scores = {
            str(qs.number): score
            for name, score in record.statement_scores.items()
            if (qs := find_statement(name)) is not None  # the parser keeps only known names
        }
        report.save()
        page, created = PeerPage.objects.update_or_create(
            report=report, page_type=PeerPage.PageType.SUMMARY, defaults=values
        )
    else:
        page, created = PeerPage.objects.update_or_create(
            report=report,
            statement_number=record.statement_number,
            defaults={"page_type": PeerPage.PageType.STATEMENT, **values},
        )
    return page, created


@transaction.atomic
def peer_report_delete(*, report: PeerReport) -> None:
    report.delete()
