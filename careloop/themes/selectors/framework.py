"""The framework: its categories and themes, its versions, and whether it changed since the
classifier in use was built."""

from __future__ import annotations

from django.db.models import Count, Q

from careloop.themes.models import Category, FeedbackTheme, FrameworkVersion, ModelVersion, Theme


def framework_changed_since_model() -> bool:
    version = ModelVersion.active()
    current = sorted(Theme.objects.active().values_list("key", flat=True))
    return version is not None and sorted(version.theme_keys) != current


def framework_versions():
    return FrameworkVersion.objects.select_related("created_by")


def framework_categories():
    """Every category with its themes, and how many of them are in use (`active`)."""
    return Category.objects.prefetch_related("themes").annotate(
        active=Count("themes", filter=Q(themes__is_active=True))
    )


def latest_framework_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.order_by("-number").first()


def retired_themes():
    return Theme.objects.filter(is_active=False).select_related("category")


def theme_link_counts(theme: Theme) -> dict[str, int]:
    """How many feedback items have the theme, by status (suggested, confirmed)."""
    return dict(
        FeedbackTheme.objects.filter(theme=theme, counted=True)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )


def themes_in_use() -> list[Theme]:
    return list(Theme.objects.active().select_related("category"))
