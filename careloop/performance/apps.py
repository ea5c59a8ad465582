from django.apps import AppConfig

from careloop.core.areas import Area


class PerformanceConfig(AppConfig):
    name = "careloop.performance"
    verbose_name = "Performance"
    careloop_area = Area.standard(
        "performance",
        "Performance",
        250,
        description="Published outcomes beside similar councils, and where the council stands.",
        my_work="",
    )

    def ready(self) -> None:
        # imported here: the receivers use the models, which are loaded only once apps are ready
        from careloop.performance import receivers

        receivers.connect()
