"""What every innovation page shares: finding the pilot and the breadcrumbs back to it."""

from __future__ import annotations

from django.http import HttpRequest

from careloop.core import web
from careloop.core.permissions import get_visible_or_404

from ..models import Pilot

INDEX = ("Innovation", "/innovation/")
EXTERNAL = ("External learning", "/innovation/external/")


def get_pilot(request: HttpRequest, pk: int) -> Pilot:
    return get_visible_or_404(request.user, Pilot.objects.select_related("lead", "team"), pk=pk)


def pilot_crumbs(pilot: Pilot | None = None, *more: web.Crumb) -> list[web.Crumb]:
    """The register, then the pilot (when there is one), then `more`."""
    if pilot is None:
        return web.crumbs(INDEX, *more)
    return web.crumbs(INDEX, (pilot.title, pilot.get_absolute_url()), *more)
