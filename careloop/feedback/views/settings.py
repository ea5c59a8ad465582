"""Settings: letter templates, the complaint clock, organisations."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from careloop.core import web
from careloop.core.permissions import require
from careloop.feedback import forms, letter_text, services
from careloop.feedback.models import ClockSettings, LetterTemplate, Organisation
from careloop.feedback.views.common import CRUMB

# --- Settings: letter templates, the clock, organisations -----------------------------------------
SETTINGS_CRUMBS = [CRUMB, ("Settings", "/feedback/settings/")]


@require("feedback.manage_settings")
def settings_index(request):
    services.ensure_default_templates()
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
    return web.form_view(
        request,
        form,
        lambda data: services.clock_settings_save(form=form),
        "Complaint clock settings",
        success="Complaint clock settings saved. New complaints use them.",
        redirect_to="feedback:settings",
        breadcrumbs=SETTINGS_CRUMBS,
        intro="Working days for corporate complaints under the Ombudsman's Complaint "
        "Handling Code, and the defaults for statutory adult social care complaints. The "
        "3-working-day acknowledgement of statutory complaints is set by law.",
        cancel_url=reverse("feedback:settings"),
    )


@require("feedback.manage_settings")
def template_edit(request, pk: int | None = None):
    template = LetterTemplate.objects.filter(pk=pk).first() if pk else None
    if pk and template is None:
        raise Http404
    form = forms.LetterTemplateForm(request.POST or None, instance=template)
    return web.form_view(
        request,
        form,
        lambda data: services.record_save(form=form),
        f"Edit {template}" if template else "Add a letter template",
        success=lambda saved: f"Letter template “{saved}” saved",
        redirect_to="feedback:settings",
        placeholders=[(n, d) for n, (d, _) in letter_text.PLACEHOLDERS.items()],
        breadcrumbs=SETTINGS_CRUMBS,
        template="feedback/template_form.html",
    )


@require("feedback.manage_settings")
def organisation_edit(request, pk: int | None = None):
    organisation = Organisation.objects.filter(pk=pk).first() if pk else None
    if pk and organisation is None:
        raise Http404
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    return web.form_view(
        request,
        form,
        lambda data: services.record_save(form=form),
        f"Edit {organisation}" if organisation else "Add an organisation",
        success=lambda saved: f"“{saved}” saved",
        redirect_to="feedback:settings",
        breadcrumbs=SETTINGS_CRUMBS,
        cancel_url=reverse("feedback:settings"),
    )
