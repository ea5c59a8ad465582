"""Reads for Learn and act: lists, dashboards, my work, headline figures (one module per
subject; `report` builds the annual complaints report, `provided` the series this area
provides)."""

from .actions import ACTION_SORTS, action_counts, actions, awaiting_my_sign_off
from .briefs import visible_briefs
from .lgsco import (
    lgsco_cases,
    lgsco_rate_rows,
    referrals_untracked,
    remedies_due,
    tracker_figures,
)
from .meetings import agenda_sections, meeting_people, next_meeting
from .reviews import recommendation_for, recommendations_of, reviews
from .sources import actions_for, may_raise_from, source_from_key, source_key
from .work import headlines, my_work

__all__ = [
    "ACTION_SORTS",
    "action_counts",
    "actions",
    "actions_for",
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
    "tracker_figures",
    "visible_briefs",
]
