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
