from django.apps import AppConfig

from careloop.core.areas import Area


class PrivacyConfig(AppConfig):
    name = "careloop.privacy"
    verbose_name = "Personal data"
    careloop_area = Area.standard(
        "privacy",
        "Personal data",
        900,
        description=(
            "Personal data as the law asks: retention, subject access, erasure, redaction "
            "and who looked."
        ),
        my_work="",
        headlines="",
        evidence="",
    )
