"""Actions arising from pilots, coproduction and external learning.

The learning area (careloop.learning) owns actions: owned, dated pieces of work followed up
at quality assurance meetings. Innovation and coproduction records can be the *source* of
actions; this module is the one place they reach the learning area, so that pages work
(saying where actions live) whether or not that area is installed.
"""

from __future__ import annotations

from django.apps import apps


def available() -> bool:
    return apps.is_installed("careloop.learning")


def actions_for(record) -> list:
    """Actions whose source is `record`, oldest first (empty without the learning area)."""
    if not available():
        return []
    from careloop.learning.models import Action

    return list(Action.objects.for_source(record))


def action_raise(*, source, title: str, owner, due, user, description: str = ""):
    """Raise an action from `source` in the learning area's action tracker."""
    if not available():
        from careloop.core.services import ServiceError

        raise ServiceError("Actions are tracked in the Learning area, which is not installed.")
    from careloop.learning import services

    return services.action_create(
        source=source, title=title, owner=owner, due=due, user=user, description=description
    )
