"""What the coproduction pages share: the area's breadcrumb and the project a page is about."""

from __future__ import annotations

from collections.abc import Container

from django.http import HttpRequest

from careloop.core import web
from careloop.core.permissions import get_visible_or_404

from ..models import Project

INDEX = ("Coproduction", "/coproduction/")


def project_or_404(request: HttpRequest, pk: int) -> Project:
    return get_visible_or_404(request.user, Project.objects.select_related("lead", "team"), pk=pk)


def project_crumbs(project: Project) -> list[web.Crumb]:
    return web.crumbs(INDEX, (project.title, project.get_absolute_url()))


def chosen(request: HttpRequest, name: str, allowed: Container[str]) -> str:
    """A filter from the query string, if it is one of those allowed (else none)."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""
