"""Actions arising from records of any area: which records can be sources, and their actions.

A model is a source of actions when it declares ``action_source_permission``: the permission
(on top of ``learning.manage_actions``) that a person needs on the record to raise an action
from it, e.g. ``Pilot.action_source_permission = "innovation.edit"``. Other areas link to
``learning:action_raise`` with ``?source=<key>`` and show ``{% raised_actions record %}``
(template tag library ``learning_actions``); nothing else of the learning area is theirs to call.
"""

from __future__ import annotations

from django.apps import apps
from django.http import Http404

from careloop.core.permissions import can, get_visible_or_404
from careloop.learning.models import Action


def source_key(record) -> str:
    """``app_label.model_name:pk``, the way a source is named in a URL."""
    meta = record._meta
    return f"{meta.app_label}.{meta.model_name}:{record.pk}"


def source_from_key(user, key: str):
    """The source record a key names, if it is a source of actions that `user` may see."""
    try:
        label, pk = key.split(":", 1)
        model = apps.get_model(label)
        pk_value = int(pk)
    except (LookupError, ValueError):
        raise Http404 from None
    if not getattr(model, "action_source_permission", ""):
        raise Http404
    return get_visible_or_404(user, model._default_manager.all(), pk=pk_value)


def may_raise_from(user, record) -> bool:
    """Whether `user` may raise an action from `record`."""
    permission = getattr(record, "action_source_permission", "")
    return (
        bool(permission) and can(user, "learning.manage_actions") and can(user, permission, record)
    )


def actions_for(record, user=None) -> list[Action]:
    """Actions raised from `record` (only those `user` may see, given a user)."""
    qs = Action.objects.for_source(record).select_related("owner").order_by("due_on", "id")
    if user is not None:
        qs = qs.visible_to(user)
    return list(qs)
