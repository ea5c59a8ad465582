from django.apps import AppConfig

from careloop.core.areas import Area, Derived


class WorkforceConfig(AppConfig):
    name = "careloop.workforce"
    label = "workforce"
    verbose_name = "Workforce"
    default_auto_field = "django.db.models.BigAutoField"
    careloop_area = Area(
        label="Workforce",
        url_name="workforce:index",
        permission="workforce.view",
        order=400,
        my_work="careloop.workforce.selectors.my_work",
        headlines="careloop.workforce.selectors.headlines",
        evidence="careloop.workforce.evidence.facts",
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
