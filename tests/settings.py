"""Test settings: the product's settings with fast, offline edges."""

from careloop.settings import *  # noqa: F403

# Tasks run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
# Hashing with argon2 is deliberately slow; tests check it is configured (test_accounts).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Browser tests talk plain HTTP to the live server.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

# The keyword stand-in classifier keeps tests fast; tests of the real engine choose it.
CARELOOP_THEMES_ENGINE = "careloop.themes.classification.KeywordEngine"
