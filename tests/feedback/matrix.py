"""Permission matrix rows for feedback (see tests/matrix.py for the format)."""

import datetime as dt

from tests.feedback.factories import make_feedback
from tests.matrix import Row

STAFF = "200 200 200 200 403 302"
HANDLERS = "200 200 200 403 403 302"
LEADS = "200 200 403 403 403 302"
EVERYONE = "200 200 200 200 200 302"
# A restricted record: leads see it, others get 404 (its existence does not leak).
RESTRICTED = "200 200 404 404 403 302"


def setup(world):
    world.complaint = make_feedback(
        summary="Care plan review missed",
        text="Nobody reviewed my father's care plan.",
        received_on=dt.date.today(),
        team=world.team,
        service=world.team.service,
    )
    world.secret = make_feedback(
        summary="Safeguarding concern Zebedee",
        text="Confidential safeguarding matter Zebedee.",
        is_restricted=True,
        restriction_reason="Safeguarding enquiry open",
        received_on=dt.date.today(),
    )
    world.victim = make_feedback(kind="compliment", text="Thank you to the team.")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from careloop.core.imports import engine, get_importer

    world.import_job = engine.create_job(
        importer=get_importer("feedback"),
        upload=SimpleUploadedFile("survey.csv", b"ID,Date,Comments\nR1,01/03/2026,Fine\n"),
        source="Matrix survey",
        user=world.users["quality_lead"],
    )
    world.secrets += ["Safeguarding concern Zebedee", "Confidential safeguarding matter Zebedee"]


def pk(name):
    return lambda w: {"pk": getattr(w, name).pk}


ROWS = [
    Row("feedback:index", "200 200 200 200 302 302", note="(viewers see the figures)"),
    Row("feedback:new", STAFF),
    Row("feedback:figures", EVERYONE),
    Row("feedback:export", HANDLERS),
    Row("feedback:show", STAFF, kwargs=pk("complaint")),
    Row("feedback:show", RESTRICTED, kwargs=pk("secret"), note="(restricted)"),
    Row("feedback:edit", HANDLERS, kwargs=pk("complaint")),
    Row("feedback:edit", "200 200 404 403 403 302", kwargs=pk("secret"), note="(restricted)"),
    Row("feedback:assign", HANDLERS, kwargs=pk("complaint")),
    Row(
        "feedback:note",
        "302 302 302 302 403 302",
        kwargs=pk("complaint"),
        method="POST",
        data={"text": "Called the family"},
    ),
    Row("feedback:delete", LEADS, kwargs=pk("complaint")),
    Row(
        "feedback:delete",
        "302 404 403 403 403 302",
        kwargs=pk("victim"),
        method="POST",
        data={"reason": "Duplicate"},
        note="(POST deletes; then 404)",
    ),
    Row("feedback:equality", HANDLERS, kwargs=pk("complaint")),
    Row("feedback:document_new", HANDLERS, kwargs=pk("complaint")),
    Row("feedback:acknowledge", LEADS, kwargs=pk("complaint")),
    Row("feedback:revise", LEADS, kwargs=pk("complaint")),
    Row("feedback:respond", LEADS, kwargs=pk("complaint")),
    Row("feedback:late", LEADS, kwargs=pk("complaint")),
    Row("feedback:escalate", LEADS, kwargs=pk("complaint")),
    Row("feedback:refer", LEADS, kwargs=pk("complaint")),
    Row("feedback:refer", "200 200 403 403 403 302", kwargs=pk("secret"), note="(restricted)"),
    Row("feedback:close", HANDLERS, kwargs=pk("complaint")),
    Row("feedback:reopen", HANDLERS, kwargs=pk("complaint")),
    Row("feedback:withdraw", HANDLERS, kwargs=pk("complaint")),
]

JOB = pk("import_job")
ROWS += [
    Row("core:import_index", LEADS, kwargs={"importer": "feedback"}),
    Row("core:import_new", LEADS, kwargs={"importer": "feedback"}),
    Row("core:import_mapping", LEADS, kwargs=JOB),
    Row("core:import_show", LEADS, kwargs=JOB),
    Row("core:import_errors", LEADS, kwargs=JOB),
    # a job that is not failed is not tried again: the leads are sent back to it with a reason
    Row("core:import_retry", "302 302 403 403 403 302", kwargs=JOB, method="POST"),
]


def _equality_token(world):
    from careloop.feedback.public import equality_token

    return {"token": equality_token(world.victim.pk)}


PUBLIC = "200 200 200 200 200 200"
ROWS += [
    Row("feedback:public_new", PUBLIC),
    Row("feedback:public_done", "302 302 302 302 302 302", note="(nothing sent yet)"),
    Row("feedback:public_equality", PUBLIC, kwargs=_equality_token),
]


def _template(world):
    from careloop.feedback.models import LetterTemplate
    from careloop.feedback.services import ensure_default_templates

    ensure_default_templates()
    return {"pk": LetterTemplate.objects.first().pk}


def _organisation(world):
    from tests.feedback.factories import make_provider

    return {"pk": make_provider().pk}


ROWS += [
    Row("feedback:letter_new", LEADS, kwargs=pk("complaint")),
    Row("feedback:settings", LEADS),
    Row("feedback:clock_edit", LEADS),
    Row("feedback:template_new", LEADS),
    Row("feedback:template_edit", LEADS, kwargs=_template),
    Row("feedback:organisation_new", LEADS),
    Row("feedback:organisation_edit", LEADS, kwargs=_organisation),
]

ROWS += [
    Row("feedback-list", "200 200 200 200 403 401"),
    Row("feedback-detail", "200 200 200 200 403 401", kwargs=pk("complaint")),
    Row("feedback-detail", "200 200 404 404 403 401", kwargs=pk("secret"), note="(restricted)"),
]
