"""The complaint clock and a record's life; documents, equality answers, figures, export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from careloop.core import web
from careloop.core.attachments import AttachmentForm
from careloop.core.exports import Column
from careloop.core.permissions import can, require
from careloop.feedback import forms, selectors, services
from careloop.feedback.views.common import CRUMB, _get, on_record
from careloop.stats import xmr

# --- The complaint clock and the record's life ---------------------------------------------------
# name: (heading, submit, form class, service call, permission, intro)
ACTIONS = {
    "acknowledge": (
        "Record the acknowledgement",
        "Save",
        forms.AcknowledgeForm,
        lambda f, u, d: services.complaint_acknowledge(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "Statutory complaints must be acknowledged within 3 working days, offering to discuss "
        "how the complaint will be handled and when the person can expect the response.",
    ),
    "revise": (
        "Change the response period",
        "Save",
        forms.ReviseForm,
        lambda f, u, d: services.complaint_revise_response_period(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "Agree any change with the person and record why.",
    ),
    "respond": (
        "Record the response",
        "Save",
        forms.RespondForm,
        lambda f, u, d: services.complaint_respond(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "",
    ),
    "late": (
        "Decide on a late complaint",
        "Save decision",
        forms.LateDecisionForm,
        lambda f, u, d: services.complaint_decide_late(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "The complaint was made more than 12 months after the event. It can still be "
        "considered if there was good reason for the delay and it is still possible to "
        "investigate it effectively and fairly.",
    ),
    "escalate": (
        "Move to stage 2",
        "Start stage 2",
        forms.EscalateForm,
        lambda f, u, d: services.complaint_escalate(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "Under the Complaint Handling Code stage 2 is handled by someone other than the stage 1 "
        "investigator. A new clock starts.",
    ),
    "refer": (
        "Record the Ombudsman referral",
        "Save and open the Ombudsman enquiry",
        forms.ReferForm,
        lambda f, u, d: services.complaint_refer_to_lgsco(feedback=f, user=u, **d),
        "feedback.handle_complaint",
        "The person took the complaint to the Local Government and Social Care Ombudsman. An "
        "Ombudsman enquiry is opened, linked to this complaint.",
    ),
    "close": (
        "Close",
        "Close",
        forms.ReasonForm,
        lambda f, u, d: services.feedback_close(feedback=f, user=u, **d),
        "feedback.edit",
        "",
    ),
    "reopen": (
        "Reopen",
        "Reopen",
        forms.ReasonForm,
        lambda f, u, d: services.feedback_reopen(feedback=f, user=u, **d),
        "feedback.edit",
        "",
    ),
    "withdraw": (
        "Record that it was withdrawn",
        "Save",
        forms.ReasonForm,
        lambda f, u, d: services.feedback_withdraw(feedback=f, user=u, **d),
        "feedback.edit",
        "",
    ),
}


def action(request, pk: int, name: str):
    if name not in ACTIONS:
        raise Http404
    heading, submit, form_class, call, permission, intro = ACTIONS[name]
    if not can(request.user, permission):
        raise PermissionDenied
    feedback = _get(request, pk)
    kwargs: dict[str, Any] = (
        {"complaint": feedback.is_complaint} if form_class is forms.RespondForm else {}
    )
    form = form_class(request.POST or None, **kwargs)
    if name == "close":
        form.fields["reason"].required = False
        form.fields["reason"].label = "Note (optional)"
    return web.form_view(
        request,
        form,
        lambda data: call(feedback, request.user, data),
        heading,
        success=f"{heading}: saved",
        submit=submit,
        intro=intro,
        **on_record(feedback),
    )


@require("feedback.edit")
def document_new(request, pk: int):
    feedback = _get(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return web.form_view(
        request,
        form,
        lambda data: services.document_add(feedback=feedback, user=request.user, **data),
        "Add a document or link",
        success="Document added",
        redirect_to=feedback,
        submit="Add",
        **on_record(feedback),
    )


# --- Equality monitoring (write-only for staff: answers are only reported in aggregate) --------
@require("feedback.edit")
def equality(request, pk: int):
    feedback = _get(request, pk)
    form = forms.EqualityForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.equality_save(feedback=feedback, answers=data) or True,
        "Equality monitoring answers",
        success="Equality monitoring answers saved",
        redirect_to=feedback,
        submit="Save answers",
        **on_record(feedback),
        intro="Answers are optional and kept apart from the record. They are never shown "
        "for one person, only as totals for groups of 10 or more. Answers already recorded "
        "are not shown here; saving replaces them.",
    )


# --- Figures: counts and aggregates only ----------------------------------------------------------
@require("feedback.view_figures")
def figures(request):
    today = dt.date.today()
    start = selectors.financial_year_start(today)
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= today.year:
        start = dt.date(int(year), 4, 1)
    monthly = selectors.monthly_counts()
    complaints = selectors.monthly_counts(kind="complaint")[:-1]  # whole months only
    chart = (
        xmr([n for _, n in complaints], periods=[f"{m:%b %Y}" for m, _ in complaints])
        if sum(n for _, n in complaints)
        else None
    )
    return render(
        request,
        "feedback/figures.html",
        {
            "title": "Feedback figures",
            "annual": selectors.annual_figures(start),
            "years": list(range(today.year if today.month >= 4 else today.year - 1, 2019, -1))[:6],
            "monthly": monthly,
            "chart": chart,
            "monthly_complaints": dict(selectors.monthly_counts(kind="complaint")),
            "monthly_compliments": dict(selectors.monthly_counts(kind="compliment")),
            "equality": selectors.equality_figures()
            if can(request.user, "feedback.view_equality")
            else None,
            "min_group": selectors.MIN_GROUP,
            "breadcrumbs": [CRUMB] if can(request.user, "feedback.view") else [],
            "url": reverse("feedback:figures"),
        },
    )


# --- Export -----------------------------------------------------------------------------------
EXPORT_COLUMNS = [
    Column("Reference", "reference"),
    Column("Kind", "get_kind_display"),
    Column("Channel", "get_channel_display"),
    Column("Date received", "received_on"),
    Column("Date of the event", "event_on"),
    Column("Status", "get_status_display"),
    Column("Summary", "summary"),
    Column("What they said", "text"),
    Column("From", "from_display"),
    Column("On their behalf", "representative_name"),
    Column("About", "about_name"),
    Column("Service area", "service.name"),
    Column("Team", "team.name"),
    Column("Care provider", "provider.name"),
    Column("Owner", "owner.full_name"),
    Column("Acknowledgement due", "acknowledgement_due_on"),
    Column("Acknowledged", "acknowledged_on"),
    Column("Response due", "response_due_on"),
    Column("Responded", "responded_on"),
    Column("Outcome", "get_outcome_display"),
    Column("Referred to the Ombudsman", "lgsco_referred_on"),
    Column("Survey", "survey"),
    Column("Rating", "rating"),
    Column("Restricted", "is_restricted"),
    Column("Source", "source"),
    Column("External reference", "external_ref"),
]


@require("feedback.export")
def export(request):
    form = forms.FilterForm(request.GET or None, user=request.user)
    qs = selectors.feedback_list(request.user, form.filters()).select_related("from_organisation")
    return web.download(
        request,
        qs,
        EXPORT_COLUMNS,
        filename="feedback",
        description="Feedback list",
    )
