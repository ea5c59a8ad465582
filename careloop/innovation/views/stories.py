"""Pages: people's stories of a pilot, and the risks to it."""

from __future__ import annotations

import datetime as dt

from careloop.core import web
from careloop.core.permissions import get_visible_or_404, require

from .. import services
from ..forms import RiskForm, StoryForm
from .common import get_pilot, pilot_crumbs


@require("innovation.record")
def story_edit(request, pk, spk=None):
    pilot = get_pilot(request, pk)
    story = get_visible_or_404(request.user, pilot.stories.all(), pk=spk) if spk else None
    form = StoryForm(request.POST or None, instance=story, initial={"told_on": dt.date.today()})
    return web.form_view(
        request,
        form,
        lambda data: services.story_save(pilot=pilot, user=request.user, record=story, **data),
        "Edit the story" if story else "Add a person’s story",
        success="Story saved",
        redirect_to=pilot.get_absolute_url() + "#stories",
        breadcrumbs=pilot_crumbs(pilot),
        intro="Stories show what the pilot means to people. Keep them only with the person’s "
        "agreement, and leave out anything that could identify them.",
        cancel_url=pilot.get_absolute_url(),
    )


@require("innovation.edit")
def risk_edit(request, pk, rpk=None):
    pilot = get_pilot(request, pk)
    risk = get_visible_or_404(request.user, pilot.risks.all(), pk=rpk) if rpk else None
    form = RiskForm(request.POST or None, instance=risk)
    return web.form_view(
        request,
        form,
        lambda data: services.risk_save(pilot=pilot, risk=risk, **data),
        "Edit the risk" if risk else "Add a risk",
        success="Risk saved",
        redirect_to=pilot.get_absolute_url() + "#risks",
        breadcrumbs=pilot_crumbs(pilot),
        cancel_url=pilot.get_absolute_url(),
    )
