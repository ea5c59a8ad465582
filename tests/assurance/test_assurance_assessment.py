"""The self-assessment: drafting from evidence with sentence links, coverage, review, rating."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from careloop.assurance import services
from careloop.assurance.drafting import draft_narrative, linked_sentences
from careloop.assurance.models import EvidenceItem, ReviewEvent, StatementAssessment
from careloop.assurance.selectors import coverage
from careloop.core.services import ServiceError
from tests.assurance.fake_evidence import fact

TODAY = dt.date.today()


@pytest.fixture
def evidence(fake_area, framework, users):
    """Confirmed evidence for statement 9 in three categories, plus some that is left out."""
    fake_area.FACTS[:] = [
        fact("f:complaints"),
        fact(
            "f:ombudsman",
            title="Ombudsman decisions",
            figures={"kind": "ombudsman", "received": 36, "upheld": 19},
        ),
        fact(
            "f:training",
            title="Financial assessment training",
            summary="staff in the Financial Assessment Team completed training on explaining "
            "charges. Complaints about charging fell afterwards",
            figures={},
            category="staff_leaders",
        ),
        fact(
            "f:old",
            title="Old survey",
            summary="An old survey.",
            date=TODAY - dt.timedelta(days=900),
            figures={},
        ),
        fact("f:gone", title="Retired figure", summary="Gone.", figures={}),
    ]
    services.evidence_refresh()
    fake_area.FACTS.pop()  # f:gone is no longer reported
    services.evidence_refresh()
    lead = users["quality_lead"]
    for item in EvidenceItem.objects.all():
        category = "processes" if item.key == "f:ombudsman" else item.suggested_category
        services.evidence_confirm(item=item, user=lead, statements=[9], category=category)
    return {i.key: i for i in EvidenceItem.objects.all()}


@pytest.fixture
def assessment(evidence, users):
    return services.assessment_create(title="2026", as_at=TODAY, user=users["quality_lead"])


def test_key_findings_are_drafted_in_cqc_style_with_every_sentence_linked(assessment, evidence):
    sa = assessment.statements.get(statement__number=9)
    assert sa.paragraphs() == [
        "The local authority received 412 complaints, of which 38% were upheld.",
        "Staff in the Financial Assessment Team completed training on explaining charges. "
        "Complaints about charging fell afterwards.",
        "36 complaints were made to the Local Government and Social Care Ombudsman (LGSCO) of "
        "which 19 were upheld.",
    ]  # people's experience, then staff and leaders, then processes (framework order)
    links = {link["text"]: link["evidence"] for link in sa.sentence_evidence}
    assert links["Complaints about charging fell afterwards."] == [evidence["f:training"].pk]
    assert sa.drafted_at is not None
    narrative = draft_narrative(sa)
    assert narrative.left_out == {"older than 12 months": 1, "no longer reported": 1}
    other = assessment.statements.get(statement__number=1)
    assert other.key_findings == "" and other.sentence_evidence == []


def test_edited_sentences_keep_their_evidence_and_new_ones_have_none(assessment, evidence):
    sa = assessment.statements.get(statement__number=9)
    sa.key_findings = (
        "The local authority received 412 complaints in the year, of which 38% were upheld. "
        "Leaders told us they read every complaint.\n\n"
        "36 complaints were made to the Local Government and Social Care Ombudsman (LGSCO) of "
        "which 19 were upheld."
    )
    sa.save()
    paragraphs = linked_sentences(sa)
    first, added = paragraphs[0]
    assert first.edited and first.evidence_ids == [evidence["f:complaints"].pk]
    assert added.evidence_ids == [] and not added.edited
    exact = paragraphs[1][0]
    assert not exact.edited and exact.evidence_ids == [evidence["f:ombudsman"].pk]
    assert [s.index for p in paragraphs for s in p] == [0, 1, 2]


def test_a_person_links_evidence_to_a_sentence(assessment, evidence, users, client):
    sa = assessment.statements.get(statement__number=9)
    sa.key_findings += "\n\nLeaders told us they read every complaint."
    sa.save()
    index = [s for p in linked_sentences(sa) for s in p][-1].index
    client.force_login(users["manager"])
    url = reverse("assurance:sentence_link", args=[assessment.pk, 9, index])
    assert "Leaders told us they read every complaint." in client.get(url).content.decode()
    client.post(url, {"evidence": [evidence["f:complaints"].pk]})
    sa.refresh_from_db()
    last = [s for p in linked_sentences(sa) for s in p][-1]
    assert last.evidence_ids == [evidence["f:complaints"].pk]
    with pytest.raises(ServiceError, match="tagged to this quality statement"):
        services.sentence_link(
            statement_assessment=assessment.statements.get(statement__number=1),
            sentence="Anything.",
            evidence_ids=[evidence["f:complaints"].pk],
            user=users["manager"],
        )
    assert (
        client.get(reverse("assurance:sentence_link", args=[assessment.pk, 9, 99])).status_code
        == 404
    )


def test_the_statement_page_shows_sentences_with_numbered_evidence(assessment, users, client):
    client.force_login(users["viewer"])
    page = client.get(reverse("assurance:statement_show", args=[assessment.pk, 9]))
    body = page.content.decode()
    assert "The local authority received 412 complaints" in body
    assert 'href="#evidence-' in body and "Evidence behind each sentence" in body
    assert "Financial assessment training" in body


def test_restricted_evidence_is_not_drafted(fake_area, framework, users):
    fake_area.FACTS[:] = [fact("f:1")]
    services.evidence_refresh()
    item = EvidenceItem.objects.get()
    services.evidence_confirm(
        item=item, user=users["admin"], statements=[9], category="people_experience"
    )
    item.is_restricted = True
    item.save()
    assessment = services.assessment_create(title="x", as_at=TODAY, user=users["admin"])
    sa = assessment.statements.get(statement__number=9)
    assert sa.key_findings == "" and draft_narrative(sa).left_out == {"restricted": 1}


def test_coverage_counts_current_and_out_of_date_evidence(assessment, evidence):
    rows = {row.number: row for row in coverage(assessment)}
    cells = {cell.category: cell for cell in rows[9].cells}
    assert (cells["people_experience"].current, cells["people_experience"].out_of_date) == (1, 2)
    assert cells["people_experience"].state == "thin"  # 1 current, fewer than 2
    assert cells["partners"].state == "missing"
    assert cells["processes"].state == "thin"
    assert "No evidence of feedback from partners" in rows[9].gaps
    assert "No evidence of outcomes" not in rows[9].gaps  # CQC does not use it for councils
    assessment.min_items_per_category = 1
    assessment.evidence_max_age_months = 36
    rows = {row.number: row for row in coverage(assessment)}
    cells = {cell.category: cell for cell in rows[9].cells}
    assert (cells["people_experience"].current, cells["people_experience"].state) == (2, "covered")
    assessment.as_at = TODAY + dt.timedelta(days=3 * 365)
    assessment.evidence_max_age_months = 1
    rows = {row.number: row for row in coverage(assessment)}
    assert {c.category: c.state for c in rows[9].cells}["processes"] == "stale"


def _score_all(assessment, scores):
    for sa, score in zip(assessment.statements.order_by("statement__number"), scores, strict=True):
        sa.score = score
        sa.key_findings = sa.key_findings or "Staff told us it worked."
        sa.save()


def test_rating_needs_all_nine_scores(assessment):
    outcome = assessment.rating()
    assert outcome.rating is None and "0 of 9" in outcome.reason
    _score_all(assessment, [3, 3, 3, 3, 3, 3, 3, 3, None])
    assert "8 of 9" in assessment.rating().reason
    _score_all(assessment, [3] * 9)
    rating = assessment.rating().rating
    assert (rating.total, rating.percentage, rating.rating) == (27, 75, "Good")


def test_review_approval_and_sign_off_with_history(assessment, users):
    lead, manager = users["quality_lead"], users["manager"]
    sa = assessment.statements.get(statement__number=1)
    with pytest.raises(ServiceError, match="a proposed score and key findings"):
        services.statement_submit(statement_assessment=sa, user=manager)
    _score_all(assessment, [3, 2, 3, 3, 3, 2, 3, 3, 3])
    sa.refresh_from_db()
    services.statement_submit(statement_assessment=sa, user=manager, comment="Ready")
    with pytest.raises(ServiceError, match="can be changed only after"):
        services.statement_draft(statement_assessment=sa, user=manager)
    with pytest.raises(ServiceError, match="Say what needs to change"):
        services.statement_return(statement_assessment=sa, user=lead, comment=" ")
    services.statement_return(statement_assessment=sa, user=lead, comment="Add carers' views")
    assert sa.status == "draft"
    services.statement_submit(statement_assessment=sa, user=manager)
    services.statement_approve(statement_assessment=sa, user=lead)
    actions = list(sa.reviews.order_by("at", "id").values_list("action", "comment"))
    assert actions == [
        ("submitted", "Ready"),
        ("returned", "Add carers' views"),
        ("submitted", ""),
        ("approved", ""),
    ]
    with pytest.raises(ServiceError, match="8 of 9 quality statements are not approved"):
        services.assessment_sign_off(assessment=assessment, user=lead)
    for other in assessment.statements.exclude(pk=sa.pk):
        services.statement_submit(statement_assessment=other, user=manager)
        services.statement_approve(statement_assessment=other, user=lead)
    services.assessment_sign_off(assessment=assessment, user=lead, comment="Agreed at DMT")
    assert assessment.is_signed_off and assessment.approved_by == lead
    with pytest.raises(ServiceError, match="signed off"):
        services.statement_reopen(statement_assessment=sa, user=lead)
    with pytest.raises(ServiceError, match="Say why"):
        services.assessment_withdraw_sign_off(assessment=assessment, user=lead, comment="")
    services.assessment_withdraw_sign_off(assessment=assessment, user=lead, comment="New data")
    services.statement_reopen(statement_assessment=sa, user=lead)
    assert ReviewEvent.objects.filter(statement_assessment=None).count() == 2


def test_nobody_approves_a_statement_they_sent_for_review(assessment, users, client):
    lead, other_lead = users["quality_lead"], users["admin"]
    _score_all(assessment, [3] * 9)
    sa = assessment.statements.get(statement__number=1)
    services.statement_submit(statement_assessment=sa, user=lead)
    with pytest.raises(ServiceError, match="someone else must approve it"):
        services.statement_approve(statement_assessment=sa, user=lead)
    sa.refresh_from_db()
    assert sa.status == "in_review"
    # The page says so, and nothing changes.
    client.force_login(lead)
    url = reverse("assurance:statement_review", args=[assessment.pk, 1])
    refused = client.post(url, {"action": "approve", "comment": "Fine by me"})
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body
    assert "someone else must approve it" in html.unescape(body)
    sa.refresh_from_db()
    assert sa.status == "in_review"
    assert list(sa.reviews.values_list("action", flat=True)) == ["submitted"]
    # What counts is who sent it the last time: returned, resent by another, lead may approve.
    services.statement_return(statement_assessment=sa, user=other_lead, comment="Add figures")
    services.statement_submit(statement_assessment=sa, user=users["manager"])
    services.statement_approve(statement_assessment=sa, user=lead)
    sa.refresh_from_db()
    assert sa.status == "approved"


def test_edit_page_saves_and_refuses_bad_input(assessment, users, client):
    client.force_login(users["manager"])
    url = reverse("assurance:statement_edit", args=[assessment.pk, 1])
    assert "3 - Evidence shows a good standard" in client.get(url).content.decode()
    bad = client.post(url, {"score": "7", "rationale": "Because"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert "Because" in bad.content.decode()
    assert (
        StatementAssessment.objects.get(self_assessment=assessment, statement__number=1).score
        is None
    )
    client.post(
        url,
        {
            "score": "2",
            "rationale": "Waiting lists",
            "strengths": "Strengths-based practice",
            "areas_for_development": "Assessment waits",
            "key_findings": "People told us they waited.\n\nStaff said teams were stretched.",
        },
    )
    sa = StatementAssessment.objects.get(self_assessment=assessment, statement__number=1)
    assert sa.score == 2 and sa.paragraphs() == [
        "People told us they waited.",
        "Staff said teams were stretched.",
    ]
    assert sa.updated_by == users["manager"]


def test_review_through_the_page(assessment, users, client):
    _score_all(assessment, [3] * 9)
    client.force_login(users["manager"])
    review = reverse("assurance:statement_review", args=[assessment.pk, 9])
    client.post(review, {"action": "submit"})
    assert client.post(review, {"action": "approve"}).status_code == 403  # managers don't approve
    client.force_login(users["quality_lead"])
    refused = client.post(review, {"action": "return", "comment": ""})
    assert refused.status_code == 200 and "Say what needs to change" in refused.content.decode()
    client.post(review, {"action": "approve", "comment": "Good"})
    sa = assessment.statements.get(statement__number=9)
    assert sa.status == "approved"
    assert client.post(review, {"action": "explode"}).status_code == 404
    sign_off = client.post(reverse("assurance:assessment_sign_off", args=[assessment.pk]), {})
    assert sign_off.status_code == 200 and "not approved yet" in sign_off.content.decode()


def test_redraft_preview_then_replace(assessment, users, client):
    sa = assessment.statements.get(statement__number=9)
    sa.key_findings = "A person's own words."
    sa.save()
    client.force_login(users["quality_lead"])
    url = reverse("assurance:statement_draft", args=[assessment.pk, 9])
    preview = client.get(url).content.decode()
    assert "This replaces the key findings" in preview and "received 412 complaints" in preview
    sa.refresh_from_db()
    assert sa.key_findings == "A person's own words."  # nothing saved by looking
    client.post(url)
    sa.refresh_from_db()
    assert "received 412 complaints" in sa.key_findings


def test_start_a_self_assessment_through_the_page(evidence, users, client):
    client.force_login(users["quality_lead"])
    url = reverse("assurance:assessment_new")
    bad = client.post(url, {"title": "", "evidence_max_age_months": "0"})
    assert "There is a problem" in bad.content.decode()
    response = client.post(
        url,
        {
            "title": "Self-assessment 2026",
            "as_at_0": str(TODAY.day),
            "as_at_1": str(TODAY.month),
            "as_at_2": str(TODAY.year),
            "evidence_max_age_months": "12",
            "min_items_per_category": "2",
            "draft": "on",
        },
    )
    assessment = evidence["f:complaints"].statements.get().framework.self_assessments.get()
    assert response.url == assessment.get_absolute_url()
    assert assessment.statements.count() == 9
    assert "412 complaints" in assessment.statements.get(statement__number=9).key_findings
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert (
        "Overall rating not computable" in page and "0 of 9 quality statements are scored" in page
    )
