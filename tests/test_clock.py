"""The test session's clock (see pytest_configure in conftest.py)."""

import datetime as dt

from django.utils import timezone

from careloop.core import workdays

IMPORTED_ON = dt.date.today()


def test_the_session_runs_from_noon_on_one_working_day():
    now = dt.datetime.now(dt.UTC)
    assert 12 <= now.hour < 18, now  # started at 12:00 and ticking: a run takes minutes
    assert dt.date.today() == IMPORTED_ON == timezone.localdate() == now.date()
    assert workdays.is_working_day(IMPORTED_ON)
