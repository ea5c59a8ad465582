from django.apps import AppConfig

from careloop.core.areas import Area


class ThemesConfig(AppConfig):
    name = "careloop.themes"
    verbose_name = "Themes and trends"
    careloop_area = Area.standard(
        "themes",
        "Themes",
        200,
        description="The themes in every piece of feedback, found automatically and confirmed "
        "by people, with trends and the changes that are real.",
    )

    def ready(self) -> None:
        # imported here: the receivers use the models, which are loaded only once apps are ready
        from careloop.themes import receivers

        receivers.connect()
