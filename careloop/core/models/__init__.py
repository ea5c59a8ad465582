"""People, roles, organisation, restriction, audit, API tokens, attachments, imports and the
machinery's bookkeeping: the models (one module per subject, all importable from here)."""

from .base import (
    Audited,
    Leased,
    Numbered,
    Restrictable,
    RestrictableQuerySet,
    Shown,
    empty_or_between,
    empty_or_not_before,
    optional_link,
    optional_person,
)
from .files import Attachment, ImportJob, ImportMapping, _attachment_path, _import_path
from .people import (
    ApiToken,
    AuditEntry,
    AuditEntryQuerySet,
    Directorate,
    ServiceArea,
    Team,
    User,
    UserManager,
)
from .runs import DerivedState, ScheduledRun, SubmissionToken

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditEntry",
    "AuditEntryQuerySet",
    "Audited",
    "DerivedState",
    "Directorate",
    "ImportJob",
    "ImportMapping",
    "Leased",
    "Numbered",
    "Restrictable",
    "RestrictableQuerySet",
    "ScheduledRun",
    "ServiceArea",
    "Shown",
    "SubmissionToken",
    "Team",
    "User",
    "UserManager",
    "_attachment_path",
    "empty_or_between",
    "empty_or_not_before",
    "optional_link",
    "optional_person",
    "_import_path",
]
