"""Who may do what with pilots, their measures and evaluations, and external learning."""

from careloop.core.permissions import EVERYONE, LEADS, MANAGER, STAFF, define

RUN = LEADS | {MANAGER}

define(
    "innovation.view", EVERYONE, "See pilots, their measures and evaluations, and external learning"
)
define("innovation.edit", RUN, "Propose and edit pilots, their measures, risks and evaluations")
define("innovation.record", STAFF, "Enter a pilot's measures and add people's stories")
define(
    "innovation.approve",
    LEADS,
    "Approve a proposed pilot and record scale, adapt or stop decisions",
)
define(
    "innovation.external_edit",
    RUN,
    "Add and edit external learning (research, peer review, networks)",
)
