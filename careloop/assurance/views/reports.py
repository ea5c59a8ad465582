"""The self-assessment as CQC-format pages: HTML to read, PDF, Word and text to download."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from careloop.assurance.models import SelfAssessment
from careloop.assurance.reports import build_report, report_docx, report_pdf, report_text
from careloop.assurance.views.common import crumbs
from careloop.core import audit
from careloop.core.permissions import require

DOWNLOADS = {
    "pdf": ("application/pdf", report_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        report_docx,
    ),
    "txt": ("text/plain; charset=utf-8", report_text),
}


def _report(pk: int):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework"), pk=pk)
    return assessment, build_report(assessment)


def _crumbs(assessment):
    return crumbs(
        ("Self-assessments", reverse("assurance:assessment_index")),
        (assessment.title, assessment.get_absolute_url()),
    )


@require("assurance.view")
def summary(request, pk: int):
    assessment, report = _report(pk)
    return render(
        request,
        "assurance/report_summary.html",
        {
            "title": f"{report.heading} (self-assessment)",
            "report": report,
            "assessment": assessment,
            "breadcrumbs": _crumbs(assessment),
        },
    )


@require("assurance.view")
def statement(request, pk: int, number: int):
    assessment, report = _report(pk)
    page = report.page(number)
    if page is None:
        raise Http404
    return render(
        request,
        "assurance/report_statement.html",
        {
            "title": f"{page.name}: {report.heading}",
            "report": report,
            "page": page,
            "assessment": assessment,
            "previous": report.page(number - 1),
            "next": report.page(number + 1),
            "breadcrumbs": _crumbs(assessment),
        },
    )


@require("assurance.view")
def download(request, pk: int, fmt: str):
    if fmt not in DOWNLOADS:
        raise Http404
    assessment, report = _report(pk)
    content_type, render_it = DOWNLOADS[fmt]
    body = render_it(report)
    audit.record("export", assessment, reason=f"CQC-format report ({fmt})")
    name = f"{slugify(report.council)}-{slugify(assessment.title)}.{fmt}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
