"""Who counts restricted feedback: people whose role may see it get counts with it."""

from __future__ import annotations

from careloop.themes.models.signals import sees_restricted


def with_restricted(user) -> bool:
    """Whether the person's counts (and signals) include restricted feedback."""
    return sees_restricted(user)
