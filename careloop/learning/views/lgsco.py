"""The Ombudsman tracker: cases, remedies and the yearly figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.attachments import attachments_for
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate
from careloop.feedback.models import Feedback
from careloop.learning import selectors, services
from careloop.learning.forms import (
    LgscoCaseForm,
    LgscoYearForm,
    RemedyActionForm,
    RemedyComplyForm,
    RemedyForm,
)
from careloop.learning.models import EVIDENCE, LgscoCase, LgscoRemedy, LgscoYear

from .common import act, crumbs

CASES_CRUMB = ("Ombudsman", "/learning/ombudsman/")


@require("learning.view")
def lgsco_index(request):
    get = request.GET
    filters = {
        "stage": get.get("stage", ""),
        "decision": get.get("decision", ""),
        "subject": get.get("subject", ""),
        "query": get.get("q", "").strip(),
    }
    qs = selectors.lgsco_cases(request.user, **filters)
    return render(
        request,
        "learning/lgsco_index.html",
        {
            "title": "Ombudsman cases",
            "filters": filters,
            "stages": LgscoCase.Stage.choices,
            "decisions": [("upheld", "Upheld (any)"), *LgscoCase.Decision.choices],
            "subjects": LgscoCase.Subject.choices,
            "remedies_due": selectors.remedies_due(request.user)[:10],
            "untracked": selectors.referrals_untracked(request.user)[:20]
            if can(request.user, "learning.manage_lgsco")
            else [],
            "breadcrumbs": crumbs(),
            **paginate(request, qs),
        },
    )


def _case(request, pk):
    return get_visible_or_404(
        request.user,
        LgscoCase.objects.select_related("officer", "team", "review", "complaint"),
        pk=pk,
    )


@require("learning.view")
def lgsco_show(request, pk: int):
    case = _case(request, pk)
    remedies = list(case.remedies.select_related("action"))
    for remedy in remedies:
        remedy.evidence = attachments_for(remedy, role=EVIDENCE)
    complaint = case.complaint
    complaint_visible = bool(complaint and can(request.user, "feedback.view", complaint))
    return render(
        request,
        "learning/lgsco_show.html",
        {
            "title": f"Ombudsman case {case.reference}",
            "case": case,
            "remedies": remedies,
            "complaint_visible": complaint_visible,
            "review_visible": case.review_id and case.review.is_visible_to(request.user),
            "history": history_for(case),
            "breadcrumbs": crumbs(CASES_CRUMB),
        },
    )


@require("learning.manage_lgsco")
def lgsco_new(request):
    initial = {}
    complaint_id = request.GET.get("complaint")
    if complaint_id and complaint_id.isdigit():
        complaint = get_object_or_404(
            Feedback.objects.complaints().visible_to(request.user), pk=int(complaint_id)
        )
        tracked = LgscoCase.objects.visible_to(request.user).filter(complaint=complaint).first()
        if tracked and request.method == "GET":
            messages.info(request, f"{complaint.reference} is already in the tracker")
            return redirect(tracked)
        initial = services.case_fields_from_complaint(complaint)
        initial = {k: getattr(v, "pk", v) for k, v in initial.items() if v not in (None, "")}
    form = LgscoCaseForm(request.POST or None, initial=initial, user=request.user)
    return web.form_view(
        request,
        form,
        lambda data: services.lgsco_case_create(user=request.user, **data),
        "Record an Ombudsman case",
        success=lambda case: f"Ombudsman case {case.reference} recorded",
        breadcrumbs=crumbs(CASES_CRUMB),
        intro="An enquiry or complaint from the Local Government and Social Care Ombudsman. "
        "Its stage follows from the dates you give.",
        cancel_url=reverse("learning:lgsco_index"),
    )


@require("learning.manage_lgsco")
def lgsco_edit(request, pk: int):
    case = _case(request, pk)
    form = LgscoCaseForm(
        request.POST or None, instance=LgscoCase.objects.get(pk=pk), user=request.user
    )
    fresh = LgscoCase.objects.get(pk=pk)
    return web.form_view(
        request,
        form,
        lambda data: services.lgsco_case_update(case=fresh, user=request.user, **data),
        f"Edit {case.reference}",
        success="Case saved",
        redirect_to=fresh,
        breadcrumbs=crumbs(CASES_CRUMB, (case.reference, case.get_absolute_url())),
        cancel_url=case.get_absolute_url(),
    )


@require_POST
@require("learning.manage_reviews")
def lgsco_learn(request, pk: int):
    case = _case(request, pk)
    if not act(request, lambda: services.lgsco_case_learn(case=case, user=request.user)):
        return redirect(case)
    review = case.review  # the review lgsco_case_learn recorded (or had recorded before)
    messages.success(
        request, f"Recorded as learning review {review.reference}: add its recommendations"
    )
    return redirect(review)


@require("learning.manage_lgsco")
def remedy_new(request, pk: int):
    case = _case(request, pk)
    form = RemedyForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.lgsco_remedy_add(case=case, **data),
        f"Add a remedy to {case.reference}",
        success="Remedy added",
        submit="Add remedy",
        breadcrumbs=crumbs(CASES_CRUMB, (case.reference, case.get_absolute_url())),
        intro="What the Ombudsman asked the council to do, and by when.",
        cancel_url=case.get_absolute_url(),
    )


def _remedy(request, pk):
    remedy = get_object_or_404(LgscoRemedy.objects.select_related("case"), pk=pk)
    if not remedy.case.is_visible_to(request.user):
        raise Http404
    return remedy


@require("learning.manage_lgsco")
def remedy_comply(request, pk: int):
    remedy = _remedy(request, pk)
    form = RemedyComplyForm(request.POST or None, request.FILES or None)
    case = remedy.case
    return web.form_view(
        request,
        form,
        lambda data: services.lgsco_remedy_comply(remedy=remedy, user=request.user, **data),
        "Record compliance",
        success="Compliance recorded",
        redirect_to=remedy.get_absolute_url(),
        submit="Record compliance",
        breadcrumbs=crumbs(CASES_CRUMB, (case.reference, case.get_absolute_url())),
        intro=f"{remedy.get_kind_display()}: {remedy.description} "
        f"(deadline {remedy.due_on:%-d %B %Y}).",
        cancel_url=case.get_absolute_url(),
    )


@require("learning.manage_lgsco")
def remedy_action(request, pk: int):
    remedy = _remedy(request, pk)
    if not can(request.user, "learning.manage_actions"):
        raise PermissionDenied
    form = RemedyActionForm(
        request.POST or None,
        initial={
            "title": f"{remedy.get_kind_display()}: {remedy.description[:120]}",
            "due": remedy.due_on,
        },
    )
    case = remedy.case
    return web.form_view(
        request,
        form,
        lambda data: services.lgsco_remedy_action(remedy=remedy, user=request.user, **data),
        "Turn the remedy into an action",
        success=lambda action: f"Action {action.reference} created for the remedy",
        submit="Create action",
        breadcrumbs=crumbs(CASES_CRUMB, (case.reference, case.get_absolute_url())),
        intro="The action is followed up like any other: owner, due date, evidence and sign-off.",
        cancel_url=case.get_absolute_url(),
    )


@require("learning.view")
def lgsco_figures(request):
    years = list(LgscoYear.objects.all())
    for year in years:
        year.tracker = selectors.tracker_figures(year.year_start)
    return render(
        request,
        "learning/lgsco_figures.html",
        {
            "title": "Ombudsman figures by year",
            "years": years,
            "chart_rows": selectors.lgsco_rate_rows(years),
            "breadcrumbs": crumbs(CASES_CRUMB),
        },
    )


@require("learning.manage_lgsco")
def lgsco_year_edit(request, year: int | None = None):
    instance = get_object_or_404(LgscoYear, year_start=year) if year else None
    initial = {}
    prefill = request.GET.get("from_tracker")
    if instance is None and prefill and prefill.isdigit():
        figures = selectors.tracker_figures(int(prefill))
        initial = {k: v for k, v in figures.items() if k in LgscoYearForm.Meta.fields}
        initial["year_start"] = int(prefill)
    form = LgscoYearForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year_start = data.pop("year_start")
        if instance and year_start != instance.year_start:
            form.add_error("year_start", "The year cannot be changed")
        else:
            saved = web.attempt(
                form, lambda: services.lgsco_year_save(year_start=year_start, **data)
            )
            if saved is not None:
                messages.success(request, f"Figures for {saved.label} saved")
                return redirect("learning:lgsco_figures")
    return web.form_page(
        request,
        form,
        f"Ombudsman figures for {instance.label}" if instance else "Add a year's Ombudsman figures",
        breadcrumbs=crumbs(CASES_CRUMB, ("Figures by year", reverse("learning:lgsco_figures"))),
        intro="From the Ombudsman's annual review letter. The upheld rate is worked out as upheld "
        "decisions out of detailed investigations, as the Ombudsman reports it.",
        cancel_url=reverse("learning:lgsco_figures"),
    )
