"""Pages: coproduction projects and who was involved at which stage, feedback windows, what
people said, groups and participants, and "You said, we did" (staff and public pages)."""

from .feedback import contribution_edit, policy_edit, window_edit
from .participants import (
    group_edit,
    group_index,
    group_show,
    participant_consent,
    participant_edit,
    participant_index,
    participant_show,
    payment_edit,
)
from .projects import index, involvement_delete, involvement_edit, project_edit, project_show
from .public import public_index, public_show
from .statements import statement_edit, statement_index, statement_publish, statement_show

__all__ = [
    "contribution_edit",
    "group_edit",
    "group_index",
    "group_show",
    "index",
    "involvement_delete",
    "involvement_edit",
    "participant_consent",
    "participant_edit",
    "participant_index",
    "participant_show",
    "payment_edit",
    "policy_edit",
    "project_edit",
    "project_show",
    "public_index",
    "public_show",
    "statement_edit",
    "statement_index",
    "statement_publish",
    "statement_show",
    "window_edit",
]
