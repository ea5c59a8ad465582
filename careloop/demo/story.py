"""The dates and figures of Northshire's demo stories, shared by every area's demo data.

Everything is relative to today, so the demo always looks current. Month indexes count from
DEMO_START (month 0) to the current month (month MONTHS - 1).

The stories (each area tells its part):
- Charging: a new charging policy (CHARGING_POLICY_CHANGE) doubles complaints about
  charging and financial assessment, from about 3 to about 8 a month; complaints about them
  are upheld at the LGSCO; a learning review recommends financial assessment training; the
  training is delivered (FINANCE_TRAINING) and complaints fall to about 3 a month. The
  learning area measures the fall; the CQC self-assessment cites it.
- Hoarding: a Safeguarding Adults Review into the death of a man who hoarded (SAR_HOARDING)
  recommends hoarding and self-neglect training; the workforce area delivers it
  (HOARDING_TRAINING) and the action gets the completion figures as evidence.
- Care leavers: an Ofsted inspection (OFSTED_INSPECTION) finds young people leaving care are
  not prepared early enough for adulthood; the Transitions Team acts.
- Communication: after a "keeping you informed" standard (COMMUNICATION_STANDARD),
  complaints about communication fall gradually.
- Hospital discharge: concerns rise every winter (December to February): seasonal, common
  cause, not a signal.
- Accessible information: the Adult Social Care Survey (SURVEY_MONTH) shows people struggle
  to get information in formats they can use; an Accessible Information working group forms.
"""

from __future__ import annotations

import datetime as dt

MONTHS = 24


def month_start(index: int, today: dt.date | None = None) -> dt.date:
    """The first day of demo month `index` (0 = DEMO_START, MONTHS - 1 = this month)."""
    today = today or dt.date.today()
    months_back = MONTHS - 1 - index
    year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
    return dt.date(year, month + 1, 1)


def month_index(day: dt.date, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return (day.year * 12 + day.month) - (today.year * 12 + today.month) + MONTHS - 1


DEMO_START = 0
CHARGING_POLICY_CHANGE = 6  # month the new charging policy took effect
FINANCE_TRAINING = 15  # month the financial assessment training was delivered (effect date)
SAR_HOARDING = 4  # month the SAR was commissioned; published at month 9
HOARDING_TRAINING = 12
OFSTED_INSPECTION = 10
COMMUNICATION_STANDARD = 13
SURVEY_MONTH = 11

# Monthly rates of complaints about charging and financial assessment.
CHARGING_RATE_BEFORE = 3.0
CHARGING_RATE_AFTER_POLICY = 8.2
CHARGING_RATE_AFTER_TRAINING = 3.1


def charging_rate(index: int) -> float:
    if index < CHARGING_POLICY_CHANGE:
        return CHARGING_RATE_BEFORE
    if index < FINANCE_TRAINING:
        return CHARGING_RATE_AFTER_POLICY
    return CHARGING_RATE_AFTER_TRAINING
