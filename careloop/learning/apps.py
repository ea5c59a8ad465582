from django.apps import AppConfig

from careloop.core.areas import Area, Derived


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
        derived=(
            Derived(
                "learning.agendas",
                "Agendas of meetings still to come",
                "careloop.learning.services.meetings.agendas_build",
                sources=("learning.Action", "learning.Review", "learning.LgscoCase"),
                after=("themes.signals",),
            ),
        ),
        description="Reviews, recommendations and actions, quality assurance meetings, the "
        "Ombudsman, learning briefs and the measured impact of what changed.",
    )

    def ready(self) -> None:
        # imported here: models load only once the apps are ready
        from careloop.learning.selectors import provided

        provided.register()  # the series (and agenda items) this area provides
