"""Permission matrix rows for innovation (see tests/matrix.py for the format)."""

from tests.innovation.factories import (
    EvaluationFactory,
    ExternalLearningFactory,
    MeasureFactory,
    PilotFactory,
    ReadingFactory,
    RiskFactory,
    StoryFactory,
)
from tests.matrix import Row

VIEW = "200 200 200 200 200 302"
EDIT = "200 200 200 403 403 302"
RECORD = "200 200 200 200 403 302"
API_VIEW = "200 200 200 200 200 401"


def setup(world):
    world.pilot = PilotFactory(title="Matrix pilot")
    world.measure = MeasureFactory(pilot=world.pilot, name="Matrix falls")
    world.reading = ReadingFactory(measure=world.measure)
    world.empty_measure = MeasureFactory(pilot=world.pilot, name="Matrix empty measure")
    world.story = StoryFactory(pilot=world.pilot)
    world.risk = RiskFactory(pilot=world.pilot)
    world.evaluation = EvaluationFactory(pilot=world.pilot)
    world.external = ExternalLearningFactory(title="Matrix peer review")


def _p(w):
    return {"pk": w.pilot.pk}


def _m(w):
    return {"pk": w.pilot.pk, "mpk": w.measure.pk}


def _e(w):
    return {"pk": w.pilot.pk, "epk": w.evaluation.pk}


ROWS = [
    Row("innovation:index", VIEW),
    Row("innovation:new", EDIT),
    Row("innovation:show", VIEW, kwargs=_p),
    Row("innovation:edit", EDIT, kwargs=_p),
    Row("innovation:move", "302 302 302 403 403 302", kwargs=_p, note="(no move chosen)"),
    Row("innovation:measure_new", EDIT, kwargs=_p),
    Row("innovation:measure_show", VIEW, kwargs=_m),
    Row("innovation:measure_edit", EDIT, kwargs=_m),
    Row(
        "innovation:measure_delete",
        "302 302 302 403 403 302",
        kwargs=_m,
        method="POST",
        note="(refused: it has figures)",
    ),
    Row(
        "innovation:measure_delete",
        "302 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.pilot.pk, "mpk": w.empty_measure.pk},
        method="POST",
        note="(no figures: deleted)",
    ),
    Row("innovation:reading_new", RECORD, kwargs=_m),
    Row(
        "innovation:reading_delete",
        "302 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.pilot.pk, "mpk": w.measure.pk, "rpk": w.reading.pk},
        method="POST",
    ),
    Row("innovation:story_new", RECORD, kwargs=_p),
    Row("innovation:story_edit", RECORD, kwargs=lambda w: {"pk": w.pilot.pk, "spk": w.story.pk}),
    Row("innovation:risk_new", EDIT, kwargs=_p),
    Row("innovation:risk_edit", EDIT, kwargs=lambda w: {"pk": w.pilot.pk, "rpk": w.risk.pk}),
    Row("innovation:evaluation", VIEW, kwargs=_p),
    Row("innovation:evaluation_new", EDIT, kwargs=_p),
    Row("innovation:evaluation_show", VIEW, kwargs=_e),
    Row("innovation:evaluation_pdf", VIEW, kwargs=_e),
    Row("innovation:evaluation_edit", EDIT, kwargs=_e),
    Row("innovation:external_index", VIEW),
    Row("innovation:external_new", EDIT),
    Row("innovation:external_show", VIEW, kwargs=lambda w: {"pk": w.external.pk}),
    Row("innovation:external_edit", EDIT, kwargs=lambda w: {"pk": w.external.pk}),
    # API
    Row("pilot-list", API_VIEW),
    Row("pilot-detail", API_VIEW, kwargs=_p),
    Row("pilot-evaluation", API_VIEW, kwargs=_p),
    Row(
        "pilot-move",
        "400 400 400 403 403 401",
        kwargs=_p,
        method="POST",
        data={"reason": "No move given"},
        note="(no move chosen)",
    ),
    Row("pilot-measure-list", API_VIEW),
    Row("pilot-measure-detail", API_VIEW, kwargs=lambda w: {"pk": w.measure.pk}),
    Row("pilot-figure-list", API_VIEW),
    Row("pilot-figure-detail", API_VIEW, kwargs=lambda w: {"pk": w.reading.pk}),
    Row("pilot-evaluation-list", API_VIEW),
    Row("pilot-evaluation-detail", API_VIEW, kwargs=lambda w: {"pk": w.evaluation.pk}),
    Row("external-learning-list", API_VIEW),
    Row("external-learning-detail", API_VIEW, kwargs=lambda w: {"pk": w.external.pk}),
    # Learn and act's one page for raising an action from a record of any area
    Row(
        "learning:action_raise",
        "200 200 200 403 403 302",
        query=lambda w: {"source": f"innovation.pilot:{w.pilot.pk}"},
        note="(from a pilot)",
    ),
    Row(
        "learning:action_raise",
        "200 200 200 403 403 302",
        query=lambda w: {"source": f"innovation.externallearning:{w.external.pk}"},
        note="(from external learning)",
    ),
    Row(
        "learning:action_raise",
        "404 404 404 403 403 302",
        query=lambda w: {"source": f"innovation.measure:{w.measure.pk}"},
        note="(from a record that is no source of actions)",
    ),
    Row(
        "learning:action_raise",
        "404 404 404 403 403 302",
        query={"source": "nothing:at-all"},
        note="(from nothing)",
    ),
]
