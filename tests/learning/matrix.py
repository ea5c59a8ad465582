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
]
