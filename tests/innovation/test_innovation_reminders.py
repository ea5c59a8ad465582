"""Reminders to pilot leads, run by the scheduler through the task queue."""

import datetime as dt

import pytest
from django.core import mail

from careloop.core import scheduler, workdays
from careloop.innovation import services
from tests.innovation.factories import MeasureFactory, PilotFactory, ReadingFactory

pytestmark = pytest.mark.django_db

# A month whose first working day is known: 1 June 2026 is a Monday.
FIRST = dt.date(2026, 6, 1)


def test_leads_are_asked_for_last_months_figures_on_the_first_working_day(users):
    lead = users["manager"]
    missing = PilotFactory(title="Missing figures", lead=lead, end_date=dt.date(2027, 1, 1))
    MeasureFactory(pilot=missing)
    done = PilotFactory(title="Up to date", lead=lead, end_date=dt.date(2027, 1, 1))
    ReadingFactory(measure=MeasureFactory(pilot=done), period_start=dt.date(2026, 5, 1))
    assert services.reminders_send(today=FIRST + dt.timedelta(days=1)) == 0  # not the day
    assert services.reminders_send(today=FIRST) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [lead.email]
    assert "Enter May 2026’s figures for “Missing figures”" in body
    assert "Up to date" not in body


def test_a_pilot_past_its_end_is_flagged_on_the_day_and_each_monday(users):
    lead = users["quality_lead"]
    end = dt.date(2026, 6, 10)  # a Wednesday
    PilotFactory(title="Sensors", lead=lead, end_date=end)
    assert services.reminders_send(today=end) == 1
    assert "evaluate it and record the decision" in mail.outbox[0].body
    assert services.reminders_send(today=end + dt.timedelta(days=1)) == 0
    assert services.reminders_send(today=dt.date(2026, 6, 15)) == 1  # the Monday after


def test_the_reminder_job_is_scheduled_daily():
    job = next(j for j in scheduler.all_jobs() if j.name == "innovation.reminders")
    assert job.every == "daily" and job.task == "careloop.innovation.tasks.send_reminders"
    from careloop.innovation.tasks import send_reminders

    assert send_reminders.enqueue().return_value == 0  # nothing due: nobody emailed
    assert workdays.is_working_day(FIRST)
