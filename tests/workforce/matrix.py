"""Permission matrix rows for the workforce area (see tests/matrix.py for the format)."""

from tests.factories import UserFactory
from tests.matrix import Row
from tests.workforce.factories import (
    CompletionFactory,
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    StaffProfileFactory,
    private_note,
)

EVERYONE = "200 200 200 200 200 302"
STAFF = "200 200 200 200 403 302"
RUN = "200 200 200 403 403 302"
LEADS = "200 200 403 403 403 302"
API_EVERYONE = "200 200 200 200 200 401"
API_STAFF = "200 200 200 200 403 401"
PRIVATE = "Zanzibar wellbeing matter kept private"


def setup(world):
    users = world.users
    for role in ("manager", "practitioner"):
        StaffProfileFactory(user=users[role])
    world.wf_course = CourseFactory(title="Matrix safeguarding adults")
    world.wf_completion = CompletionFactory(person=users["practitioner"], course=world.wf_course)
    world.wf_registration = RegistrationFactory(person=users["practitioner"])
    world.wf_session = SessionFactory(supervisor=users["manager"], supervisee=users["practitioner"])
    private_note(world.wf_session, PRIVATE)
    outsider = UserFactory(full_name="Matrix outsider", role="practitioner")
    world.wf_other_session = SessionFactory(supervisor=users["admin"], supervisee=outsider)
    private_note(world.wf_other_session, PRIVATE + " too")
    world.secrets += [PRIVATE]
    _practice(world)


def _practice(world):
    import datetime as dt

    from careloop.workforce import services
    from careloop.workforce.models import Enrolment, GroupSession
    from tests.workforce.factories import make_standard

    users = world.users
    world.wf_group = GroupSession.objects.create(
        kind="quality_circle",
        topic="Matrix quality circle",
        held_on=dt.date.today(),
        practice_issue="Working with people who decline support",
    )
    world.wf_standard = make_standard(name="Matrix audit standard")
    world.wf_audit = services.audit_record(
        user=users["manager"],
        standard=world.wf_standard,
        practitioner=users["practitioner"],
        case_reference="MX-1",
        audited_on=dt.date.today(),
        answers={q.pk: ("good", "") for q in world.wf_standard.questions.all()},
    )
    world.wf_enrolment = Enrolment.objects.create(person=users["practitioner"], pathway="bia")


def _me(w):
    return {"pk": w.users["practitioner"].pk}


def _course(w):
    return {"pk": w.wf_course.pk}


ROWS = [
    Row("workforce:index", EVERYONE),
    Row("workforce:team", RUN, kwargs=lambda w: {"pk": w.team.pk}),
    Row("workforce:person", "200 200 200 200 404 302", kwargs=_me),
    Row(
        "workforce:person",
        "200 200 200 404 404 302",
        kwargs=lambda w: {"pk": w.users["admin"].pk},
        note="(someone else)",
    ),
    Row("workforce:remind", "302 302 302 403 403 302", kwargs=_me, method="POST"),
    Row("workforce:registration_new", "200 200 200 200 403 302", kwargs=_me),
    Row("workforce:cpd_new", "403 403 403 200 403 302", kwargs=_me, note="(own CPD only)"),
    Row("workforce:courses", EVERYONE),
    Row("workforce:course_new", RUN),
    Row("workforce:course_show", EVERYONE, kwargs=_course),
    Row("workforce:course_edit", RUN, kwargs=_course),
    Row("workforce:completion_new", STAFF),
    Row("workforce:completion_export", RUN),
    Row("workforce:supervision_index", STAFF),
    Row("workforce:supervision_new", STAFF),
    Row("workforce:supervision_export", RUN),
    Row("workforce:policies", LEADS),
    Row("workforce:policy_edit", LEADS, kwargs={"stage": "asye"}),
    Row("workforce:supervision_show", STAFF, kwargs=lambda w: {"pk": w.wf_session.pk}),
    Row(
        "workforce:supervision_show",
        "200 200 404 404 403 302",
        kwargs=lambda w: {"pk": w.wf_other_session.pk},
        note="(others' supervision)",
    ),
    Row(
        "workforce:supervision_private",
        "403 403 302 302 403 302",
        kwargs=lambda w: {"pk": w.wf_session.pk},
        method="POST",
        data={"text": "Updated private notes"},
    ),
    Row("workforce:group_index", STAFF),
    Row("workforce:group_new", STAFF),
    Row("workforce:group_show", STAFF, kwargs=lambda w: {"pk": w.wf_group.pk}),
    Row("workforce:audit_index", STAFF),
    Row("workforce:standard_new", LEADS),
    Row("workforce:standard_show", RUN, kwargs=lambda w: {"pk": w.wf_standard.pk}),
    Row("workforce:audit_new", RUN, kwargs=lambda w: {"pk": w.wf_standard.pk}),
    Row("workforce:audit_show", STAFF, kwargs=lambda w: {"pk": w.wf_audit.pk}),
    Row(
        "workforce:audit_feedback",
        "302 302 302 302 403 302",
        kwargs=lambda w: {"pk": w.wf_audit.pk},
        method="POST",
        data={"text": "Useful audit"},
    ),
    Row("workforce:peer_new", STAFF, kwargs=_me),
    Row("workforce:pathway_index", STAFF),
    Row("workforce:enrolment_new", STAFF),
    Row("workforce:enrolment_show", STAFF, kwargs=lambda w: {"pk": w.wf_enrolment.pk}),
    Row(
        "workforce:enrolment_move",
        STAFF,
        kwargs=lambda w: {"pk": w.wf_enrolment.pk},
        method="POST",
        data={"to": "completed"},
        note="(refused: not started)",
    ),
    # Learn and act's one page for raising an action from a record of any area
    Row(
        "learning:action_raise",
        RUN,
        query=lambda w: {"source": f"workforce.groupsession:{w.wf_group.pk}"},
        note="(from a group session)",
    ),
    Row(
        "learning:action_raise",
        "404 404 404 403 403 302",
        query=lambda w: {"source": f"workforce.caseaudit:{w.wf_audit.pk}"},
        note="(from a case file audit: its actions are the audit's own follow-ups)",
    ),
    Row("core:import_index", RUN, kwargs={"importer": "training"}, note="(training)"),
    Row("core:import_new", RUN, kwargs={"importer": "training"}, note="(training)"),
    # API
    Row("course-list", API_EVERYONE),
    Row("course-detail", API_EVERYONE, kwargs=_course),
    Row("training-completion-list", API_STAFF),
    Row("supervision-list", API_STAFF),
    Row("supervision-detail", API_STAFF, kwargs=lambda w: {"pk": w.wf_session.pk}),
    Row(
        "supervision-detail",
        "200 200 404 404 403 401",
        kwargs=lambda w: {"pk": w.wf_other_session.pk},
        note="(others' supervision)",
    ),
    Row("training-completion-detail", API_STAFF, kwargs=lambda w: {"pk": w.wf_completion.pk}),
    Row("registration-list", API_STAFF),
    Row("registration-detail", API_STAFF, kwargs=lambda w: {"pk": w.wf_registration.pk}),
]
