"""Use cases that write, for Learn and act. Other areas call these (never the models):

from careloop.learning.services import action_create, action_add_evidence
action = action_create(source=pilot, title="Roll out night support", owner=lead,
                       due=dt.date(2026, 9, 30), created_by=request.user)
action_add_evidence(action=action, user=lead, title="Completion report", file=upload,
                    figures=[{"label": "Staff trained", "value": 142, "out_of": 160}])
"""

from careloop.core.services import ServiceError

from .actions import (
    action_add_evidence,
    action_complete,
    action_create,
    action_record_progress,
    action_reopen,
    action_sign_off,
    action_update,
    evidence_remove,
    milestone_add,
    milestone_done,
)
from .briefs import brief_acknowledge, brief_save, brief_send
from .impact import (
    ImportRefused,
    impact_link,
    impact_remove,
    impact_update,
    measure_create,
    measure_import,
    measure_set_value,
    measure_update,
)
from .lgsco import (
    lgsco_case_create,
    lgsco_case_learn,
    lgsco_case_update,
    lgsco_remedy_action,
    lgsco_remedy_add,
    lgsco_remedy_comply,
    lgsco_year_save,
    tracker_figures,
)
from .meetings import (
    agenda_item_action,
    agenda_item_add,
    agenda_item_record,
    meeting_approve_minutes,
    meeting_build_agenda,
    meeting_record_attendance,
    meeting_save_notes,
    meeting_schedule,
    meeting_schedule_next,
    refresh_upcoming_agendas,
    series_save,
)
from .reviews import (
    recommendation_add,
    recommendation_update,
    review_add_document,
    review_create,
    review_link_record,
    review_update,
)

__all__ = [
    "ImportRefused",
    "ServiceError",
    "agenda_item_action",
    "agenda_item_add",
    "agenda_item_record",
    "brief_acknowledge",
    "brief_save",
    "brief_send",
    "impact_link",
    "impact_remove",
    "impact_update",
    "lgsco_case_create",
    "lgsco_case_learn",
    "lgsco_case_update",
    "lgsco_remedy_action",
    "lgsco_remedy_add",
    "lgsco_remedy_comply",
    "lgsco_year_save",
    "measure_create",
    "measure_import",
    "measure_set_value",
    "measure_update",
    "meeting_approve_minutes",
    "meeting_build_agenda",
    "meeting_record_attendance",
    "meeting_save_notes",
    "meeting_schedule",
    "meeting_schedule_next",
    "refresh_upcoming_agendas",
    "series_save",
    "tracker_figures",
    "action_add_evidence",
    "action_complete",
    "action_create",
    "action_record_progress",
    "action_reopen",
    "action_sign_off",
    "action_update",
    "evidence_remove",
    "milestone_add",
    "milestone_done",
    "recommendation_add",
    "recommendation_update",
    "review_add_document",
    "review_create",
    "review_link_record",
    "review_update",
]
