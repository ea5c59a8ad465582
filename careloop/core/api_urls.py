"""/api/v1/: the core's endpoints, then every app's: an app whose `api` module has
`register(router)` adds its viewsets there, and `urlpatterns` (a list) adds any other paths."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from careloop.core import api


class RootView(APIRootView):
    permissions = {"GET": "core.api"}


class SchemaView(SpectacularAPIView):
    permissions = {"GET": "core.api"}


class DocsView(SpectacularSwaggerSplitView):
    permissions = {"GET": "core.api"}


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("directorates", api.DirectorateViewSet)
router.register("service-areas", api.ServiceAreaViewSet)
router.register("teams", api.TeamViewSet)
router.register("users", api.UserViewSet)

extra: list[URLPattern | URLResolver] = []
for config in apps.get_app_configs():
    own = config.name.startswith("careloop.") and config.name != "careloop.core"
    if own and find_spec(f"{config.name}.api"):
        module = import_module(f"{config.name}.api")
        if hasattr(module, "register"):
            module.register(router)
        extra += getattr(module, "urlpatterns", [])


def _api_authenticates_itself(patterns):
    """The API answers 401 with a reason rather than redirecting to the sign-in page, and
    accepts tokens, which LoginRequiredMiddleware (running before DRF) cannot see."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _api_authenticates_itself(pattern.url_patterns)
        else:
            pattern.callback.login_required = False
    return patterns


urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    *extra,
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
_api_authenticates_itself(urlpatterns)
