"""Background jobs of Learn and act, and when they run (see careloop.core.scheduler)."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from careloop.core import audit
from careloop.core.scheduler import Periodic
from careloop.learning.services import reminders
from careloop.learning.services.meetings import refresh_upcoming_agendas

log = logging.getLogger("careloop.learning")


@task()
def send_reminders() -> dict:
    """Every morning: action reminders and escalations, remedy and brief reminders, and the
    next meeting's agenda brought up to date."""
    with audit.acting_as(None, "task"):
        sent = dict(reminders.send_action_reminders())
        sent["remedies"] = reminders.send_remedy_reminders()
        sent["briefs"] = reminders.send_brief_reminders()
        sent["agendas"] = refresh_upcoming_agendas()
    log.info("learning reminders: %s", sent)
    return sent


SCHEDULE = [Periodic("learning.reminders", f"{__name__}.send_reminders", at=dt.time(7, 0))]
