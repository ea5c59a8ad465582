from django.apps import AppConfig

from careloop.core.areas import Area


class CoproductionConfig(AppConfig):
    name = "careloop.coproduction"
    verbose_name = "Coproduction"
    careloop_area = Area.standard(
        "coproduction",
        "Coproduction",
        600,
        description="Strategies, services and policies made with people with lived "
        "experience: who was involved at which stage, feedback windows, and “You said, we did”.",
    )
