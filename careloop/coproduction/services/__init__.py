"""Use cases that write: groups, participants (consent, erasure, payments), projects and who
was involved at which stage, feedback windows, what people said and what changed, and
"You said, we did" statements. Keyword-only; every write is audited. They refuse with
`ServiceError`, naming the field a refusal is about.

Each record's editable fields are declared once here (`PROJECT_FIELDS`, ...): the forms and
the API's serializers use them, and the services set only those."""

from careloop.core.services import ServiceError

from .feedback import (
    CONTRIBUTION_FIELDS,
    POLICY_FIELDS,
    WINDOW_FIELDS,
    contribution_save,
    policy_update,
    reminders_send,
    window_check,
    window_save,
)
from .participants import (
    GROUP_CONTACT_FIELDS,
    GROUP_FIELDS,
    PARTICIPANT_FIELDS,
    PAYMENT_FIELDS,
    group_save,
    participant_erase,
    participant_save,
    participant_withdraw_consent,
    payment_save,
)
from .projects import (
    INVOLVEMENT_FIELDS,
    PROJECT_FIELDS,
    involvement_delete,
    involvement_save,
    project_save,
)
from .statements import (
    STATEMENT_FIELDS,
    TEXT_FIELDS,
    personal_details_in,
    statement_publish,
    statement_save,
    statement_withdraw,
)

__all__ = [
    "CONTRIBUTION_FIELDS",
    "GROUP_CONTACT_FIELDS",
    "GROUP_FIELDS",
    "INVOLVEMENT_FIELDS",
    "PARTICIPANT_FIELDS",
    "PAYMENT_FIELDS",
    "POLICY_FIELDS",
    "PROJECT_FIELDS",
    "STATEMENT_FIELDS",
    "TEXT_FIELDS",
    "WINDOW_FIELDS",
    "ServiceError",
    "contribution_save",
    "group_save",
    "involvement_delete",
    "involvement_save",
    "participant_erase",
    "participant_save",
    "participant_withdraw_consent",
    "payment_save",
    "personal_details_in",
    "policy_update",
    "project_save",
    "reminders_send",
    "statement_publish",
    "statement_save",
    "statement_withdraw",
    "window_check",
    "window_save",
]
