"""People, roles, organisation, restriction, audit, API tokens, attachments, imports and the
machinery's bookkeeping: the models (one module per subject, all importable from here)."""

from .base import Audited, Leased, Restrictable, RestrictableQuerySet
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
    "Restrictable",
    "RestrictableQuerySet",
    "ScheduledRun",
    "ServiceArea",
    "SubmissionToken",
    "Team",
    "User",
    "UserManager",
    "_attachment_path",
    "_import_path",
]
