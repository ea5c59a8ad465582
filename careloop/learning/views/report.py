"""The statutory annual complaints report."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from careloop.core import web
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, require
from careloop.learning import services
from careloop.learning.forms import ReportTextForm
from careloop.learning.models import AnnualReportText
from careloop.learning.selectors import report

from .common import crumbs


def _year(request, year: int | None) -> int:
    years = report.available_years()
    chosen = year if year is not None else years[1]  # the last complete year by default
    if not (2000 <= chosen <= years[0]):
        raise Http404
    return chosen


@require("learning.report")
def report_show(request, year: int | None = None):
    chosen = request.GET.get("year", "")
    if year is None and chosen.isdigit():
        return redirect("learning:report_year", year=int(chosen))
    year_start = _year(request, year)
    context = report.build(year_start, request.user)
    return render(
        request,
        "learning/report.html",
        {
            "title": f"Annual complaints report {context['year_label']}",
            **context,
            "years": [(y, report.label(y)) for y in report.available_years()],
            "may_edit": can(request.user, "learning.manage_lgsco"),
            "breadcrumbs": crumbs(),
        },
    )


@require("learning.report")
def report_pdf(request, year: int):
    year_start = _year(request, year)
    context = report.build(year_start, request.user)
    title = f"Annual complaints report {context['year_label']}"
    pdf = render_pdf("learning/documents/report.html", {"title": title, **context})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="complaints-report-{context["year_label"]}.pdf"'
    )
    return response


@require("learning.manage_lgsco")
def report_edit(request, year: int):
    year_start = _year(request, year)
    instance = AnnualReportText.objects.filter(year_start=year_start).first()
    form = ReportTextForm(request.POST or None, instance=instance)
    if web.submit(
        request,
        form,
        lambda data: services.report_text_save(year_start=year_start, **data),
        success="Report text saved",
    ):
        return redirect("learning:report_year", year=year_start)
    return web.form_page(
        request,
        form,
        f"Write the report for {report.label(year_start)}",
        breadcrumbs=crumbs(
            ("Annual complaints report", reverse("learning:report_year", args=[year_start]))
        ),
        intro="The figures come from the records; write the introduction and the matters of "
        "general importance the complaints raised.",
        cancel_url=reverse("learning:report_year", args=[year_start]),
    )
