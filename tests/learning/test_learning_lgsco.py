"""The Ombudsman tracker: stages from dates, decisions, remedies with deadlines, figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careloop.core.attachments import attachments_for
from careloop.core.services import ServiceError
from careloop.learning import services
from careloop.learning.models import LgscoCase, LgscoRemedy, LgscoYear, Review
from tests.learning import factories as f

TODAY = dt.date.today()
pytestmark = pytest.mark.django_db


def test_the_stage_follows_the_dates(users):
    lead = users["quality_lead"]
    case = f.lgsco_case(lead, decided=False)
    assert case.stage == "received"
    services.lgsco_case_update(case=case, user=lead, assessment_on=TODAY - dt.timedelta(days=100))
    assert case.stage == "assessment"
    services.lgsco_case_update(
        case=case, user=lead, decided_on=TODAY, decision=LgscoCase.Decision.NOT_UPHELD
    )
    assert case.stage == "decision"
    assert case.investigation_on == TODAY  # decided on its merits, so investigated


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"decided_on": TODAY - dt.timedelta(days=400), "decision": "not_upheld"},
            "cannot be before it was received",
        ),
        ({"decision": "upheld_fault"}, "Enter the date of the decision"),
        ({"decided_on": TODAY}, "Record what the Ombudsman decided"),
        ({"summary": " "}, "Say what the case is about"),
    ],
)
def test_bad_case_input_is_refused(users, fields, message):
    with pytest.raises(ServiceError, match=message):
        f.lgsco_case(users["quality_lead"], decided=False, **fields)
    assert not LgscoCase.objects.exists()


def test_references_are_unique(users):
    f.lgsco_case(users["quality_lead"], lgsco_reference="24 012 345")
    with pytest.raises(ServiceError, match="already has the reference"):
        f.lgsco_case(users["quality_lead"], lgsco_reference="24 012 345")


def test_a_remedy_without_a_deadline_is_refused(users):
    case = f.lgsco_case(users["quality_lead"])
    with pytest.raises(ServiceError, match="Enter the compliance deadline"):
        services.lgsco_remedy_add(case=case, kind="apology", description="Apologise", due_on=None)
    with pytest.raises(ServiceError, match="amount of the payment"):
        services.lgsco_remedy_add(case=case, kind="payment", description="£250", due_on=TODAY)
    with pytest.raises(ServiceError, match="Only a financial payment"):
        services.lgsco_remedy_add(
            case=case, kind="apology", description="x", due_on=TODAY, amount=Decimal(5)
        )
    assert not LgscoRemedy.objects.exists()


def test_compliance_with_evidence_and_on_time(users):
    lead = users["quality_lead"]
    case = f.lgsco_case(lead)
    remedy = services.lgsco_remedy_add(
        case=case,
        kind="payment",
        description="Payment for distress",
        due_on=TODAY,
        amount=Decimal("300"),
    )
    with pytest.raises(ServiceError, match="Give evidence of compliance"):
        services.lgsco_remedy_comply(remedy=remedy, user=lead, complied_on=TODAY)
    with pytest.raises(ServiceError, match="cannot be in the future"):
        services.lgsco_remedy_comply(
            remedy=remedy, user=lead, complied_on=TODAY + dt.timedelta(days=1), note="x"
        )
    services.lgsco_remedy_comply(
        remedy=remedy,
        user=lead,
        complied_on=TODAY,
        file=SimpleUploadedFile("bacs.pdf", b"%PDF-1.4"),
    )
    assert remedy.on_time is True
    assert [a.role for a in attachments_for(remedy)] == ["evidence"]


def test_a_service_improvement_remedy_becomes_an_action(users):
    lead = users["quality_lead"]
    case = f.lgsco_case(lead)
    remedy = services.lgsco_remedy_add(
        case=case,
        kind="training",
        description="Train staff on charging",
        due_on=TODAY + dt.timedelta(days=90),
    )
    action = services.lgsco_remedy_action(
        remedy=remedy, user=lead, owner=users["manager"], due=remedy.due_on
    )
    assert action.origin == "lgsco" and action.source == remedy and action.priority == "high"
    with pytest.raises(ServiceError, match="already has an action"):
        services.lgsco_remedy_action(
            remedy=remedy, user=lead, owner=users["manager"], due=remedy.due_on
        )


def test_a_decision_becomes_a_learning_review_once(users):
    lead = users["quality_lead"]
    case = f.lgsco_case(lead)
    review = services.lgsco_case_learn(case=case, user=lead)
    assert review.kind == Review.Kind.LGSCO and "upheld" in review.findings.lower()
    assert services.lgsco_case_learn(case=case, user=lead) == review
    with pytest.raises(ServiceError, match="decision first"):
        services.lgsco_case_learn(case=f.lgsco_case(lead, decided=False), user=lead)


def test_a_case_links_to_the_complaint_it_came_from(users):
    from careloop.feedback.models import Feedback

    complaint = Feedback.objects.create(
        reference="FB-2026-00001",
        kind="complaint",
        channel="email",
        received_on=TODAY - dt.timedelta(days=300),
        text="Charged without warning",
        lgsco_reference="25 000 111",
    )
    case = f.lgsco_case(users["quality_lead"], complaint=complaint)
    assert case.lgsco_reference == "25 000 111"  # taken from the complaint
    assert list(complaint.lgsco_cases.all()) == [case]


def test_yearly_figures_and_the_upheld_rate(users):
    year = services.lgsco_year_save(
        year_start=2024,
        complaints_made=36,
        decided=30,
        detailed_investigations=22,
        upheld=19,
        similar_upheld_rate=Decimal("79.0"),
        compliance_rate=Decimal("100"),
    )
    assert year.label == "2024-25" and year.upheld_rate == Decimal("86.4")
    with pytest.raises(ServiceError, match="Upheld cannot be more"):
        services.lgsco_year_save(
            year_start=2023, complaints_made=3, decided=3, detailed_investigations=1, upheld=2
        )
    with pytest.raises(ServiceError, match="percentage from 0 to 100"):
        services.lgsco_year_save(
            year_start=2023,
            complaints_made=3,
            decided=3,
            detailed_investigations=1,
            upheld=1,
            compliance_rate=Decimal(120),
        )
    assert LgscoYear.objects.count() == 1


def test_tracker_figures_count_the_year(users):
    lead = users["quality_lead"]
    year_start = TODAY.year if TODAY.month >= 4 else TODAY.year - 1
    start = dt.date(year_start, 4, 1)
    f.lgsco_case(
        lead,
        received_on=start,
        decided_on=start + dt.timedelta(days=1),
        decision="upheld_injustice",
    )
    f.lgsco_case(
        lead,
        received_on=start,
        decided_on=start + dt.timedelta(days=2),
        decision="not_investigated",
    )
    remedied = f.lgsco_case(
        lead, received_on=start, decided_on=start + dt.timedelta(days=3), decision="remedied"
    )
    services.lgsco_remedy_add(
        case=remedied, kind="apology", description="Sorry", due_on=start + dt.timedelta(days=10)
    )
    figures = services.tracker_figures(year_start)
    assert figures["complaints_made"] == 3 and figures["decided"] == 3
    assert figures["detailed_investigations"] == 2 and figures["upheld"] == 2
    assert figures["remedied_by_council"] == 1


def test_the_api_adds_remedies_with_the_same_rules(client, users):
    case = f.lgsco_case(users["quality_lead"])
    client.force_login(users["quality_lead"])
    url = f"/api/v1/lgsco-cases/{case.pk}/remedies/"
    refused = client.post(
        url, {"kind": "apology", "description": "Sorry"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "compliance deadline" in refused.json()["detail"]
    ok = client.post(
        url,
        {"kind": "apology", "description": "Sorry", "due_on": str(TODAY)},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["remedies"][0]["kind"] == "apology"


def test_a_referred_complaint_reaches_the_tracker_without_retyping(login, users):
    from django.urls import reverse

    from careloop.feedback import services as feedback_services
    from tests.feedback.factories import make_feedback

    lead, manager = users["quality_lead"], users["manager"]
    complaint = make_feedback(
        user=lead, received_on=TODAY - dt.timedelta(days=90), team=manager.team, owner=manager
    )
    feedback_services.complaint_respond(
        feedback=complaint, user=lead, on=TODAY - dt.timedelta(days=40), outcome="not_upheld"
    )
    feedback_services.complaint_refer_to_lgsco(
        feedback=complaint,
        user=lead,
        on=TODAY - dt.timedelta(days=10),
        lgsco_reference="26 001 234",
    )
    complaint.refresh_from_db()
    new_url = f"{reverse('learning:lgsco_new')}?complaint={complaint.pk}"

    # the complaint's page and the tracker offer it to people who record Ombudsman cases
    client = login(lead)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Add to the Ombudsman tracker" in page and new_url.replace("&", "&amp;") in page
    index = client.get(reverse("learning:lgsco_index")).content.decode()
    assert "not yet in the tracker" in index and complaint.reference in index
    other = login(manager).get(complaint.get_absolute_url()).content.decode()
    assert "Add to the Ombudsman tracker" not in other

    # the form is filled from the referral
    client = login(lead)
    form = client.get(new_url).context["form"]
    assert form.initial["complaint"] == complaint.pk
    assert form.initial["lgsco_reference"] == "26 001 234"
    assert form.initial["received_on"] == TODAY - dt.timedelta(days=10)
    assert form.initial["officer"] == manager.pk and form.initial["team"] == manager.team_id
    received = TODAY - dt.timedelta(days=10)
    data = {
        "lgsco_reference": "26 001 234",
        "kind": "complaint",
        "subject": "charging",
        "summary": form.initial["summary"],
        "complaint": complaint.pk,
        **{
            f"received_on_{i}": v
            for i, v in enumerate((received.day, received.month, received.year))
        },
        "officer": manager.pk,
        "team": manager.team_id,
    }
    for name in ("assessment_on", "investigation_on", "decided_on"):
        data.update({f"{name}_{i}": "" for i in range(3)})
    response = client.post(new_url, data)
    case = LgscoCase.objects.get(complaint=complaint)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert (case.lgsco_reference, case.received_on, case.officer) == (
        "26 001 234",
        received,
        manager,
    )

    # once tracked: linked both ways, never entered twice
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Ombudsman tracker: 26 001 234" in page and "Add to the Ombudsman tracker" not in page
    assert client.get(new_url)["Location"] == case.get_absolute_url()
    again = client.post(new_url, {**data, "lgsco_reference": ""})
    assert (
        again.status_code == 200 and "is already in the Ombudsman tracker" in again.content.decode()
    )
    assert LgscoCase.objects.filter(complaint=complaint).count() == 1
    index = client.get(reverse("learning:lgsco_index")).content.decode()
    assert "not yet in the tracker" not in index
