from django.apps import AppConfig

from careloop.core.areas import Area, Derived


class LearningConfig(AppConfig):
    name = "careloop.learning"
    verbose_name = "Learn and act"
    careloop_area = Area.standard(
        "learning",
        "Learn and act",
        300,
        derived=(
            Derived(
                "learning.agendas",
                "Agendas of meetings still to come",
                "careloop.learning.services.meetings.agendas_build",
                sources=(
                    "learning.Action",
                    "learning.Review",
                    "learning.LgscoCase",
                    "performance.Figure",  # local indicators' signals (selectors/provided.py)
                ),
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
