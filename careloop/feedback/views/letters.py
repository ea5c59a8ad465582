"""Letters from templates, to PDF on the record."""

from __future__ import annotations

from django.shortcuts import redirect, render

from careloop.core import web
from careloop.core.permissions import require
from careloop.feedback import forms, letter_text, services
from careloop.feedback.views.common import CRUMB, _get, on_record


# --- Letters ----------------------------------------------------------------------------------
@require("feedback.handle_complaint")
def letter_new(request, pk: int):
    """Choose a template; then see it filled in, change the wording, and make the PDF."""
    feedback = _get(request, pk)
    services.ensure_default_templates()
    if request.method == "POST" and "text" in request.POST:
        form = forms.LetterTextForm(request.POST)
        if web.submit(
            request,
            form,
            lambda data: services.letter_create(feedback=feedback, user=request.user, **data),
            success="Letter saved on the record as a PDF",
        ):
            return redirect(f"{feedback.get_absolute_url()}#letters")
        return _letter_page(request, feedback, form)
    choose = forms.LetterForm(request.POST or None)
    if request.method == "POST" and choose.is_valid():
        template = choose.cleaned_data["template"]
        text = letter_text.fill(template.body, feedback=feedback, user=request.user)
        form = forms.LetterTextForm(initial={"template": template, "text": text})
        return _letter_page(request, feedback, form, template)
    return web.form_page(
        request, choose, "Write a letter", submit="Continue", **on_record(feedback)
    )


def _letter_page(request, feedback, form, template=None):
    """The letter filled in from its template, to check and change before it is saved."""
    return render(
        request,
        "feedback/letter_text.html",
        {
            "title": "Check the letter",
            "feedback": feedback,
            "form": form,
            "template": template,
            "breadcrumbs": [CRUMB, (feedback.reference, feedback.get_absolute_url())],
        },
    )
