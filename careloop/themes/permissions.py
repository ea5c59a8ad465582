"""Who may do what with themes, trends and signals (see docs/ARCHITECTURE.md, Roles).

Counts, charts and signals are aggregates: everyone may see them, and restricted feedback
only counts for people who may see restricted feedback. Reading the comments behind a count
needs the same roles as the feedback register.
"""

from careloop.core.permissions import ADMIN, EVERYONE, LEADS, MANAGER, QUALITY_LEAD, STAFF, define

HANDLERS = {ADMIN, QUALITY_LEAD, MANAGER}

define("themes.view", EVERYONE, "See theme counts, trends, charts and signals (aggregates only)")
define("themes.view_comments", STAFF, "Read the comments behind theme counts and search them")
define("themes.review", HANDLERS, "Confirm, remove or add the themes and sentiment of feedback")
define("themes.flag", STAFF, "Flag comments as notable or wrongly themed")
define("themes.export", HANDLERS, "Export theme counts and the comments behind them")
define("themes.view_equality", LEADS, "Filter theme counts by equality group (aggregates only)")
define(
    "themes.manage_framework",
    LEADS,
    "Edit the theme framework (categories, themes, descriptions, examples); import and export it",
)
define(
    "themes.manage_models",
    LEADS,
    "Retrain the classifier, choose the model in use and reclassify feedback",
)
define(
    "themes.manage_charts",
    LEADS,
    "Set a chart's improvement direction, run lengths and baseline, and rebase it with a reason",
)
define("themes.subscribe", LEADS, "Subscribe to email alerts about new theme signals")
