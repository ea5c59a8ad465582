from django.apps import AppConfig

from careloop.core.areas import Area


class CoproductionConfig(AppConfig):
    name = "careloop.coproduction"
    label = "coproduction"
    verbose_name = "Coproduction"
    default_auto_field = "django.db.models.BigAutoField"
    careloop_area = Area(
        label="Coproduction",
        url_name="coproduction:index",
        permission="coproduction.view",
        order=600,
        my_work="careloop.coproduction.selectors.my_work",
        headlines="careloop.coproduction.selectors.headlines",
        evidence="careloop.coproduction.evidence.facts",
        description="Strategies, services and policies made with people with lived "
        "experience: who was involved at which stage, feedback windows, and “You said, we did”.",
    )
