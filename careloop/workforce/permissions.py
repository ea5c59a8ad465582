"""Who may do what in the learning academy (training, supervision, registration, CPD).

Training compliance per team is seen by managers and leads; a person always sees their own
record. Who may read a supervision, and its private section, is declared here for the one
access module (`careloop.core.access`): the private section is read only by its supervisor,
its supervisee and the person designated principal social worker, and the page's promise is
generated from that same rule.
"""

from django.db.models import Q

from careloop.core import access
from careloop.core.permissions import EVERYONE, LEADS, MANAGER, STAFF, can, define

from .models.people import manager_q

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


# --- Who may read a supervision, and its private section ----------------------------------------
def _sessions(user):
    """Leads and the principal social worker read every supervision; others the ones they
    took part in and their reports'."""
    if can(user, "workforce.supervision_all") or access.holds(user, access.PSW):
        return True
    if not can(user, "workforce.supervision"):
        return False
    return Q(supervisor=user) | Q(supervisee=user) | manager_q(user, "supervisee__")


def _private(user, session) -> bool:
    """The two people in the room and the principal social worker; nobody else."""
    if user.pk in (session.supervisor_id, session.supervisee_id):
        return can(user, "workforce.supervision")
    return access.holds(user, access.PSW)


def _private_readers(session) -> list[str]:
    return [
        f"{session.supervisee} (supervisee)",
        f"{session.supervisor} (supervisor)",
        access.designation_words(access.PSW),
    ]


def _private_rows(user):
    if access.holds(user, access.PSW):
        return True
    if not can(user, "workforce.supervision"):
        return False
    return Q(supervisor=user) | Q(supervisee=user)


access.register("workforce.supervisionsession", access.Rule(_sessions))
access.register(
    "workforce.supervisionsession",
    access.Rule(_private_rows, _private, _private_readers),
    part="private",
)
