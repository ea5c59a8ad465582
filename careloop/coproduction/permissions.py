"""Who may do what with coproduction. Participants' personal details (contact, access needs,
payments) are for the people who run coproduction, not for everyone who can see the work."""

from careloop.core.permissions import EVERYONE, LEADS, MANAGER, define

RUN = LEADS | {MANAGER}

define(
    "coproduction.view",
    EVERYONE,
    "See coproduction projects, groups, feedback windows and what people said",
)
define(
    "coproduction.edit",
    RUN,
    "Run coproduction projects: involvement, feedback windows, what people said and what changed",
)
define(
    "coproduction.participants",
    RUN,
    "See and manage participants' personal details, consent, access needs and payments",
)
define(
    "coproduction.publish",
    LEADS,
    "Publish and withdraw “You said, we did” statements, and set the feedback policy",
)
