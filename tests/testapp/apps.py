from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A test-only app whose models exercise the core's generic machinery."""

    name = "tests.testapp"
    label = "testapp"
