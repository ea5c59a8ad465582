"""Working days in England, checked on real dates (Easter and Christmas 2025 and 2026)."""

import datetime as dt

import pytest

from careloop.core import workdays
from careloop.core.workdays import (
    add_working_days,
    describe_due,
    is_working_day,
    rule_based_holidays,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 4, 18),  # Good Friday 2025
        D(2025, 4, 21),  # Easter Monday 2025
        D(2025, 12, 25),  # Christmas Day 2025 (Thursday)
        D(2025, 12, 26),  # Boxing Day 2025 (Friday)
        D(2026, 4, 3),  # Good Friday 2026
        D(2026, 4, 6),  # Easter Monday 2026
        D(2026, 12, 25),  # Christmas Day 2026 (Friday)
        D(2026, 12, 28),  # Boxing Day 2026, substitute Monday
        D(2026, 5, 4),  # early May bank holiday 2026
        D(2026, 8, 31),  # summer bank holiday 2026
    ],
)
def test_bank_holidays_are_not_working_days(day):
    assert not is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 11, 29))  # Sunday
    assert is_working_day(D(2026, 11, 25))  # Wednesday


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # Complaint on Thursday before Easter 2025: Fri 18 and Mon 21 are bank holidays.
        (D(2025, 4, 17), 3, D(2025, 4, 24)),
        # Received Christmas Eve 2025 (Wed): 25, 26 Dec holidays, 27-28 weekend.
        (D(2025, 12, 24), 3, D(2025, 12, 31)),
        # Received Wednesday 23 December 2026: 25 and 28 December are bank holidays.
        (D(2026, 12, 23), 3, D(2026, 12, 30)),
        # Received on a Saturday: day 1 is Monday.
        (D(2026, 11, 28), 3, D(2026, 12, 2)),
        # Received Maundy Thursday 2026: Good Friday 3 April and Easter Monday 6 April.
        (D(2026, 4, 2), 10, D(2026, 4, 20)),
        # Twenty working days over Christmas 2026 and New Year 2027.
        (D(2026, 12, 14), 20, D(2027, 1, 14)),
        (D(2026, 11, 25), 0, D(2026, 11, 25)),
    ],
)
def test_add_working_days_across_real_holidays(received, n, due):
    assert add_working_days(received, n) == due
    assert working_days_between(received, due) == n


def test_negative_working_days_go_back():
    assert add_working_days(D(2026, 4, 7), -1) == D(2026, 4, 2)
    assert working_days_between(D(2026, 4, 7), D(2026, 4, 2)) == -1


def test_rule_based_holidays_match_the_official_list_except_one_off_days():
    official, first, last = workdays._official()
    one_off = {
        D(2020, 5, 8),
        D(2022, 6, 2),
        D(2022, 6, 3),
        D(2022, 9, 19),
        D(2023, 5, 8),
        D(2012, 6, 5),
    }
    moved = {D(2020, 5, 4), D(2022, 5, 30), D(2012, 5, 28)}  # the normal day a one-off replaced
    for year in range(first + 1, last + 1):
        expected = {d for d in official if d.year == year}
        computed = rule_based_holidays(year)
        assert (computed ^ expected) <= one_off | moved, year


def test_years_beyond_the_official_list_use_the_rules():
    assert not is_working_day(D(2031, 4, 11))  # Good Friday 2031
    assert not is_working_day(D(2032, 12, 27))  # Christmas 2032 is a Saturday: Monday 27
    assert not is_working_day(D(2032, 12, 28))  # and Tuesday 28 December


def test_local_closure_days_are_not_working_days(settings):
    settings.CARELOOP_EXTRA_CLOSURE_DAYS = ["2026-12-24"]
    assert not is_working_day(D(2026, 12, 24))
    assert add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 29)


def test_describe_due_counts_working_days():
    today = D(2026, 12, 23)
    assert describe_due(D(2026, 12, 23), today) == "due today"
    assert describe_due(D(2026, 12, 29), today) == "due in 2 working days"
    assert describe_due(D(2026, 12, 24), today) == "due in 1 working day"
    assert describe_due(D(2026, 12, 22), today) == "overdue by 1 working day"
    assert describe_due(None, today) == "no due date"
