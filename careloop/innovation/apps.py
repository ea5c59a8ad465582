from django.apps import AppConfig

from careloop.core.areas import Area


class InnovationConfig(AppConfig):
    name = "careloop.innovation"
    verbose_name = "Innovation"
    careloop_area = Area.standard(
        "innovation",
        "Innovation",
        500,
        description="Pilots of new ways of working with honest evaluation, and what we learn "
        "from research, peer review and networks.",
    )
