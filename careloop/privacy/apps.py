from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data as the law asks (retention, subject access, erasure, redaction, who looked).

    Not yet an area of the navigation: it becomes one (`careloop_area`, as every area app has)
    with its first duty, so that leads are not shown an empty page."""

    name = "careloop.privacy"
    verbose_name = "Personal data"
