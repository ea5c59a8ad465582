"""Use cases that write, for Learn and act. Other areas call these (never the models):

from careloop.learning.services import action_create, action_add_evidence
action = action_create(source=pilot, title="Roll out night support", owner=lead,
                       due=dt.date(2026, 9, 30), created_by=request.user)
action_add_evidence(action=action, user=lead, title="Completion report", file=upload,
                    figures=[{"label": "Staff trained", "value": 142, "out_of": 160}])
"""

from careloop.core.services import ServiceError

from .actions import (
    action_add_evidence,
    action_complete,
    action_create,
    action_record_progress,
    action_reopen,
    action_sign_off,
    action_update,
    evidence_remove,
    milestone_add,
    milestone_done,
)
from .reviews import (
    recommendation_add,
    recommendation_update,
    review_add_document,
    review_create,
    review_link_record,
    review_update,
)

__all__ = [
    "ServiceError",
    "action_add_evidence",
    "action_complete",
    "action_create",
    "action_record_progress",
    "action_reopen",
    "action_sign_off",
    "action_update",
    "evidence_remove",
    "milestone_add",
    "milestone_done",
    "recommendation_add",
    "recommendation_update",
    "review_add_document",
    "review_create",
    "review_link_record",
    "review_update",
]
