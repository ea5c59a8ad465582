"""Who may do what in the learning academy (training, supervision, registration, CPD).

Training compliance per team is seen by managers and leads; a person always sees their own
record. A supervision's private section is seen only by its supervisor, its supervisee and
the role holding `workforce.supervision_private` (the principal social worker's role).
"""

from careloop.core.permissions import EVERYONE, LEADS, MANAGER, QUALITY_LEAD, STAFF, define

RUN = LEADS | {MANAGER}

define("workforce.view", EVERYONE, "See the learning catalogue and workforce figures")
define("workforce.catalogue_edit", RUN, "Add and edit courses in the learning catalogue")
define("workforce.view_people", RUN, "See training compliance and records of people in teams")
define("workforce.record", STAFF, "Record training completions (your own; managers: their team)")
define("workforce.import", RUN, "Import training completions from a learning management system")
define("workforce.remind", RUN, "Send training reminders to people and their managers")
define("workforce.export", RUN, "Download training and supervision lists")
define("workforce.supervision", STAFF, "Record and read supervisions you take part in")
define(
    "workforce.supervision_all",
    LEADS,
    "Read every supervision record and policy (never the private sections)",
)
define(
    "workforce.supervision_private",
    {QUALITY_LEAD},
    "Read the private section of any supervision (principal social worker)",
)
define("workforce.policy_edit", LEADS, "Set the supervision policy for each career stage")
define("workforce.registration", STAFF, "Record your professional registration and CPD")
define(
    "workforce.practice",
    STAFF,
    "See and record reflective practice sessions and quality circles, and give peer feedback",
)
define("workforce.audit", RUN, "Audit case files against a standard and see audit themes")
define("workforce.standard_edit", LEADS, "Set up practice audit standards and their questions")
define("workforce.pathway_apply", STAFF, "Apply for a development pathway (BIA, AMHP, …)")
define(
    "workforce.pathway_decide", RUN, "Approve development pathway applications and record progress"
)
