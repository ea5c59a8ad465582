"""Values every page template needs: the council, the navigation, the signed-in user's role."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from careloop.core.areas import navigation
from careloop.core.permissions import can


def careloop(request):
    user = getattr(request, "user", None) or AnonymousUser()  # absent on early errors (400)
    signed_in = user.is_authenticated
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "council_website": settings.COUNCIL_WEBSITE,
        "service_name": settings.SERVICE_NAME,
        "phase": settings.PHASE,
        "support_email": settings.SUPPORT_EMAIL,
        "oidc_enabled": settings.OIDC_ENABLED,
        "service_navigation": navigation(user, request.path) if signed_in else [],
        "perms_for": PermChecker(user),
    }


class PermChecker:
    """In templates: {% if perms_for.feedback__edit %} asks can(user, "feedback.edit")."""

    def __init__(self, user):
        self.user = user

    def __getattr__(self, item: str) -> bool:
        if item.startswith("_"):
            raise AttributeError(item)
        return can(self.user, item.replace("__", ".", 1))
