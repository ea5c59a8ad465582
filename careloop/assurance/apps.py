from django.apps import AppConfig

from careloop.core.areas import Area


class AssuranceConfig(AppConfig):
    name = "careloop.assurance"
    label = "assurance"
    verbose_name = "Assurance (CQC)"
    careloop_area = Area(
        label="Assurance",
        url_name="assurance:index",
        permission="assurance.view",
        order=700,
        my_work="careloop.assurance.selectors.my_work",
        headlines="careloop.assurance.selectors.headlines",
        description="The CQC evidence library, the self-assessment with its scores and rating, "
        "reports in CQC's format and comparison with other councils.",
    )
