"""The public feedback form (no sign-in)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render

from careloop.core import web
from careloop.feedback import clocks, forms, public, selectors, services
from careloop.feedback.models import Feedback


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
    if not problem and selectors.over_limit(key):
        problem = services.OVER_LIMIT  # (checked again, atomically, as it is saved)
    if not public.token_is_current(data.get("ts", "")):
        data["ts"] = public.new_token()  # a stale or broken page gets a fresh token
    form = forms.PublicFeedbackForm(data)
    if not form.is_valid() or problem:
        if problem:
            form.add_error(None, problem)
        return _public_form_page(request, form, status=429 if "connection" in problem else 200)
    feedback = web.attempt(
        form, lambda: services.public_feedback_create(data=form.feedback_data(), key=key)
    )
    if feedback is None:
        return _public_form_page(request, form, status=429)
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
