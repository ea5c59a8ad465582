"""Use cases that write, for the assurance area (keyword-only, `<noun>_<verb>`); callers write
`from careloop.assurance import services; services.evidence_add(...)`. The `*_FIELDS` are
what a record's form may set, declared once here."""

from careloop.assurance.services.assessment import (
    ASSESSMENT_FIELDS,
    STATEMENT_FIELDS,
    assessment_create,
    assessment_sign_off,
    assessment_update,
    assessment_withdraw_sign_off,
    sentence_link,
    statement_approve,
    statement_draft,
    statement_reopen,
    statement_return,
    statement_save,
    statement_submit,
)
from careloop.assurance.services.evidence import (
    CONFIRM_FIELDS,
    evidence_accept_suggestions,
    evidence_add,
    evidence_confirm,
    evidence_delete,
    evidence_refresh,
    evidence_refresh_start,
    evidence_update,
)
from careloop.assurance.services.framework import (
    QUALITY_STATEMENT_FIELDS,
    SCORE_LEVEL_FIELDS,
    framework_copy,
    framework_ensure,
    framework_make_current,
    framework_record_save,
)
from careloop.assurance.services.peers import (
    MAX_PAGE_CHARS,
    peer_page_import,
    peer_report_delete,
    read_page,
)

__all__ = [
    "ASSESSMENT_FIELDS",
    "CONFIRM_FIELDS",
    "MAX_PAGE_CHARS",
    "QUALITY_STATEMENT_FIELDS",
    "SCORE_LEVEL_FIELDS",
    "STATEMENT_FIELDS",
    "assessment_create",
    "assessment_sign_off",
    "assessment_update",
    "assessment_withdraw_sign_off",
    "evidence_accept_suggestions",
    "evidence_add",
    "evidence_confirm",
    "evidence_delete",
    "evidence_refresh",
    "evidence_refresh_start",
    "evidence_update",
    "framework_copy",
    "framework_ensure",
    "framework_make_current",
    "framework_record_save",
    "peer_page_import",
    "peer_report_delete",
    "read_page",
    "sentence_link",
    "statement_approve",
    "statement_draft",
    "statement_reopen",
    "statement_return",
    "statement_save",
    "statement_submit",
]
