"""Who counts restricted feedback: people whose role may see it get counts with it."""

from __future__ import annotations

from careloop.core.permissions import can
from careloop.feedback.models import Feedback


def with_restricted(user) -> bool:
    return can(user, Feedback.restricted_perm)
