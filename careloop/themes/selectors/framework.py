"""The framework's versions, and whether it changed since the classifier in use was built."""

from __future__ import annotations

from careloop.themes.models import FrameworkVersion, ModelVersion, Theme


def framework_changed_since_model() -> bool:
    version = ModelVersion.active()
    current = sorted(Theme.objects.active().values_list("key", flat=True))
    return version is not None and sorted(version.theme_keys) != current


def framework_versions():
    return FrameworkVersion.objects.select_related("created_by")
