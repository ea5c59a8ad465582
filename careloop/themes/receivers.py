"""Keeping the themes area in step with feedback, without the feedback app knowing about it.

When feedback is saved, its id is noted; when the transaction commits, one background task
classifies the new items and brings the copies of changed ones (and their counts) up to date.
Feedback deleted outright leaves the counts at once; when equality monitoring answers are
given, changed or removed, the item's counts move between equality groups at once. Imports
write in bulk, which sends no save signals: the import engine says what it wrote
(core/derived.py), and the derived figure "themes.classified" classifies the new feedback,
before the counts and signals are built again.
Anything else missed is caught by the hourly sweep and the nightly rebuild (tasks.py).

The default adult social care framework is installed after `migrate` when there is none.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save

from careloop.core import audit
from careloop.themes import tasks
from careloop.themes.aggregates import groups_of
from careloop.themes.services.classify import equality_moved, forget
from careloop.themes.services.framework import framework_install_default

log = logging.getLogger("careloop.themes")
_pending = threading.local()


def _feedback_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(instance.pk)
    transaction.on_commit(_flush)


def _flush():
    ids, _pending.ids = getattr(_pending, "ids", None), None
    if not ids:
        return
    try:
        tasks.sync_feedback.enqueue(feedback_ids=sorted(ids))
    except Exception:  # the hourly sweep will pick these up
        log.exception("could not queue theme classification for %s item(s)", len(ids))


def _feedback_deleted(sender, instance, **kwargs):
    forget(instance)  # with its equality groups: the answers go with it (see below)


def _equality_saving(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._groups_before = groups_of(old) if old else []


def _equality_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, "_groups_before", [])
    equality_moved(feedback_id=instance.feedback_id, old=old, new=groups_of(instance))


def _equality_deleted(sender, instance, origin=None, **kwargs):
    source = origin.model if isinstance(origin, QuerySet) else type(origin)
    if getattr(source, "_meta", None) and source._meta.label == "feedback.Feedback":
        return  # the feedback itself is being deleted: forget() took out its groups too
    equality_moved(feedback_id=instance.feedback_id, old=groups_of(instance), new=[])


def _install_framework(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "themes":
        return
    with audit.acting_as(None, "system"):
        framework_install_default()


def connect() -> None:
    post_save.connect(_feedback_saved, sender="feedback.Feedback", dispatch_uid="themes-sync")
    pre_delete.connect(_feedback_deleted, sender="feedback.Feedback", dispatch_uid="themes-forget")
    equality = "feedback.EqualityMonitoring"
    pre_save.connect(_equality_saving, sender=equality, dispatch_uid="themes-equality-before")
    post_save.connect(_equality_saved, sender=equality, dispatch_uid="themes-equality")
    post_delete.connect(_equality_deleted, sender=equality, dispatch_uid="themes-equality-gone")
    post_migrate.connect(_install_framework, dispatch_uid="themes-default-framework")
