"""Permission matrix rows for performance (see tests/matrix.py for the format)."""

from careloop.performance.models import Measure
from tests.matrix import Row
from tests.performance.factories import code, council, figures

VIEW = "200 200 200 200 200 302"
LEADS = "200 200 403 403 403 302"
API_VIEW = "200 200 200 200 200 401"


def setup(world):
    council(code(1), "Matrix council", is_home=True, neighbours=[code(1), code(2)])
    figures("ASC3", "2022-23", {code(1): 60.0, code(2): 70.0})
    Measure.objects.create(
        code="LOC1", name="Matrix local", unit="percent", polarity="higher", source="local",
        frequency="monthly",
    )  # fmt: skip


ROWS = [
    Row("performance:index", VIEW),
    Row("performance:measure", VIEW, kwargs={"code": "ASC3"}),
    Row("performance:measure_new", LEADS),
    Row(
        "performance:measure_edit",
        "404 404 403 403 403 302",
        kwargs={"code": "ASC3"},
        note="(shipped measures are not edited)",
    ),  # fmt: skip
    Row("performance:measure_themes", LEADS, kwargs={"code": "ASC3"}),
    Row("performance:measure", VIEW, kwargs={"code": "LOC1"}, note="(local)"),
    Row("performance:figure_new", LEADS, kwargs={"code": "LOC1"}),
    Row(
        "performance:figure_new",
        "302 302 403 403 403 302",
        kwargs={"code": "LOC1"},
        method="POST",
        data={"period": "2026-03", "value": "81.5"},
    ),
    Row("performance:home", LEADS),
    Row("core:import_index", LEADS, kwargs={"importer": "performance"}, note="(performance)"),
    Row("core:import_new", LEADS, kwargs={"importer": "performance"}, note="(performance)"),
    # API
    Row("performance-measure-list", API_VIEW),
    Row(
        "performance-measure-detail",
        API_VIEW,
        kwargs=lambda w: {"pk": Measure.objects.get(code="ASC3").pk},
    ),
    Row(
        "api-performance-standing",
        API_VIEW,
        query={"council": code(1), "measure": "ASC3"},
    ),
    Row(
        "api-performance-standing",
        "400 400 400 400 400 401",
        query={"council": code(1), "measure": "ASC3", "year": "last"},
        note="(not a year)",
    ),
    Row(
        "api-performance-import",
        "400 400 403 403 403 401",
        method="POST",
        data={"source": "x"},
        note="(no file)",
    ),
]
