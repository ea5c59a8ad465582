"""Pages of the feedback register: the list, a record, intake, editing and the clock."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core.attachments import (
    AttachmentForm,
    attachment_add_file,
    attachment_add_link,
    attachments_for,
)
from careloop.core.exports import Column, export_response
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.services import ServiceError
from careloop.core.views import paginate
from careloop.feedback import clocks, forms, letters, public, selectors, services
from careloop.feedback.models import ClockSettings, Feedback, LetterTemplate, Organisation
from careloop.stats import xmr

CRUMB = ("Feedback", "/feedback/")


def _get(request, pk: int) -> Feedback:
    return get_visible_or_404(
        request.user,
        Feedback.objects.select_related(
            "owner", "team", "service", "provider", "from_organisation", "complaint"
        ),
        pk=pk,
    )


# --- The register -----------------------------------------------------------------------------
def index(request):
    if not can(request.user, "feedback.view"):
        if can(request.user, "feedback.view_figures"):
            return redirect("feedback:figures")
        raise PermissionDenied
    form = forms.FilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    qs = selectors.feedback_list(request.user, filters)
    return render(
        request,
        "feedback/index.html",
        {
            "title": "Feedback",
            "filter_form": form,
            "filters": filters,
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            **paginate(request, qs, per_page=25),
        },
    )


@require("feedback.view")
def show(request, pk: int):
    feedback = _get(request, pk)
    settings = ClockSettings.current()
    return render(
        request,
        "feedback/show.html",
        {
            "title": f"{feedback.reference}: {feedback.get_kind_display()}",
            "feedback": feedback,
            "clock": clocks.clock(feedback, settings),
            "is_late": feedback.is_statutory and clocks.is_late(feedback),
            "six_month_point": clocks.six_month_point(feedback) if feedback.is_statutory else None,
            "timeline": selectors.timeline(feedback),
            "letters": attachments_for(feedback, role="letter"),
            "documents": attachments_for(feedback).exclude(role="letter"),
            "enquiries": feedback.ombudsman_enquiries.visible_to(request.user),
            "has_equality": hasattr(feedback, "equality"),
            "note_form": forms.NoteForm(),
            "breadcrumbs": [CRUMB],
        },
    )


@require("feedback.create")
def new(request):
    form = forms.FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            feedback = services.feedback_create(data=data, user=request.user)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Feedback recorded: reference {feedback.reference}")
            return redirect(feedback)
    return render(
        request,
        "feedback/form.html",
        {"title": "Record feedback", "form": form, "submit": "Save", "breadcrumbs": [CRUMB]},
    )


@require("feedback.edit")
def edit(request, pk: int):
    feedback = _get(request, pk)
    form = forms.FeedbackEditForm(request.POST or None, instance=feedback)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.feedback_update(
                feedback=feedback,
                changes=form.changes(),
                original=form.cleaned_data["original"],
                version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.EditConflict as error:
            conflict = error
            form.rebase(error.current)
            form.add_error(None, str(error))
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{saved.reference} saved")
            return redirect(saved)
    return render(
        request,
        "feedback/form.html",
        {
            "title": f"Edit {feedback.reference}",
            "form": form,
            "feedback": feedback,
            "conflict": conflict,
            "submit": "Save changes",
            "cancel_url": feedback.get_absolute_url(),
            "breadcrumbs": [CRUMB, (feedback.reference, feedback.get_absolute_url())],
        },
    )


@require("feedback.assign")
def assign(request, pk: int):
    feedback = _get(request, pk)
    form = forms.AssignForm(request.POST or None, initial={"owner": feedback.owner})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_assign(
                feedback=feedback,
                owner=form.cleaned_data["owner"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ServiceError as error:
            form.add_error("owner", str(error))
        else:
            owner = form.cleaned_data["owner"]
            messages.success(
                request,
                f"{feedback.reference} assigned to {owner}"
                if owner
                else f"{feedback.reference} is no longer assigned to anyone",
            )
            return redirect(feedback)
    return _action_page(request, feedback, form, "Assign or reassign", "Save")


@require_POST
@require("feedback.note")
def note(request, pk: int):
    feedback = _get(request, pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(feedback=feedback, user=request.user, text=form.cleaned_data["text"])
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Note added")
            return redirect(f"{feedback.get_absolute_url()}#timeline")
    return _action_page(request, feedback, form, "Add a note", "Add note")


@require("feedback.delete")
def delete(request, pk: int):
    feedback = _get(request, pk)
    form = forms.ReasonForm(request.POST or None)
    form.fields["reason"].label = "Why are you deleting it?"
    form.fields["reason"].help_text = (
        "For example, a duplicate of another record. The record leaves the register but stays "
        "in the audit trail."
    )
    if request.method == "POST" and form.is_valid():
        services.feedback_delete(
            feedback=feedback, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, f"{feedback.reference} deleted")
        return redirect("feedback:index")
    return _action_page(
        request, feedback, form, f"Delete {feedback.reference}", "Delete", warning=True
    )


def _action_page(request, feedback, form, heading, submit, *, warning=False, intro=""):
    return render(
        request,
        "feedback/action.html",
        {
            "title": heading,
            "feedback": feedback,
            "form": form,
            "submit": submit,
            "warning": warning,
            "intro": intro,
            "cancel_url": feedback.get_absolute_url(),
            "breadcrumbs": [CRUMB, (feedback.reference, feedback.get_absolute_url())],
        },
    )


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
    kwargs = {"complaint": feedback.is_complaint} if form_class is forms.RespondForm else {}
    form = form_class(request.POST or None, **kwargs)
    if name == "close":
        form.fields["reason"].required = False
        form.fields["reason"].label = "Note (optional)"
    if request.method == "POST" and form.is_valid():
        try:
            result = call(feedback, request.user, form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{heading}: saved")
            return redirect(result)
    return _action_page(request, feedback, form, heading, submit, intro=intro)


@require("feedback.edit")
def document_new(request, pk: int):
    feedback = _get(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("file"):
                attachment_add_file(
                    record=feedback,
                    file=data["file"],
                    title=data["title"],
                    user=request.user,
                    view_permission="feedback.view",
                )
            else:
                attachment_add_link(
                    record=feedback,
                    url=data["url"],
                    title=data["title"],
                    user=request.user,
                    view_permission="feedback.view",
                )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Document added")
            return redirect(feedback)
    response = _action_page(request, feedback, form, "Add a document or link", "Add")
    return response


# --- Equality monitoring (write-only for staff: answers are only reported in aggregate) --------
@require("feedback.edit")
def equality(request, pk: int):
    feedback = _get(request, pk)
    form = forms.EqualityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.equality_save(feedback=feedback, answers=form.cleaned_data)
        messages.success(request, "Equality monitoring answers saved")
        return redirect(feedback)
    return _action_page(
        request,
        feedback,
        form,
        "Equality monitoring answers",
        "Save answers",
        intro="Answers are optional and kept apart from the record. They are never shown "
        "for one person, only as totals for groups of 10 or more. Answers already recorded "
        "are not shown here; saving replaces them.",
    )


# --- Figures: counts and aggregates only ----------------------------------------------------------
@require("feedback.view_figures")
def figures(request):
    import datetime as dt

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
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return export_response(
        queryset=qs,
        columns=EXPORT_COLUMNS,
        filename="feedback",
        fmt=fmt,
        description="Feedback list",
        filters=request.GET.dict(),
    )


# --- The public feedback form (no sign-in) --------------------------------------------------------
def _public_form_page(request, form, status=200):
    return render(
        request,
        "feedback/public_new.html",
        {"title": "Give feedback about adult social care", "form": form},
        status=status,
    )


@login_not_required
def public_new(request):
    if request.method != "POST":
        return _public_form_page(
            request, forms.PublicFeedbackForm(initial={"ts": public.new_token()})
        )
    data = request.POST.copy()
    if data.get("website"):
        problem = (
            "We could not accept this. Clear the field labelled 'Leave this empty' and send it "
            "again."
        )
    else:
        problem = public.token_problem(data.get("ts", ""))
    key = public.address_hash(request)
    if not problem and public.over_limit(key):
        problem = (
            "A lot of feedback has been sent from this connection recently. Wait an hour and "
            "send it again, or phone the council. What you wrote is still below."
        )
    if not public.token_is_current(data.get("ts", "")):
        data["ts"] = public.new_token()  # a stale or broken page gets a fresh token
    form = forms.PublicFeedbackForm(data)
    if not form.is_valid() or problem:
        if problem:
            form.add_error(None, problem)
        return _public_form_page(request, form, status=429 if "connection" in problem else 200)
    feedback = services.feedback_create(data=form.feedback_data(), user=None)
    public.note_submission(key)
    if feedback.from_email:
        services.tell_person_received(feedback=feedback)
    request.session["public_feedback"] = {
        "reference": feedback.reference,
        "kind": feedback.kind,
        "equality": public.equality_token(feedback.pk),
    }
    return redirect("feedback:public_done")


@login_not_required
def public_done(request):
    sent = request.session.get("public_feedback")
    if not sent:
        return redirect("feedback:public_new")
    return render(
        request,
        "feedback/public_done.html",
        {"title": "Feedback sent", "sent": sent, "ack_days": clocks.STATUTORY_ACK_DAYS},
    )


@login_not_required
def public_equality(request, token: str):
    feedback_id = public.equality_feedback_id(token)
    feedback = Feedback.objects.filter(pk=feedback_id).first() if feedback_id else None
    if feedback is None:
        raise Http404
    form = forms.EqualityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.equality_save(feedback=feedback, answers=form.cleaned_data)
        return render(
            request, "feedback/public_thanks.html", {"title": "Thank you for your answers"}
        )
    return render(
        request,
        "feedback/public_equality.html",
        {"title": "Equality monitoring questions (optional)", "form": form},
    )


# --- Letters ----------------------------------------------------------------------------------
@require("feedback.handle_complaint")
def letter_new(request, pk: int):
    """Choose a template; then see it filled in, change the wording, and make the PDF."""
    feedback = _get(request, pk)
    letters.ensure_default_templates()
    crumbs = [CRUMB, (feedback.reference, feedback.get_absolute_url())]
    if request.method == "POST" and "text" in request.POST:
        form = forms.LetterTextForm(request.POST)
        if form.is_valid():
            try:
                letters.letter_create(
                    feedback=feedback,
                    template=form.cleaned_data["template"],
                    text=form.cleaned_data["text"],
                    user=request.user,
                )
            except ServiceError as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, "Letter saved on the record as a PDF")
                return redirect(f"{feedback.get_absolute_url()}#letters")
        return render(
            request,
            "feedback/letter_text.html",
            {
                "title": "Check the letter",
                "feedback": feedback,
                "form": form,
                "breadcrumbs": crumbs,
            },
        )
    choose = forms.LetterForm(request.POST or None)
    if request.method == "POST" and choose.is_valid():
        template = choose.cleaned_data["template"]
        text = letters.fill(template.body, feedback=feedback, user=request.user)
        form = forms.LetterTextForm(initial={"template": template, "text": text})
        return render(
            request,
            "feedback/letter_text.html",
            {
                "title": "Check the letter",
                "feedback": feedback,
                "form": form,
                "template": template,
                "breadcrumbs": crumbs,
            },
        )
    return _action_page(request, feedback, choose, "Write a letter", "Continue")


# --- Settings: letter templates, the clock, organisations -----------------------------------------
SETTINGS_CRUMBS = [CRUMB, ("Settings", "/feedback/settings/")]


@require("feedback.manage_settings")
def settings_index(request):
    letters.ensure_default_templates()
    return render(
        request,
        "feedback/settings.html",
        {
            "title": "Feedback settings",
            "clock": ClockSettings.current(),
            "templates": LetterTemplate.objects.all(),
            "organisations": Organisation.objects.all(),
            "breadcrumbs": [CRUMB],
        },
    )


@require("feedback.manage_settings")
def clock_edit(request):
    current = ClockSettings.objects.order_by("pk").first()
    form = forms.ClockSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.clock_settings_save(form=form)
        messages.success(request, "Complaint clock settings saved. New complaints use them.")
        return redirect("feedback:settings")
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Complaint clock settings",
            "intro": "Working days for corporate complaints under the Ombudsman's Complaint "
            "Handling Code, and the defaults for statutory adult social care complaints. The "
            "3-working-day acknowledgement of statutory complaints is set by law.",
            "form": form,
            "breadcrumbs": SETTINGS_CRUMBS,
            "cancel_url": reverse("feedback:settings"),
        },
    )


@require("feedback.manage_settings")
def template_edit(request, pk: int | None = None):
    template = LetterTemplate.objects.filter(pk=pk).first() if pk else None
    if pk and template is None:
        raise Http404
    form = forms.LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        saved = services.record_save(form=form)
        messages.success(request, f"Letter template “{saved}” saved")
        return redirect("feedback:settings")
    return render(
        request,
        "feedback/template_form.html",
        {
            "title": f"Edit {template}" if template else "Add a letter template",
            "form": form,
            "placeholders": [(n, d) for n, (d, _) in letters.PLACEHOLDERS.items()],
            "breadcrumbs": SETTINGS_CRUMBS,
        },
    )


@require("feedback.manage_settings")
def organisation_edit(request, pk: int | None = None):
    organisation = Organisation.objects.filter(pk=pk).first() if pk else None
    if pk and organisation is None:
        raise Http404
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = services.record_save(form=form)
        messages.success(request, f"“{saved}” saved")
        return redirect("feedback:settings")
    return render(
        request,
        "core/form_page.html",
        {
            "title": f"Edit {organisation}" if organisation else "Add an organisation",
            "form": form,
            "breadcrumbs": SETTINGS_CRUMBS,
            "cancel_url": reverse("feedback:settings"),
        },
    )
