"""Northshire's performance in the demo: among real neighbours when the shared data is here
(the built-in synthetic sample otherwise); its information measure falls, then rises."""

from pathlib import Path

import pytest
from django.test import override_settings

from careloop.core import audit
from careloop.demo import performance as performance_demo
from careloop.performance import selectors
from careloop.performance.models import Council, Figure

pytestmark = pytest.mark.django_db
SHARED = Path("/work/shared/data/performance")


@pytest.mark.parametrize("folder", [Path("/nonexistent"), SHARED])
def test_northshire_falls_then_rises_among_its_neighbours(folder):
    with override_settings(PERFORMANCE_DATA=folder), audit.acting_as(None, "command"):
        real = selectors.published_files()[2]
        performance_demo.load(lambda _: None)
        held = Figure.objects.count()
        performance_demo.load(lambda _: None)  # again: nothing added
    assert Figure.objects.count() == held
    if folder == SHARED:
        assert real is SHARED.exists()  # the real file when the machine has it
    home = selectors.home_council()
    assert home is not None and home.code == performance_demo.CODE
    info = selectors.measures().get(code="ASC3")
    series = selectors.measure_data(info).series(home.code)
    years = sorted(series)
    low = min(series, key=series.get)
    assert years.index(low) > 0 and low != years[-1]  # falls to a low, then rises
    assert series[years[-1]] > series[low] + 5
    found = selectors.standing(home, info)
    assert found.noise == "beyond year-to-year noise" and found.change > 0
    assert found.group_size and found.group_size > 1
    neighbours = set(home.neighbours) - {home.code}
    assert neighbours <= set(Council.objects.values_list("code", flat=True))
    if real:
        assert "E10000028" not in neighbours and len(neighbours) == 15  # Staffordshire's
