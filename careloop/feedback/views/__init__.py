"""Pages of the feedback area (one module per group of pages)."""

from careloop.feedback.views.letters import letter_new
from careloop.feedback.views.public import public_done, public_equality, public_new
from careloop.feedback.views.records import (
    ACTIONS,
    EXPORT_COLUMNS,
    action,
    document_new,
    equality,
    export,
    figures,
)
from careloop.feedback.views.register import assign, delete, edit, index, new, note, show
from careloop.feedback.views.settings import (
    clock_edit,
    organisation_edit,
    settings_index,
    template_edit,
)

__all__ = [
    "ACTIONS",
    "EXPORT_COLUMNS",
    "action",
    "assign",
    "clock_edit",
    "delete",
    "document_new",
    "edit",
    "equality",
    "export",
    "figures",
    "index",
    "letter_new",
    "new",
    "note",
    "organisation_edit",
    "public_done",
    "public_equality",
    "public_new",
    "settings_index",
    "show",
    "template_edit",
]
