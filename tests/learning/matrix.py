"""Permission matrix rows for Learn and act (see tests/matrix.py for the format)."""

from __future__ import annotations

from careloop.learning import services
from careloop.learning.models import Review
from tests.learning import factories as f
from tests.matrix import Row

ALL = "200 200 200 200 200 302"
LEADS = "200 200 403 403 403 302"
MANAGERS = "200 200 200 403 403 302"
OWNER = "200 200 200 200 403 302"  # leads and managers, and the practitioner who owns it
NOT_OWNER = "200 200 200 403 403 302"
RESTRICTED = "200 200 404 404 404 302"
API_ALL = "200 200 200 200 200 401"
API_RESTRICTED = "200 200 404 404 404 401"


def setup(world):
    lead, practitioner = world.users["quality_lead"], world.users["practitioner"]
    world.review = f.review(lead, title="Review of charging complaints")
    world.sar = f.review(lead, title="SAR Adult Q secret", kind=Review.Kind.SAR)
    world.rec = f.recommendation(world.review)
    world.sar_rec = f.recommendation(world.sar, text="Hoarding training secret")
    world.action = f.action(practitioner, recommendation=world.rec, created_by=lead)
    world.others_action = f.action(world.users["manager"], title="Manager's action")
    world.done = f.done_action(practitioner, title="Done action")
    world.milestone = services.milestone_add(
        action=world.action, title="Book trainers", due_on=world.action.due_on
    )
    services.action_add_evidence(
        action=world.action, user=practitioner, figures=[("Sessions booked", 4)]
    )
    world.figure = world.action.figures.get()
    world.secrets += ["SAR Adult Q secret", "Hoarding training secret"]
    _more(world)


def _more(world):
    import datetime as dt

    from careloop.learning.models import LearningBrief

    lead = world.users["quality_lead"]
    world.learning_measure = f.measure(lead, [8, 9, 7, 8, 3, 2, 3])
    world.link = services.impact_link(
        action=world.action, measure=world.learning_measure, effect_on=f.TODAY, user=lead
    )
    world.spare_link = services.impact_link(
        action=world.done, measure=world.learning_measure, effect_on=f.TODAY, user=lead
    )
    world.case = f.lgsco_case(lead)
    world.secret_case = f.lgsco_case(
        lead, is_restricted=True, summary="Safeguarding case secret", lgsco_reference="25 999 001"
    )
    world.remedy = services.lgsco_remedy_add(
        case=world.case, kind="apology", description="Apologise", due_on=f.TODAY
    )
    world.year = services.lgsco_year_save(
        year_start=2024, complaints_made=36, decided=30, detailed_investigations=22, upheld=19
    )
    world.series = services.series_save(name="Adult social care QA board", members=[lead])
    world.meeting = services.meeting_schedule(series=world.series, held_on=f.TODAY)
    world.item = world.meeting.items.get(kind="sign_off")
    world.brief = services.brief_save(
        user=lead,
        title="7-minute briefing: self-neglect",
        learning="Ask about hoarding",
        teams=[world.team],
    )
    services.brief_send(brief=world.brief, user=lead)
    world.draft_brief = services.brief_save(user=lead, title="Draft brief", learning="Not yet")
    assert world.draft_brief.status == LearningBrief.Status.DRAFT
    world.report_year = f.TODAY.year - 1 if f.TODAY.month >= 4 else f.TODAY.year - 2
    world.secrets += ["Safeguarding case secret"]
    world.lgsco_import_job = _lgsco_import_job(lead)
    world.today = dt.date.today()


def _lgsco_import_job(lead):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from careloop.core.imports import engine, get_importer

    return engine.create_job(
        importer=get_importer("lgsco-years"),
        upload=SimpleUploadedFile("letter.csv", b"Year,Upheld\n2023-24,3\n"),
        source="Matrix letter",
        user=lead,
    )


def _review(w):
    return {"pk": w.review.pk}


def _action(w):
    return {"pk": w.action.pk}


ROWS = [
    Row("learning:index", ALL),
    Row("learning:review_index", ALL),
    Row("learning:review_show", ALL, kwargs=_review),
    Row("learning:review_show", RESTRICTED, kwargs=lambda w: {"pk": w.sar.pk}, note="(SAR)"),
    Row("learning:review_new", LEADS),
    Row("learning:review_edit", LEADS, kwargs=_review),
    Row(
        "learning:review_edit",
        "200 200 403 403 403 302",
        kwargs=lambda w: {"pk": w.sar.pk},
        note="(SAR)",
    ),
    Row("learning:review_document", LEADS, kwargs=_review),
    Row("learning:review_feedback", LEADS, kwargs=_review),
    Row(
        "learning:review_feedback",
        "200 200 403 403 403 302",
        kwargs=lambda w: {"pk": w.sar.pk},
        note="(SAR)",
    ),
    Row("learning:recommendation_new", LEADS, kwargs=_review),
    Row("learning:recommendation_edit", LEADS, kwargs=lambda w: {"pk": w.rec.pk}),
    Row("learning:action_index", ALL),
    Row("learning:action_new", MANAGERS),
    Row(
        "learning:action_new",
        "200 200 404 403 403 302",
        method="POST",
        data=lambda w: {"recommendation": w.sar_rec.pk},
        note="(for a SAR recommendation)",
    ),
    Row("learning:action_show", ALL, kwargs=_action),
    Row("learning:action_edit", MANAGERS, kwargs=_action),
    Row("learning:action_progress", OWNER, kwargs=_action),
    Row(
        "learning:action_progress",
        NOT_OWNER,
        kwargs=lambda w: {"pk": w.others_action.pk},
        note="(someone else's)",
    ),
    Row("learning:action_evidence", OWNER, kwargs=_action),
    Row(
        "learning:evidence_remove",
        "302 404 404 404 403 302",
        kwargs=lambda w: {"pk": w.action.pk, "kind": "figure", "item": w.figure.pk},
        method="POST",
        note="(the first removes it)",
    ),
    Row("learning:action_complete", OWNER, kwargs=_action),
    Row("learning:action_sign_off", MANAGERS, kwargs=lambda w: {"pk": w.done.pk}),
    Row("learning:action_reopen", MANAGERS, kwargs=lambda w: {"pk": w.done.pk}),
    Row("learning:milestone_new", OWNER, kwargs=_action),
    Row(
        "learning:milestone_done",
        "302 302 302 302 403 302",
        kwargs=lambda w: {"pk": w.action.pk, "milestone": w.milestone.pk},
        method="POST",
    ),
    # Measures and impact
    Row("learning:measure_index", ALL),
    Row("learning:measure_show", ALL, kwargs=lambda w: {"pk": w.learning_measure.pk}),
    Row("learning:measure_new", MANAGERS),
    Row("learning:measure_edit", MANAGERS, kwargs=lambda w: {"pk": w.learning_measure.pk}),
    Row(
        "learning:measure_value",
        "302 302 302 403 403 302",
        kwargs=lambda w: {"pk": w.learning_measure.pk},
        method="POST",
        data={"month": "2020-01", "value": "4"},
    ),
    Row("learning:measure_import", MANAGERS, kwargs=lambda w: {"pk": w.learning_measure.pk}),
    Row("learning:impact_new", MANAGERS, kwargs=_action),
    Row("learning:impact_show", ALL, kwargs=lambda w: {"pk": w.link.pk}),
    Row("learning:impact_edit", MANAGERS, kwargs=lambda w: {"pk": w.link.pk}),
    Row(
        "learning:impact_remove",
        "302 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.spare_link.pk},
        method="POST",
        note="(the first removes it)",
    ),
    # The Ombudsman
    Row("learning:lgsco_index", ALL),
    Row("learning:lgsco_show", ALL, kwargs=lambda w: {"pk": w.case.pk}),
    Row(
        "learning:lgsco_show",
        RESTRICTED,
        kwargs=lambda w: {"pk": w.secret_case.pk},
        note="(restricted)",
    ),
    Row("learning:lgsco_new", LEADS),
    Row("learning:lgsco_edit", LEADS, kwargs=lambda w: {"pk": w.case.pk}),
    Row(
        "learning:lgsco_learn",
        "302 302 403 403 403 302",
        kwargs=lambda w: {"pk": w.case.pk},
        method="POST",
    ),
    Row("learning:remedy_new", LEADS, kwargs=lambda w: {"pk": w.case.pk}),
    Row("learning:remedy_comply", LEADS, kwargs=lambda w: {"pk": w.remedy.pk}),
    Row("learning:remedy_action", LEADS, kwargs=lambda w: {"pk": w.remedy.pk}),
    Row("learning:lgsco_figures", ALL),
    Row("learning:lgsco_year_new", LEADS),
    Row("learning:lgsco_year_edit", LEADS, kwargs={"year": 2024}),
    # Quality assurance meetings
    Row("learning:meeting_index", ALL),
    Row("learning:series_new", LEADS),
    Row("learning:series_show", ALL, kwargs=lambda w: {"pk": w.series.pk}),
    Row("learning:series_edit", LEADS, kwargs=lambda w: {"pk": w.series.pk}),
    Row("learning:meeting_new", LEADS, kwargs=lambda w: {"pk": w.series.pk}),
    Row("learning:meeting_show", ALL, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row("learning:meeting_attendance", LEADS, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row("learning:meeting_notes", LEADS, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row("learning:item_add", LEADS, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row(
        "learning:meeting_approve",
        "302 302 403 403 403 302",
        kwargs=lambda w: {"pk": w.meeting.pk},
        method="POST",
    ),
    Row(
        "learning:meeting_next",
        "302 302 403 403 403 302",
        kwargs=lambda w: {"pk": w.meeting.pk},
        method="POST",
    ),
    Row("learning:meeting_minutes", ALL, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row("learning:meeting_pack", ALL, kwargs=lambda w: {"pk": w.meeting.pk}),
    Row("learning:item_record", LEADS, kwargs=lambda w: {"pk": w.item.pk}),
    Row("learning:item_action", LEADS, kwargs=lambda w: {"pk": w.item.pk}),
    # Learning briefs
    Row("learning:brief_index", ALL),
    Row("learning:brief_new", LEADS),
    Row("learning:brief_show", ALL, kwargs=lambda w: {"pk": w.brief.pk}),
    Row(
        "learning:brief_show",
        "200 200 404 404 404 302",
        kwargs=lambda w: {"pk": w.draft_brief.pk},
        note="(draft)",
    ),
    Row("learning:brief_edit", LEADS, kwargs=lambda w: {"pk": w.brief.pk}),
    Row("learning:brief_send", LEADS, kwargs=lambda w: {"pk": w.brief.pk}),
    Row(
        "learning:brief_acknowledge",
        "302 302 302 302 403 302",
        kwargs=lambda w: {"pk": w.brief.pk},
        method="POST",
    ),
    Row("learning:brief_pdf", ALL, kwargs=lambda w: {"pk": w.brief.pk}),
    # The annual complaints report
    Row("learning:report", ALL),
    Row("learning:report_year", ALL, kwargs=lambda w: {"year": w.report_year}),
    Row("learning:report_pdf", ALL, kwargs=lambda w: {"year": w.report_year}),
    Row("learning:report_edit", LEADS, kwargs=lambda w: {"year": w.report_year}),
    # API
    Row("learning-review-list", API_ALL),
    Row("learning-review-detail", API_ALL, kwargs=_review),
    Row(
        "learning-review-detail",
        API_RESTRICTED,
        kwargs=lambda w: {"pk": w.sar.pk},
        note="(SAR)",
    ),
    Row("learning-recommendation-list", API_ALL),
    Row("learning-recommendation-detail", API_ALL, kwargs=lambda w: {"pk": w.rec.pk}),
    Row(
        "learning-recommendation-detail",
        API_RESTRICTED,
        kwargs=lambda w: {"pk": w.sar_rec.pk},
        note="(SAR)",
    ),
    Row("learning-action-list", API_ALL),
    Row("learning-action-detail", API_ALL, kwargs=_action),
    Row(
        "learning-action-progress",
        "200 200 200 200 403 401",
        kwargs=_action,
        method="POST",
        data={"note": "Trainers booked"},
    ),
    Row(
        "learning-action-evidence",
        "200 200 200 200 403 401",
        kwargs=_action,
        method="POST",
        data={"title": "Course page", "url": "https://learning.northshire.example/finance"},
    ),
    Row(
        "learning-action-complete",
        "400 400 400 403 403 401",
        kwargs=lambda w: {"pk": w.others_action.pk},
        method="POST",
        data={"note": "Done"},
        note="(no evidence yet: refused with a reason; not the practitioner's)",
    ),
    Row(
        "learning-action-sign-off",
        "200 400 400 403 403 401",
        kwargs=lambda w: {"pk": w.done.pk},
        method="POST",
        data={"note": "Checked"},
        note="(the first closes it)",
    ),
    Row("learning-lgsco-case-list", API_ALL),
    Row("learning-lgsco-case-detail", API_ALL, kwargs=lambda w: {"pk": w.case.pk}),
    Row(
        "learning-lgsco-case-detail",
        API_RESTRICTED,
        kwargs=lambda w: {"pk": w.secret_case.pk},
        note="(restricted)",
    ),
    Row(
        "learning-lgsco-case-remedies",
        "200 200 403 403 403 401",
        kwargs=lambda w: {"pk": w.case.pk},
        method="POST",
        data=lambda w: {"kind": "apology", "description": "Apologise", "due_on": str(w.today)},
    ),
]

LGSCO_JOB = {"importer": "lgsco-years"}
ROWS += [
    Row("core:import_index", LEADS, kwargs=LGSCO_JOB, note="(Ombudsman figures)"),
    Row("core:import_new", LEADS, kwargs=LGSCO_JOB, note="(Ombudsman figures)"),
    Row(
        "core:import_mapping",
        LEADS,
        kwargs=lambda w: {"pk": w.lgsco_import_job.pk},
        note="(Ombudsman figures)",
    ),
    Row(
        "core:import_show",
        LEADS,
        kwargs=lambda w: {"pk": w.lgsco_import_job.pk},
        note="(Ombudsman figures)",
    ),
    Row(
        "core:import_errors",
        LEADS,
        kwargs=lambda w: {"pk": w.lgsco_import_job.pk},
        note="(Ombudsman figures)",
    ),
]
