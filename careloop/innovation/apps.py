from django.apps import AppConfig

from careloop.core.areas import Area


class InnovationConfig(AppConfig):
    name = "careloop.innovation"
    label = "innovation"
    verbose_name = "Innovation"
    default_auto_field = "django.db.models.BigAutoField"
    careloop_area = Area(
        label="Innovation",
        url_name="innovation:index",
        permission="innovation.view",
        order=500,
        my_work="careloop.innovation.selectors.my_work",
        headlines="careloop.innovation.selectors.headlines",
        evidence="careloop.innovation.evidence.facts",
        description="Pilots of new ways of working with honest evaluation, and what we learn "
        "from research, peer review and networks.",
    )
