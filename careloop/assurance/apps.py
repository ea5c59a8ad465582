from django.apps import AppConfig

from careloop.core.areas import Area


class AssuranceConfig(AppConfig):
    name = "careloop.assurance"
    verbose_name = "Assurance (CQC)"
    careloop_area = Area.standard(
        "assurance",
        "Assurance",
        700,
        description="The CQC evidence library, the self-assessment with its scores and rating, "
        "reports in CQC's format and comparison with other councils.",
        evidence="",
    )
