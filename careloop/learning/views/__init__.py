"""Pages of Learn and act. One module per subject; the URLs name them all."""

from .actions import (  # noqa: F401
    action_complete,
    action_edit,
    action_evidence,
    action_index,
    action_new,
    action_progress,
    action_reopen,
    action_show,
    action_sign_off,
    evidence_remove,
    milestone_done,
    milestone_new,
)
from .common import index  # noqa: F401
from .reviews import (  # noqa: F401
    recommendation_edit,
    recommendation_new,
    review_document,
    review_edit,
    review_index,
    review_new,
    review_show,
)
