"""The leak test's world, built once per module: eight people (five roles and three
designations) and five records, each carrying a marker that must reach only its readers.

Besides the records themselves, the world holds what copies their words elsewhere: an overdue
restricted action (so that it is on a QA meeting's agenda and in reminders and escalations), a
meeting with its agenda built, the evidence library refreshed from every area, and a
self-assessment drafted from that library."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from careloop.core import access, workdays
from careloop.core.imports import engine, get_importer
from careloop.core.permissions import Role
from careloop.feedback.models import Feedback
from tests.factories import TeamFactory, UserFactory
from tests.feedback.factories import make_feedback
from tests.learning import factories as learning
from tests.workforce.factories import StaffProfileFactory

COMPLAINT = "MARKER-RESTRICTED-COMPLAINT-7Q2"
SAFEGUARD = "MARKER-SAFEGUARDING-FEEDBACK-K9"
ACTION = "MARKER-RESTRICTED-ACTION-Z4"
PRIVATE = "MARKER-PRIVATE-SUPERVISION-W8"
DELETED = "MARKER-DELETED-COMPLAINT-B3"
MARKERS = (COMPLAINT, SAFEGUARD, ACTION, PRIVATE, DELETED)

# Who the rule lets read each record (people by the names below). The designations are given
# to managers so that it is the designation, not the role, that counts.
READERS = {
    COMPLAINT: {"admin", "quality_lead", "complaints_manager", "dpo"},
    SAFEGUARD: {"admin", "quality_lead", "complaints_manager", "dpo"},
    ACTION: {"admin", "quality_lead", "dpo"},
    PRIVATE: {"manager", "practitioner", "psw"},
    DELETED: set(),
}
PEOPLE = [
    "admin",
    "quality_lead",
    "manager",
    "practitioner",
    "viewer",
    "psw",
    "complaints_manager",
    "dpo",
]


def build() -> tuple[dict, dict, object]:
    """The people, the records by kind, and the supervision session."""
    # imported here: these areas' services need the apps loaded (the module is collected first)
    from careloop.assurance import services as assurance
    from careloop.feedback import services as feedback_services
    from careloop.feedback.models import LetterTemplate
    from careloop.learning import services as learning_services
    from careloop.themes import services as themes
    from careloop.workforce import services as workforce

    today = dt.date.today()
    team = TeamFactory(name="North Locality Team")
    people = {
        role.value: UserFactory(
            email=f"{role.value}@northshire.example",
            full_name=f"{role.label} Person",
            role=role.value,
            team=team,
        )
        for role in Role
    }
    team.manager = people["manager"]
    team.save()
    for name, designation in (
        ("psw", access.PSW),
        ("complaints_manager", access.COMPLAINTS_MANAGER),
        ("dpo", access.DPO),
    ):
        people[name] = UserFactory(
            email=f"{name}@northshire.example",
            role="manager",
            team=team,
            designations=[str(designation)],
        )
    lead = people["quality_lead"]
    complaint = make_feedback(
        user=lead,
        summary=f"{COMPLAINT} summary",
        text=f"{COMPLAINT} what the person said",
        owner=lead,
        is_restricted=True,
        restriction_reason="Safeguarding enquiry open",
    )
    safeguarding = make_feedback(
        user=lead,
        kind=Feedback.Kind.COMMENT,
        summary=f"{SAFEGUARD} summary",
        text=f"{SAFEGUARD} concern raised",
        owner=lead,
        is_restricted=True,
        restriction_reason="Safeguarding",
    )
    deleted = make_feedback(user=lead, summary=f"{DELETED} summary", text=f"{DELETED} text")
    Feedback.all_objects.filter(pk=deleted.pk).update(is_deleted=True)
    # Overdue long enough to be escalated to the owner's team manager, and on the agenda.
    due = workdays.add_working_days(today, -10)
    action = learning.action(
        lead,
        title=f"{ACTION} title",
        start=due - dt.timedelta(days=60),
        due=due,
        is_restricted=True,
        restriction_reason="Staff matter",
        team=team,
    )
    for person in (people["manager"], people["practitioner"]):
        StaffProfileFactory(user=person)
    session = workforce.supervision_record(
        user=people["manager"],
        supervisee=people["practitioner"],
        supervisor=people["manager"],
        held_on=today,
        kind="my_time",
        agreed_actions="Agreed: a quiet week.",
        private_text=f"{PRIVATE} wellbeing disclosure",
    )
    series = learning_services.series_save(
        name="Quality assurance board", members=list(people.values())
    )
    meeting = learning_services.meeting_schedule(
        series=series, held_on=workdays.add_working_days(today, 5)
    )
    feedback_services.ensure_default_templates()
    letter = feedback_services.letter_create(
        feedback=complaint,
        template=LetterTemplate.objects.first(),
        text=f"Dear Sir or Madam,\n\nAbout {COMPLAINT}: we are looking into it.",
        user=lead,
    )
    imported = engine.create_job(
        importer=get_importer("feedback"),
        upload=SimpleUploadedFile(
            "complaints.csv",
            f"ID,Date received,Complaint details\nL-1,02/03/2026,{COMPLAINT} log\n".encode(),
        ),
        source="Legacy complaints log",
        user=lead,
    )
    engine.run(imported)
    assert Feedback.objects.filter(external_ref="L-1").exists(), imported.message
    # Restricted once imported: the job's page and its row report are a way out too.
    Feedback.objects.filter(external_ref="L-1").update(
        is_restricted=True, restriction_reason="Safeguarding", owner=lead
    )
    run = themes.reclassify_start(user=lead, scope="unreviewed")  # a job page
    run.refresh_from_db()
    assert run.status == run.Status.DONE, run.message
    assurance.evidence_refresh(user=None)
    assessment = assurance.assessment_create(title="Self-assessment", as_at=today, user=lead)
    records = {
        "complaint": complaint,
        "safeguarding": safeguarding,
        "deleted": deleted,
        "action": action,
        "meeting": meeting,
        "letter": letter,
        "run": run,
        "import": imported,
        "assessment": assessment,
    }
    return people, records, session
