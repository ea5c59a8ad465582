"""Reminders about feedback windows."""

import datetime as dt

import pytest
from django.core import mail

from careloop.coproduction import services
from careloop.core import scheduler, workdays
from tests.coproduction.factories import ContributionFactory, ProjectFactory, WindowFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 10)  # a Wednesday


def test_leads_hear_before_a_window_closes_and_after_it_closes_empty(users):
    lead = users["manager"]
    project = ProjectFactory(title="Carers strategy", lead=lead)
    WindowFactory(
        project=project, title="Closing soon", closes_on=workdays.add_working_days(TODAY, 3)
    )
    WindowFactory(
        project=project, title="Closed empty", closes_on=workdays.add_working_days(TODAY, -1)
    )
    answered = WindowFactory(
        project=project, title="Closed answered", closes_on=workdays.add_working_days(TODAY, -1)
    )
    ContributionFactory(project=project, window=answered)
    assert services.reminders_send(today=TODAY) == 1
    body = mail.outbox[0].body
    assert "“Closing soon” (Carers strategy) closes on 15 June 2026." in body
    assert "“Closed empty” (Carers strategy) has closed: record what people said" in body
    assert "Closed answered" not in body


def test_the_job_is_scheduled():
    assert any(j.name == "coproduction.reminders" for j in scheduler.all_jobs())
