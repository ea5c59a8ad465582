"""Published CQC reports of other councils: import a page, see what was read, compare."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.assurance import selectors, services
from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.forms import PeerConfirmForm, PeerImportForm
from careloop.assurance.models import PeerPage, PeerReport
from careloop.assurance.views.common import crumbs, posted, uploaded
from careloop.core import web
from careloop.core.permissions import require
from careloop.core.selectors import history_for

FIELD_LABELS = {
    "council": "Council",
    "quality_statement": "Quality statement",
    "score": "Score ('Score: N')",
    "score_wording": "Score wording ('N - Evidence shows …')",
    "what_people_expect": "What people expect",
    "commitment": "The local authority commitment",
    "key_findings": "Key findings",
    "overall_percentage": "Overall percentage",
    "overall_rating": "Overall rating",
    "statement_scores": "All nine quality statement scores",
}
SOURCE_LABELS = {
    "people": "People",
    "staff": "Staff",
    "leaders": "Leaders",
    "partners": "Partners",
    "national_data": "National data",
    "local_data": "Local data",
    "unattributed": "Not attributed",
}


def _peer_crumbs(*extra):
    return crumbs(("Other councils", reverse("assurance:peer_index")), *extra)


@require("assurance.view")
def index(request):
    reports = PeerReport.objects.prefetch_related("pages")
    for report in reports:
        report.outcome = report.rating()
    return render(
        request,
        "assurance/peer_index.html",
        {"title": "Other councils' published reports", "reports": reports, "breadcrumbs": crumbs()},
    )


@require("assurance.manage")
def import_page(request):
    """Step 1: paste or upload a page; careloop shows what it read before anything is saved."""
    form = PeerImportForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        text, source_name = form.page_text()
        record = services.read_page(text)
        record.warnings[:0] = form.encoding_warnings()
        if record.is_cqc_report:
            confirm = PeerConfirmForm(
                initial={"council": record.council or "", "text": text, "source_name": source_name}
            )
            return _preview(request, record, confirm)
        form.add_error(
            "file" if source_name != "pasted" else "text",
            "This is not a CQC local authority assessment page: careloop found none of its "
            "headings, such as '<Council>: local authority assessment' or 'Key findings for "
            "this quality statement'",
        )
    return render(
        request,
        "assurance/peer_import.html",
        {
            "title": "Import a published CQC report page",
            "form": form,
            "breadcrumbs": _peer_crumbs(),
        },
    )


def _preview(request, record, confirm, status=200):
    data = record.as_dict()
    return render(
        request,
        "assurance/peer_preview.html",
        {
            "title": "Check what careloop read",
            "record": record,
            "data": data,
            "found": [FIELD_LABELS.get(f, f) for f in record.found],
            "missing": [FIELD_LABELS.get(f, f) for f in record.missing],
            "sentences": data["sentences"],
            "source_labels": SOURCE_LABELS,
            "summary_scores": [
                (qs.name, record.statement_scores.get(qs.name)) for qs in QUALITY_STATEMENTS
            ],
            "form": confirm,
            "breadcrumbs": _peer_crumbs(),
        },
        status=status,
    )


@require_POST
@require("assurance.manage")
def import_save(request):
    """Step 2: save the page that was previewed."""
    form = PeerConfirmForm(request.POST)
    imported = web.submit(
        request, form, lambda data: services.peer_page_import(user=request.user, **data)
    )
    if imported is not None:
        page, created = imported
        verb = "imported" if created else "imported again, replacing the earlier import"
        messages.success(request, f"{page.report.council}: {page.title} {verb}")
        return redirect(page)
    return _preview(request, services.read_page(request.POST.get("text", "")), form)


@require("assurance.view")
def show(request, pk: int):
    report = get_object_or_404(PeerReport, pk=pk)
    pages = {p.statement_number: p for p in report.pages.all() if p.statement_number}
    summary_page = report.pages.filter(page_type=PeerPage.PageType.SUMMARY).first()
    scores = report.scores()
    rows = [
        {
            "number": qs.number,
            "name": qs.name,
            "score": scores[qs.number - 1],
            "page": pages.get(qs.number),
            "from_summary": qs.number not in pages or pages[qs.number].score is None,
        }
        for qs in QUALITY_STATEMENTS
    ]
    return render(
        request,
        "assurance/peer_show.html",
        {
            "title": report.council,
            "report": report,
            "rows": rows,
            "summary_page": summary_page,
            "outcome": report.rating(),
            "history": history_for(report),
            "breadcrumbs": _peer_crumbs(),
        },
    )


@require("assurance.view")
def page(request, pk: int, page_pk: int):
    page = get_object_or_404(PeerPage.objects.select_related("report"), pk=page_pk, report_id=pk)
    paragraphs: list[list[dict]] = [[] for _ in page.key_findings]
    for sentence in page.sentences:
        if sentence.get("paragraph") is not None and sentence["paragraph"] < len(paragraphs):
            paragraphs[sentence["paragraph"]].append(sentence)
    headings = {int(i): h for i, h in page.key_finding_headings}
    return render(
        request,
        "assurance/peer_page.html",
        {
            "title": f"{page.report.council}: {page.title}",
            "page": page,
            "paragraphs": paragraphs,
            "headings": headings,
            "found": [FIELD_LABELS.get(f, f) for f in page.found],
            "missing": [FIELD_LABELS.get(f, f) for f in page.missing],
            "source_labels": SOURCE_LABELS,
            "history": history_for(page),
            "breadcrumbs": _peer_crumbs((page.report.council, page.report.get_absolute_url())),
        },
    )


@require_POST
@require("assurance.manage")
def delete(request, pk: int):
    report = get_object_or_404(PeerReport, pk=pk)
    services.peer_report_delete(report=report)
    messages.success(request, f"{report.council}'s imported report deleted")
    return redirect("assurance:peer_index")


@require("assurance.view")
def compare(request):
    columns, rows = selectors.peer_comparison(selectors.latest_assessment())
    return render(
        request,
        "assurance/peer_compare.html",
        {
            "title": "Compare scores with other councils",
            "columns": columns,
            "rows": rows,
            "breadcrumbs": _peer_crumbs(),
        },
    )
