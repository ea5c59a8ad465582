"""The one permission layer: every page, API endpoint and task asks `can()`.

A permission is a dotted name ("feedback.view") granted to a set of roles. Each app declares
its permissions in its own `permissions.py` with `define()`; the core loads them at start-up.
Records that can be restricted (safeguarding detail, say) are seen only by the roles named in
the model's `restricted_perm`, and by the people named on the record.

Unknown permission names fail closed: asking for one raises, so a typo cannot open a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.http import Http404
from rest_framework.permissions import BasePermission


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    QUALITY_LEAD = "quality_lead", "Quality lead"
    MANAGER = "manager", "Manager"
    PRACTITIONER = "practitioner", "Practitioner"
    VIEWER = "viewer", "Viewer"


ADMIN, QUALITY_LEAD, MANAGER, PRACTITIONER, VIEWER = Role
EVERYONE = frozenset(Role)
STAFF = frozenset({ADMIN, QUALITY_LEAD, MANAGER, PRACTITIONER})
LEADS = frozenset({ADMIN, QUALITY_LEAD})


@dataclass(frozen=True)
class Permission:
    name: str
    roles: frozenset[Role]
    description: str


_REGISTRY: dict[str, Permission] = {}


def define(name: str, roles: Iterable[Role], description: str) -> Permission:
    """Declare a permission. Declaring the same name twice with other roles is an error."""
    perm = Permission(name, frozenset(Role(r) for r in roles), description)
    existing = _REGISTRY.get(name)
    if existing and existing != perm:
        raise ImproperlyConfigured(f"Permission {name!r} is defined twice with different roles")
    _REGISTRY[name] = perm
    return perm


def registry() -> dict[str, Permission]:
    return dict(sorted(_REGISTRY.items()))


def roles_for(name: str) -> frozenset[Role]:
    try:
        return _REGISTRY[name].roles
    except KeyError:
        raise ImproperlyConfigured(f"Unknown permission {name!r}") from None


def user_role(user) -> Role | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Role(user.role) if user.role else None


def can(user, name: str, obj: models.Model | None = None) -> bool:
    """Whether `user` holds permission `name` (and, given a record, may see that record)."""
    allowed = roles_for(name)
    role = user_role(user)
    if role is None or role not in allowed:
        return False
    return obj is None or can_see(user, obj)


def can_see(user, obj: models.Model) -> bool:
    """Whether the record's restriction lets `user` see it (unrestricted records: yes)."""
    check = getattr(obj, "is_visible_to", None)
    return True if check is None else bool(check(user))


# --- Views ------------------------------------------------------------------------------------
def require(name: str) -> Callable:
    """View decorator: 403 unless the signed-in user holds the permission.

    Signing in is already required for every page by LoginRequiredMiddleware.
    """

    roles_for(name)  # fail at import time on an unknown name

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, name):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.careloop_permission = name
        return wrapped

    return decorator


def get_visible_or_404(user, queryset, **lookup):
    """The record matching `lookup` if it exists and `user` may see it; otherwise 404.

    A restricted record the user may not see answers 404, not 403, so that its existence
    does not leak.
    """
    qs = queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


# --- API --------------------------------------------------------------------------------------
class RolePermission(BasePermission):
    """DRF permission: the view names its permission per HTTP method in `permissions`.

    e.g. ``permissions = {"GET": "feedback.view", "POST": "feedback.create"}``; a method with
    no entry is refused. Records are then checked against their restriction.
    """

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        mapping = getattr(view, "permissions", None)
        if mapping is None:
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        name = mapping.get(method)
        return bool(name) and can(request.user, name)

    def has_object_permission(self, request, view, obj) -> bool:
        return can_see(request.user, obj)


# --- The core's own permissions ----------------------------------------------------------------
define("core.home", EVERYONE, "See the home page and my work")
define("core.api", EVERYONE, "Use the API and read its documentation")
define("core.manage_org", {ADMIN}, "Edit directorates, service areas and teams")
define("core.view_org", EVERYONE, "See the organisation structure")
define("core.manage_users", {ADMIN}, "Create and edit user accounts and roles")
define("core.view_audit", LEADS, "Read the audit trail of the whole system")
define("core.view_restricted", LEADS, "See records marked restricted")
define("core.api_tokens", STAFF, "Create and revoke personal API tokens")
