"""Who may do what in the assurance area (the CQC framework, evidence and self-assessment)."""

from careloop.core.permissions import ADMIN, EVERYONE, LEADS, MANAGER, define

define(
    "assurance.view",
    EVERYONE,
    "See the evidence library, self-assessments, CQC-format reports and peer comparison",
)
define(
    "assurance.edit",
    LEADS | {MANAGER},
    "Add evidence documents and links, confirm their tags, draft and edit self-assessments",
)
define(
    "assurance.approve",
    LEADS,
    "Approve or return quality statement self-assessments and sign off a self-assessment",
)
define(
    "assurance.manage",
    LEADS,
    "Start self-assessments, refresh the evidence library and import published CQC reports",
)
define("assurance.framework", {ADMIN}, "Edit the CQC assessment framework and its versions")
