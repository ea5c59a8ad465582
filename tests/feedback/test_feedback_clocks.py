"""The complaint clocks on real dates across Easter and Christmas 2025 and 2026.

England and Wales bank holidays used: Good Friday 18 April and Easter Monday 21 April 2025;
25 and 26 December 2025; 1 January, Good Friday 3 April and Easter Monday 6 April 2026;
25 December 2026 (Friday) and 28 December 2026 (Boxing Day substitute); 1 January 2027.
"""

import datetime as dt

import pytest

from careloop.core.services import ServiceError
from careloop.feedback import clocks, services
from careloop.feedback.models import ClockSettings, Feedback
from tests.feedback.factories import make_feedback

D = dt.date


@pytest.mark.parametrize(
    "received,ack_due",
    [
        (D(2025, 4, 17), D(2025, 4, 24)),  # Thursday before Easter: Tue, Wed, Thu
        (D(2025, 4, 18), D(2025, 4, 24)),  # Good Friday itself
        (D(2025, 12, 23), D(2025, 12, 30)),  # Wed 24, (25, 26 closed), Mon 29, Tue 30
        (D(2025, 12, 24), D(2025, 12, 31)),  # Mon 29, Tue 30, Wed 31
        (D(2025, 12, 31), D(2026, 1, 6)),  # (1 Jan closed) Fri 2, Mon 5, Tue 6
        (D(2026, 4, 2), D(2026, 4, 9)),  # (Good Friday, Easter Monday) Tue 7, Wed 8, Thu 9
        (D(2026, 12, 23), D(2026, 12, 30)),  # Thu 24, (25, 28 closed), Tue 29, Wed 30
        (D(2026, 12, 24), D(2026, 12, 31)),  # Tue 29, Wed 30, Thu 31
    ],
)
def test_statutory_acknowledgement_is_3_working_days(users, received, ack_due):
    item = make_feedback(kind="complaint", received_on=received)
    assert item.acknowledgement_due_on == ack_due
    assert item.next_due_on == ack_due


def test_statutory_default_response_period_is_the_configured_working_days(users):
    ClockSettings.objects.create(statutory_response_days=25)
    item = make_feedback(kind="complaint", received_on=D(2026, 3, 20))
    # 25 working days from Fri 20 March 2026, skipping Good Friday and Easter Monday.
    assert item.response_due_on == D(2026, 4, 28)


def test_corporate_stage_1_across_christmas_2026_and_new_year(users):
    item = make_feedback(kind="corporate", received_on=D(2026, 12, 24))
    assert item.acknowledgement_due_on == D(2027, 1, 5)  # 5 working days
    assert item.response_due_on == D(2027, 1, 12)  # 10 working days


def test_corporate_stage_2_across_easter_2026(users):
    officer = users["quality_lead"]
    item = make_feedback(kind="corporate", received_on=D(2026, 3, 2))
    services.complaint_respond(feedback=item, user=officer, on=D(2026, 3, 13), outcome="not_upheld")
    item = services.complaint_escalate(feedback=item, user=officer, on=D(2026, 3, 30))
    assert (item.stage, item.stage1_responded_on) == (2, D(2026, 3, 13))
    assert item.acknowledgement_due_on == D(2026, 4, 8)
    assert item.response_due_on == D(2026, 4, 29)
    assert (item.responded_on, item.outcome, item.status) == (None, "", "in_progress")


def test_the_corporate_clock_is_configurable(users):
    ClockSettings.objects.create(stage1_ack_days=3, stage1_response_days=15)
    item = make_feedback(kind="corporate", received_on=D(2026, 3, 2))
    assert item.acknowledgement_due_on == D(2026, 3, 5)
    assert item.response_due_on == D(2026, 3, 23)


def test_corporate_extension_cannot_pass_the_code_limit(users):
    item = make_feedback(kind="corporate", received_on=D(2026, 3, 2))
    officer = users["quality_lead"]
    with pytest.raises(ServiceError, match="due by 30 March 2026 at the latest"):
        services.complaint_revise_response_period(
            feedback=item, user=officer, new_due_on=D(2026, 4, 30), reason="Busy"
        )
    item = services.complaint_revise_response_period(
        feedback=item, user=officer, new_due_on=D(2026, 3, 30), reason="Agreed: witness away"
    )
    revision = item.revisions.get()
    assert (revision.previous_due_on, revision.new_due_on) == (D(2026, 3, 16), D(2026, 3, 30))


def test_statutory_response_period_is_revisable_with_a_reason(users):
    item = make_feedback(kind="complaint", received_on=D(2026, 3, 2))
    officer = users["quality_lead"]
    with pytest.raises(ServiceError, match="Give the reason"):
        services.complaint_revise_response_period(
            feedback=item, user=officer, new_due_on=D(2026, 6, 1), reason=" "
        )
    item = services.complaint_acknowledge(
        feedback=item, user=officer, on=D(2026, 3, 4), response_due_on=D(2026, 5, 29)
    )
    assert item.status == "acknowledged" and item.next_due_on == D(2026, 5, 29)
    assert "Agreed with the person" in item.revisions.get().reason


def test_six_month_warning(users):
    settings = ClockSettings(six_month_warning_days=20)
    item = make_feedback(kind="complaint", received_on=D(2026, 1, 2))
    assert clocks.six_month_point(item) == D(2026, 7, 2)
    assert clocks.clock(item, settings, today=D(2026, 5, 1)).warnings == []
    [warning] = clocks.clock(item, settings, today=D(2026, 6, 5)).warnings
    assert "The 6-month point is 2 July 2026, in 19 working days" in warning
    [warning] = clocks.clock(item, settings, today=D(2026, 7, 2)).warnings
    assert "No response 6 months after receipt" in warning
    services.complaint_respond(
        feedback=item, user=users["quality_lead"], on=D(2026, 6, 30), outcome="upheld"
    )
    item.refresh_from_db()
    assert clocks.clock(item, settings, today=D(2026, 7, 3)).warnings == []


def test_six_months_from_the_end_of_august_is_the_end_of_february():
    assert clocks.add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)


def test_a_complaint_made_more_than_12_months_later_is_flagged_not_rejected(users):
    on_time = make_feedback(kind="complaint", event_on=D(2025, 1, 2), received_on=D(2026, 1, 2))
    late = make_feedback(kind="complaint", event_on=D(2025, 1, 2), received_on=D(2026, 1, 5))
    assert not clocks.is_late(on_time) and clocks.is_late(late)
    assert late.status == "new"  # accepted into the register, not rejected
    settings = ClockSettings()
    assert any("12 months" in w for w in clocks.clock(late, settings, D(2026, 1, 6)).warnings)
    officer = users["quality_lead"]
    with pytest.raises(ServiceError, match="record the decision to accept it first"):
        services.complaint_respond(feedback=late, user=officer, on=D(2026, 2, 1), outcome="upheld")
    services.complaint_decide_late(
        feedback=late, user=officer, decision="accepted", reason="In hospital for a year"
    )
    late = services.complaint_respond(
        feedback=late, user=officer, on=D(2026, 2, 1), outcome="upheld"
    )
    assert late.status == "responded" and late.is_well_founded


def test_councillor_enquiries_are_answered_in_10_working_days(users):
    item = make_feedback(kind="member", received_on=D(2026, 12, 21))
    assert item.acknowledgement_due_on is None
    assert item.response_due_on == D(2027, 1, 7)


def test_compliments_have_no_clock(users):
    item = make_feedback(kind="compliment", received_on=D(2026, 3, 2))
    assert (item.acknowledgement_due_on, item.response_due_on, item.next_due_on) == (
        None,
        None,
        None,
    )


def test_from_receipt_to_ombudsman(users):
    officer = users["quality_lead"]
    item = make_feedback(kind="complaint", received_on=D(2026, 3, 2), owner=users["manager"])
    with pytest.raises(ServiceError, match="Choose the outcome"):
        services.complaint_respond(feedback=item, user=officer, on=D(2026, 3, 20))
    services.complaint_acknowledge(feedback=item, user=officer, on=D(2026, 3, 3))
    services.complaint_respond(
        feedback=item,
        user=officer,
        on=D(2026, 3, 20),
        outcome="partly_upheld",
        actions_promised="Apology; review of the care plan",
    )
    enquiry = services.complaint_refer_to_lgsco(
        feedback=item,
        user=officer,
        on=D(2026, 5, 1),
        lgsco_reference="25 001 234",
        enquiry_due_on=D(2026, 5, 29),
    )
    item.refresh_from_db()
    assert item.lgsco_referred_on == D(2026, 5, 1)
    assert (enquiry.kind, enquiry.complaint, enquiry.owner) == ("ombudsman", item, users["manager"])
    assert enquiry.next_due_on == D(2026, 5, 29)
    assert list(item.ombudsman_enquiries.all()) == [enquiry]
    with pytest.raises(ServiceError, match="already been referred"):
        services.complaint_refer_to_lgsco(feedback=item, user=officer, on=D(2026, 5, 2))
    closed = services.feedback_close(feedback=item, user=officer)
    assert closed.status == "closed" and closed.next_due_on is None


def test_statutory_complaints_have_no_stage_2(users):
    item = make_feedback(kind="complaint")
    with pytest.raises(ServiceError, match="one local stage"):
        services.complaint_escalate(feedback=item, user=users["quality_lead"], on=D(2026, 4, 1))


def test_changing_the_date_received_moves_the_clock(users):
    item = make_feedback(kind="complaint", received_on=D(2026, 3, 2))
    saved = services.feedback_update(
        feedback=item,
        changes={"received_on": D(2026, 4, 2)},
        user=users["quality_lead"],
        version=item.version,
        original=services.snapshot(item),
    )
    assert saved.acknowledgement_due_on == D(2026, 4, 9)
    assert Feedback.objects.get(pk=item.pk).response_due_on == clocks.default_response_due(
        saved, ClockSettings.current()
    )
