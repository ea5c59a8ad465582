"""The statutory annual complaints report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from careloop.core.documents import render_pdf
from careloop.core.forms import GovukModelForm
from careloop.core.permissions import can, require
from careloop.learning import report
from careloop.learning.models import AnnualReportText

from .common import crumbs, form_page


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


class ReportTextForm(GovukModelForm):
    class Meta:
        model = AnnualReportText
        fields = ["introduction", "general_importance", "published_on"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "general_importance": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        from careloop.core.forms import DateField

        super().__init__(*args, **kwargs)
        self.fields["published_on"] = DateField(label="Date published", required=False)


@require("learning.manage_lgsco")
def report_edit(request, year: int):
    year_start = _year(request, year)
    instance = AnnualReportText.objects.filter(year_start=year_start).first()
    form = ReportTextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        text = form.save(commit=False)
        text.year_start = year_start
        text.save()
        messages.success(request, "Report text saved")
        return redirect("learning:report_year", year=year_start)
    return form_page(
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
