"""Reads for Learn and act: lists, dashboards, my work, headline figures."""

from .actions import (
    ACTION_SORTS,
    action_counts,
    actions,
    awaiting_my_sign_off,
    recommendation_for,
    recommendations_of,
    reviews,
)
from .other import (
    agenda_sections,
    lgsco_cases,
    lgsco_rate_rows,
    meeting_people,
    next_meeting,
    referrals_untracked,
    remedies_due,
)
from .sources import actions_for, may_raise_from, source_from_key, source_key
from .work import headlines, my_work

__all__ = [
    "ACTION_SORTS",
    "action_counts",
    "actions_for",
    "actions",
    "agenda_sections",
    "awaiting_my_sign_off",
    "headlines",
    "lgsco_cases",
    "lgsco_rate_rows",
    "may_raise_from",
    "meeting_people",
    "my_work",
    "next_meeting",
    "recommendation_for",
    "recommendations_of",
    "referrals_untracked",
    "remedies_due",
    "reviews",
    "source_from_key",
    "source_key",
]
