"""Working days in England: every statutory clock counts with these.

A working day is Monday to Friday, excluding bank holidays in England and Wales (which include
Christmas Day and Good Friday) and any local closure days the council sets
(CARELOOP_EXTRA_CLOSURE_DAYS). Official dates come from `govuk-bank-holidays`' offline copy of
GOV.UK's list; for years it does not cover, the standing rules compute them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.conf import settings
from govuk_bank_holidays.bank_holidays import BankHolidays

Date = dt.date


def _easter(year: int) -> Date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return Date(year, month, day + 1)


def _first_monday(year: int, month: int) -> Date:
    d = Date(year, month, 1)
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def _last_monday(year: int, month: int) -> Date:
    d = Date(year, month + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=d.weekday())


def rule_based_holidays(year: int) -> set[Date]:
    """England and Wales bank holidays by the standing rules (no one-off proclamations)."""
    easter = _easter(year)
    days = {
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    new_year = Date(year, 1, 1)
    days.add(new_year + dt.timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    christmas, boxing = Date(year, 12, 25), Date(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: substitutes on Monday and Tuesday
        days |= {Date(year, 12, 27), Date(year, 12, 28)}
    elif christmas.weekday() == 6:  # Sunday: Boxing Day Monday, substitute Tuesday
        days |= {boxing, Date(year, 12, 27)}
    elif christmas.weekday() == 4:  # Friday: Boxing Day substitute on Monday
        days |= {christmas, Date(year, 12, 28)}
    else:
        days |= {christmas, boxing}
    return days


@cache
def _official() -> tuple[frozenset[Date], int, int]:
    bank = BankHolidays(use_cached_holidays=True)
    dates = frozenset(h["date"] for h in bank.get_holidays(division=BankHolidays.ENGLAND_AND_WALES))
    years = [d.year for d in dates]
    return dates, min(years), max(years)


@cache
def _holidays_in(year: int) -> frozenset[Date]:
    dates, first, last = _official()
    if first <= year <= last:
        return frozenset(d for d in dates if d.year == year)
    return frozenset(rule_based_holidays(year))


def _closures() -> frozenset[Date]:
    return frozenset(Date.fromisoformat(d) for d in settings.CARELOOP_EXTRA_CLOSURE_DAYS)


def is_bank_holiday(day: Date) -> bool:
    return day in _holidays_in(day.year)


def is_working_day(day: Date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in _closures()


def add_working_days(start: Date, n: int) -> Date:
    """The date `n` working days after `start` (before it, for negative `n`).

    Day 0 is `start` itself, whatever it is; "acknowledge within 3 working days" of a complaint
    received on a Friday before a bank holiday Monday is therefore the Thursday.
    """
    step = 1 if n >= 0 else -1
    day, remaining = start, abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: Date, end: Date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier).

    `working_days_between(d, add_working_days(d, n)) == n` for every n.
    """
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def next_working_day(day: Date) -> Date:
    """`day` itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_left(due: Date, today: Date | None = None) -> int:
    """Working days from today until `due`: negative once it is overdue."""
    return working_days_between(today or dt.date.today(), due)


def describe_due(due: Date | None, today: Date | None = None) -> str:
    """Plain words for a due date, in working days: 'due today', 'overdue by 2 working days'."""
    if due is None:
        return "no due date"
    left = working_days_left(due, today)
    if left == 0:
        return "due today"
    if left > 0:
        return f"due in {left} working day{'s' if left != 1 else ''}"
    return f"overdue by {-left} working day{'s' if left != -1 else ''}"
