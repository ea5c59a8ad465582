"""Use cases that write, for the assurance area (keyword-only, `<noun>_<verb>`)."""

from careloop.assurance.services.assessment import (
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
    evidence_accept_suggestions,
    evidence_add,
    evidence_confirm,
    evidence_delete,
    evidence_refresh,
    evidence_update,
)
from careloop.assurance.services.framework import (
    framework_copy,
    framework_ensure,
    framework_make_current,
    framework_record_save,
)
from careloop.assurance.services.peers import peer_page_import, peer_report_delete

__all__ = [
    "assessment_create",
    "assessment_sign_off",
    "assessment_update",
    "assessment_withdraw_sign_off",
    "evidence_accept_suggestions",
    "evidence_add",
    "evidence_confirm",
    "evidence_delete",
    "evidence_refresh",
    "evidence_update",
    "framework_copy",
    "framework_ensure",
    "framework_make_current",
    "framework_record_save",
    "peer_page_import",
    "peer_report_delete",
    "sentence_link",
    "statement_approve",
    "statement_draft",
    "statement_reopen",
    "statement_return",
    "statement_save",
    "statement_submit",
]
