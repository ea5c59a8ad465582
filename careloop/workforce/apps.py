from django.apps import AppConfig

from careloop.core.areas import Area, Derived


class WorkforceConfig(AppConfig):
    name = "careloop.workforce"
    verbose_name = "Workforce"
    careloop_area = Area.standard(
        "workforce",
        "Workforce",
        400,
        derived=(
            Derived(
                "workforce.course_figures",
                "Training figures on the actions courses answer",
                "careloop.workforce.services.training.course_figures_build",
                sources=("workforce.Completion", "workforce.Course"),
            ),
        ),
        description="The learning academy: training and compliance, supervision and My Time, "
        "professional registration and CPD.",
    )
