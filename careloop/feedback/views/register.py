"""The register: the list, a record, intake, editing, assigning, notes, deletion."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.attachments import attachments_for
from careloop.core.permissions import can, can_see, require
from careloop.core.views import paginate
from careloop.feedback import clocks, forms, selectors, services
from careloop.feedback.models import ClockSettings
from careloop.feedback.views.common import CRUMB, _get, on_record


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
            "tracker": _ombudsman_tracker(request.user, feedback),
            "has_equality": hasattr(feedback, "equality"),
            "note_form": forms.NoteForm(),
            "breadcrumbs": [CRUMB],
        },
    )


def _ombudsman_tracker(user, feedback) -> dict | None:
    """A referred complaint's cases in the Ombudsman tracker (in Learn and act, when that area
    is installed), and where to add it there; the tracker fills the case from the referral."""
    if not feedback.lgsco_referred_on or not apps.is_installed("careloop.learning"):
        return None
    cases = [case for case in feedback.lgsco_cases.all() if can_see(user, case)]
    may_add = not feedback.lgsco_cases.exists() and can(user, "learning.manage_lgsco")
    add_url = f"{reverse('learning:lgsco_new')}?complaint={feedback.pk}" if may_add else ""
    return {"cases": cases, "add_url": add_url} if cases or add_url else None


@require("feedback.create")
def new(request):
    form = forms.FeedbackForm(request.POST or None)
    return web.form_view(
        request,
        form,
        lambda data: services.feedback_create(data=dict(data), user=request.user),
        "Record feedback",
        success=lambda feedback: f"Feedback recorded: reference {feedback.reference}",
        breadcrumbs=[CRUMB],
        template="feedback/form.html",
    )


@require("feedback.edit")
def edit(request, pk: int):
    feedback = _get(request, pk)
    form = forms.FeedbackEditForm(request.POST or None, instance=feedback)
    conflict = None

    def save(data):
        nonlocal conflict
        try:
            return services.feedback_update(
                feedback=feedback,
                changes=form.changes(),
                original=data["original"],
                version=data["version"],
                user=request.user,
            )
        except services.EditConflict as error:  # shown side by side; refused on the form too
            conflict = error
            form.rebase(error.current)
            raise

    saved = web.submit(request, form, save, success=lambda saved: f"{saved.reference} saved")
    if saved is not None:
        return redirect(saved)
    return web.form_page(  # after the submit: `conflict` is what the service found
        request,
        form,
        f"Edit {feedback.reference}",
        feedback=feedback,
        conflict=conflict,
        submit="Save changes",
        cancel_url=feedback.get_absolute_url(),
        breadcrumbs=[CRUMB, (feedback.reference, feedback.get_absolute_url())],
        template="feedback/form.html",
    )


@require("feedback.assign")
def assign(request, pk: int):
    feedback = _get(request, pk)
    form = forms.AssignForm(request.POST or None, initial={"owner": feedback.owner})

    def assigned(_: object) -> str:
        owner = form.cleaned_data["owner"]
        if owner:
            return f"{feedback.reference} assigned to {owner}"
        return f"{feedback.reference} is no longer assigned to anyone"

    return web.form_view(
        request,
        form,
        lambda data: services.feedback_assign(feedback=feedback, user=request.user, **data),
        "Assign or reassign",
        success=assigned,
        redirect_to=feedback,
        **on_record(feedback),
    )


@require_POST
@require("feedback.note")
def note(request, pk: int):
    feedback = _get(request, pk)
    form = forms.NoteForm(request.POST)
    return web.form_view(
        request,
        form,
        lambda data: services.note_add(feedback=feedback, user=request.user, **data),
        "Add a note",
        success="Note added",
        redirect_to=f"{feedback.get_absolute_url()}#timeline",
        submit="Add note",
        **on_record(feedback),
    )


@require("feedback.delete")
def delete(request, pk: int):
    feedback = _get(request, pk)
    form = forms.ReasonForm(request.POST or None)
    form.fields["reason"].label = "Why are you deleting it?"
    form.fields["reason"].help_text = (
        "For example, a duplicate of another record. The record leaves the register but stays "
        "in the audit trail."
    )
    return web.form_view(
        request,
        form,
        lambda data: services.feedback_delete(feedback=feedback, user=request.user, **data),
        f"Delete {feedback.reference}",
        success=f"{feedback.reference} deleted",
        redirect_to="feedback:index",
        submit="Delete",
        **on_record(feedback, warning=True),
    )
