"""Who may do what in Learn and act (reviews, actions, QA meetings, the Ombudsman, impact)."""

from careloop.core.permissions import EVERYONE, LEADS, MANAGER, QUALITY_LEAD, STAFF, define

define("learning.view", EVERYONE, "See reviews, actions, meetings, Ombudsman cases and impact")
define(
    "learning.view_restricted",
    LEADS,
    "See restricted reviews and cases (Safeguarding Adults Reviews, safeguarding detail)",
)
define("learning.manage_reviews", LEADS, "Record learning reviews and their recommendations")
define(
    "learning.manage_actions",
    LEADS | {MANAGER},
    "Create and edit actions, and update any action's progress",
)
define(
    "learning.update_actions",
    STAFF,
    "Update the progress of actions you own and add evidence to them",
)
define(
    "learning.sign_off",
    LEADS | {MANAGER},
    "Sign off the closure of someone else's action",
)
define("learning.manage_lgsco", LEADS, "Record Ombudsman cases, decisions, remedies and figures")
define("learning.manage_meetings", LEADS, "Run quality assurance meetings and record minutes")
define("learning.manage_impact", LEADS | {MANAGER}, "Link measures to actions and enter series")
define("learning.manage_briefs", {QUALITY_LEAD, *LEADS}, "Write and send learning briefs")
define("learning.acknowledge", STAFF, "Acknowledge reading a learning brief sent to you")
define("learning.report", EVERYONE, "Read the annual complaints report")
