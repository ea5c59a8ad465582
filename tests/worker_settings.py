"""Settings for tests that run a real `careloop worker` in a subprocess: the test settings
with the database task queue (DATABASE_URL, CARELOOP_DATA_DIR and the lease come from the
environment the test sets)."""

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
CARELOOP_THEMES_ENGINE = "tests.testapp.engines.SlowKeywordEngine"
