from django.apps import AppConfig, apps
from django.db.models.signals import pre_save
from django.utils.module_loading import autodiscover_modules

from careloop.core.areas import Area


class CoreConfig(AppConfig):
    name = "careloop.core"
    label = "core"
    verbose_name = "careloop core"
    careloop_area = Area(
        label="Administration",
        url_name="core:admin_index",
        permission="core.manage_org",
        order=900,
        description="Organisation structure, user accounts and roles, and the audit trail.",
    )

    def ready(self) -> None:
        # imported here: they use the models, which are ready only now
        from careloop.core import audit, derived, services, signals  # noqa: F401 - sign-in handlers
        from careloop.core.models import Audited, Restrictable

        # Each app declares its permissions in <app>/permissions.py.
        autodiscover_modules("permissions")
        # Each app may declare importers for CSV/Excel files in <app>/importers.py.
        autodiscover_modules("importers")
        derived.connect()  # every area's derived figures follow single saves and deletes
        audit.connect(
            m for m in apps.get_models() if issubclass(m, Audited) and not m._meta.abstract
        )
        # Lifting a restriction needs a designation and a reason, whatever path saves it.
        for model in apps.get_models():
            if issubclass(model, Restrictable):
                pre_save.connect(
                    services.restriction_guard, sender=model, dispatch_uid=f"lift-{model._meta}"
                )
