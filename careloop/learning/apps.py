from django.apps import AppConfig

from careloop.core.areas import Area


class LearningConfig(AppConfig):
    name = "careloop.learning"
    label = "learning"
    verbose_name = "Learn and act"
    default_auto_field = "django.db.models.BigAutoField"
    careloop_area = Area(
        label="Learn and act",
        url_name="learning:index",
        permission="learning.view",
        order=300,
        my_work="careloop.learning.selectors.my_work",
        headlines="careloop.learning.selectors.headlines",
        evidence="careloop.learning.evidence.facts",
        description="Reviews, recommendations and actions, quality assurance meetings, the "
        "Ombudsman, learning briefs and the measured impact of what changed.",
    )

    def ready(self) -> None:
        from careloop.learning import providers  # noqa: F401 - registers the built-in series
