"""The real areas' evidence flows into the library and into the drafted key findings."""

from __future__ import annotations

import datetime as dt

from careloop.assurance import services
from careloop.assurance.drafting import linked_sentences
from careloop.assurance.models import EvidenceItem
from careloop.feedback.models import Feedback
from careloop.feedback.selectors import financial_year_start
from tests.feedback.factories import make_feedback


def test_feedback_register_figures_are_drafted_in_cqc_style(db, users, framework):
    today = dt.date.today()
    start = financial_year_start(today)
    for i in range(5):
        make_feedback(user=users["quality_lead"], received_on=start + dt.timedelta(days=i))
    make_feedback(user=users["quality_lead"], kind=Feedback.Kind.COMPLIMENT, received_on=start)
    complaints = Feedback.objects.filter(kind=Feedback.Kind.COMPLAINT).order_by("pk")
    for n, complaint in enumerate(complaints[:4]):  # four answered, two of them upheld
        Feedback.objects.filter(pk=complaint.pk).update(
            responded_on=complaint.received_on + dt.timedelta(days=10),
            outcome=Feedback.Outcome.UPHELD if n < 2 else Feedback.Outcome.NOT_UPHELD,
        )
    run = services.evidence_refresh()
    assert run.error == "" and run.created >= 1
    label = f"{start.year}-{str(start.year + 1)[2:]}"
    item = EvidenceItem.objects.get(key=f"feedback:complaints:{label}")
    assert item.area == "feedback" and item.suggested_category == "people_experience"
    services.evidence_accept_suggestions(items=[item], user=users["quality_lead"])
    assessment = services.assessment_create(title="2026", as_at=today, user=users["admin"])
    sa = assessment.statements.get(statement__number=9)
    sentences = [s for p in linked_sentences(sa) for s in p]
    texts = [s.text for s in sentences]
    on_time = round(100 * sum(
        1 for c in Feedback.objects.filter(kind="complaint", responded_on__isnull=False)
        if c.responded_on <= c.response_due_on
    ) / 4)  # fmt: skip
    assert texts[:4] == [
        f"The local authority received 5 complaints so far in {label}.",
        "Of the 4 decided, 2 (50%) were upheld.",
        f"{on_time}% of complaints were responded to within the agreed timescale.",
        f"The local authority received 1 compliment so far in {label}.",
    ]
    assert all(s.evidence_ids == [item.pk] for s in sentences[:4])


def test_learning_reviews_and_ombudsman_figures_are_drafted(db, users, framework):
    from careloop.learning.models import LgscoYear
    from tests.learning import factories

    lead = users["quality_lead"]
    rev = factories.review(
        lead,
        title="Review of charging complaints",
        summary="Complaints about charging doubled after the new policy.",
        reported_on=dt.date.today() - dt.timedelta(days=20),
    )
    rec = factories.recommendation(rev)
    for n in range(2):
        factories.action(lead, title=f"Training {n}", recommendation=rec)
    year = financial_year_start(dt.date.today()).year - 1  # the last complete year
    LgscoYear.objects.create(
        year_start=year,
        complaints_made=36,
        decided=30,
        detailed_investigations=25,
        upheld=19,
        compliance_rate=100,
    )
    services.evidence_refresh()
    items = EvidenceItem.objects.filter(area="learning")
    assert items.count() == 2
    services.evidence_accept_suggestions(items=items, user=lead)
    assessment = services.assessment_create(title="2026", as_at=dt.date.today(), user=lead)
    texts = [
        s.text for p in linked_sentences(assessment.statements.get(statement__number=9)) for s in p
    ]
    label = f"{year}-{str(year + 1)[2:]}"
    assert (
        "Of 2 improvement actions arising from “Review of charging complaints”, none had yet "
        "been completed." in texts
    )
    assert "Complaints about charging doubled after the new policy." in texts
    assert (
        f"36 complaints were made to the Local Government and Social Care Ombudsman (LGSCO) in "
        f"{label} of which 19 were upheld, and the local authority complied with 100% of the "
        "Ombudsman's recommendations." in texts
    )
