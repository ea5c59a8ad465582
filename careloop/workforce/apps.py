from django.apps import AppConfig

from careloop.core.areas import Area


class WorkforceConfig(AppConfig):
    name = "careloop.workforce"
    verbose_name = "Workforce"
    careloop_area = Area.standard(
        "workforce",
        "Workforce",
        400,
        description="The learning academy: training and compliance, supervision and My Time, "
        "professional registration and CPD.",
    )
