"""Charts (XmR, Making Data Count) of any theme series, their settings and rebases, the
signals page and email alert subscriptions."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import web
from careloop.core.documents import render_pdf
from careloop.core.permissions import can, require
from careloop.stats.spc_text import describe_spc
from careloop.themes import selectors, services, trends
from careloop.themes import series as S
from careloop.themes.forms import RebaseForm, SeriesSettingsForm, SubscriptionForm
from careloop.themes.models import Rebase, SeriesSettings, SignalSubscription
from careloop.themes.series import SeriesKey
from careloop.themes.views.common import chart_url, crumbs, series_key


def _key_from_form(request) -> SeriesKey | None:
    """The chart picked with the page's own form (theme, slice, count or rate)."""
    if "theme" not in request.GET:
        return None
    theme = request.GET.get("theme", "0")
    theme = int(theme) if theme.isdigit() else 0
    dim, value = S.ALL, ""
    for name in ("kind", "service", "provider"):
        if request.GET.get(name):
            dim, value = name, request.GET[name]
            break
    rate = request.GET.get("measure") == "rate" and theme > 0
    return SeriesKey(theme, dim, value, rate)


@require("themes.view")
def chart(request):
    picked = _key_from_form(request)
    if picked is not None:
        return redirect(chart_url(picked))
    key = series_key(request.GET.get("series") or "all")
    result = trends.chart(key, with_restricted=selectors.with_restricted(request.user))
    this_month = None
    if result.months:
        current = S.add_months(result.months[-1], 1)
        this_month = (
            current,
            S.counts(
                key.without_rate(),
                [current],
                with_restricted=selectors.with_restricted(request.user),
            )[0],
        )
    return render(
        request,
        "themes/chart.html",
        {
            "title": result.label,
            "chart": result,
            "key": key,
            "slices": selectors.chart_slices(),
            "themes": selectors.themes_in_use(),
            "this_month": this_month,
            "latest_signal": selectors.latest_signal(request.user, key),
            "direction_words": trends.DIRECTION_WORDS,
            "may_edit": can(request.user, "themes.manage_charts"),
            "comments_allowed": can(request.user, "themes.view_comments"),
            "breadcrumbs": crumbs(("Signals", reverse("themes:signals"))),
        },
    )


@require("themes.view")
def chart_pdf(request):
    key = series_key(request.GET.get("series") or "all")
    result = trends.chart(key, with_restricted=selectors.with_restricted(request.user))
    pdf = render_pdf(
        "themes/chart_pdf.html",
        {
            "title": result.label,
            "chart": result,
            "summary": describe_spc(result.result, result.label) if result.result else "",
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="theme-chart.pdf"'
    return response


@require("themes.manage_charts")
def chart_settings(request):
    key = series_key(request.GET.get("series") or request.POST.get("series") or "all")
    current = trends.settings_for(key)
    form = SeriesSettingsForm(request.POST or None, instance=current)
    if web.submit(
        request,
        form,
        lambda data: services.series_settings_save(key=key, form=form),
        success="Chart settings saved",
    ):
        return redirect(chart_url(key))
    label = S.Labeller().label(key)
    return render(
        request,
        "themes/chart_settings.html",
        {
            "title": f"Chart settings: {label}",
            "form": form if form.is_bound else None,
            "settings_form": form,
            "rebase_form": RebaseForm(months=S.window()),
            "rebases": selectors.rebases(key),
            "key": key,
            "saved": isinstance(current, SeriesSettings) and current.pk is not None,
            "breadcrumbs": crumbs((label, chart_url(key))),
        },
    )


@require("themes.manage_charts")
def rebase_new(request):
    key = series_key(request.GET.get("series") or request.POST.get("series") or "all")
    form = RebaseForm(request.POST or None, months=S.window())
    label = S.Labeller().label(key)
    return web.form_view(
        request,
        form,
        lambda data: services.rebase_add(
            key=key, month=data["month"], reason=data["reason"], user=request.user
        ),
        "Start a new baseline",
        success="New baseline recorded",
        redirect_to=chart_url(key),
        key=key,
        label=label,
        breadcrumbs=crumbs((label, chart_url(key))),
        template="themes/rebase.html",
    )


@require_POST
@require("themes.manage_charts")
def rebase_delete(request, pk: int):
    rebase = get_object_or_404(Rebase, pk=pk)
    key = SeriesKey.parse(rebase.key)
    services.rebase_remove(rebase=rebase)
    messages.success(request, f"The baseline from {rebase.month:%B %Y} was removed")
    return redirect(chart_url(key))


@require("themes.view")
def signals(request):
    months = S.window()
    latest = S.last_complete_month()
    since = months[max(0, len(months) - trends.HISTORY)] if months else latest
    found = list(selectors.signals(request.user, since=since))
    current = [s for s in found if s.month == latest]
    earlier = [s for s in found if s.month != latest]
    for signal in found:
        signal.url = chart_url(SeriesKey.parse(signal.key))
    return render(
        request,
        "themes/signals.html",
        {
            "title": "Signals",
            "latest": latest,
            "concerns": [s for s in current if s.variation == "concern"],
            "improvements": [s for s in current if s.variation == "improvement"],
            "neutral": [s for s in current if s.variation not in ("concern", "improvement")],
            "earlier": earlier,
            "months": months,
            "min_months": trends.MIN_MONTHS,
            "may_subscribe": can(request.user, "themes.subscribe"),
            "action_url": _action_url(request.user),
            "topics": list(selectors.growing_topics()[:10])
            if can(request.user, "themes.view_comments")
            else None,
            "breadcrumbs": crumbs(),
        },
    )


def _action_url(user) -> str:
    """Where to raise an action from a signal (a source of actions: `Signal`), Learn and
    act's one way, for people who may raise actions ("" without that area or permission).
    Every signal listed is one the person may see, so the link is the same for each."""
    if not apps.is_installed("careloop.learning") or not can(user, "learning.manage_actions"):
        return ""
    return reverse("learning:action_raise")


@require("themes.subscribe")
def subscriptions(request):
    form = SubscriptionForm(request.POST or None)
    sub = web.submit(
        request,
        form,
        lambda data: services.subscribe(user=request.user, **data),
    )
    if sub is not None:
        messages.success(
            request, f"You will be emailed about new signals: {sub.theme or 'every theme'}"
        )
        return redirect("themes:subscriptions")
    return render(
        request,
        "themes/subscriptions.html",
        {
            "title": "Email alerts about signals",
            "form": form if form.is_bound else None,
            "subscription_form": form,
            "subscriptions": selectors.subscriptions_of(request.user),
            "breadcrumbs": crumbs(("Signals", reverse("themes:signals"))),
        },
    )


@require_POST
@require("themes.subscribe")
def subscription_delete(request, pk: int):
    sub = get_object_or_404(SignalSubscription, pk=pk, user=request.user)
    services.unsubscribe(subscription=sub)
    messages.success(request, f"Alerts stopped: {sub.theme or 'every theme'}")
    return redirect("themes:subscriptions")
