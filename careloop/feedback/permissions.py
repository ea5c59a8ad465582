"""Who may do what with feedback (see docs/ARCHITECTURE.md, Roles)."""

from careloop.core.permissions import ADMIN, EVERYONE, LEADS, MANAGER, QUALITY_LEAD, STAFF, define

HANDLERS = {ADMIN, QUALITY_LEAD, MANAGER}

define("feedback.view_figures", EVERYONE, "See feedback figures (counts and aggregates only)")
define("feedback.view", STAFF, "See the feedback register and its records")
define("feedback.create", STAFF, "Record new feedback")
define("feedback.edit", HANDLERS, "Edit feedback records")
define("feedback.note", STAFF, "Add notes to feedback records")
define("feedback.assign", HANDLERS, "Assign and reassign feedback")
define(
    "feedback.handle_complaint",
    LEADS,
    "Run the complaint clock: acknowledge, revise the response period, record the outcome, "
    "refer to the Ombudsman, send letters",
)
define("feedback.delete", LEADS, "Delete feedback (soft delete, with a reason)")
define("feedback.view_restricted", LEADS, "See feedback records marked restricted")
define("feedback.import", LEADS, "Import feedback from CSV or Excel files")
define("feedback.export", HANDLERS, "Export the feedback list to CSV or Excel")
define(
    "feedback.manage_settings",
    LEADS,
    "Edit letter templates, complaint clock settings, organisations and providers",
)
define("feedback.view_equality", LEADS, "See equality monitoring figures (aggregates only)")
