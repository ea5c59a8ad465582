"""Signal receivers of the performance area: the shipped measure definitions are put back
after every migrate and flush (as themes puts back its default framework), so a database
emptied by `flush` still knows the seven published measures."""

from __future__ import annotations

from django.db.models.signals import post_migrate

from careloop.core import audit
from careloop.performance.services import measures_install_shipped


def _install_shipped(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.label == "performance":
        with audit.acting_as(None, "system"):
            measures_install_shipped()


def connect() -> None:
    post_migrate.connect(_install_shipped, dispatch_uid="performance-shipped-measures")
