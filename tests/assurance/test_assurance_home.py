"""What the assurance area adds to the home page: work to review, and headline figures."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from careloop.assurance import selectors, services
from tests.assurance.fake_evidence import fact


def test_my_work_and_headlines(fake_area, framework, users, client):
    fake_area.FACTS[:] = [fact("k:1"), fact("k:2")]
    services.evidence_refresh()
    assessment = services.assessment_create(
        title="Self-assessment 2026", as_at=dt.date.today(), user=users["quality_lead"]
    )
    sa = assessment.statements.get(statement__number=3)
    sa.score, sa.key_findings = 3, "People told us they were treated fairly."
    sa.save()
    services.statement_submit(statement_assessment=sa, user=users["manager"])

    lead_work = selectors.my_work(users["quality_lead"])
    assert [w.title for w in lead_work] == [
        "Review: Equity in experience and outcomes",
        "Confirm the suggested tags of 2 evidence items",
    ]
    assert lead_work[0].url == sa.get_absolute_url()
    assert selectors.my_work(users["manager"]) == []  # managers neither approve nor confirm all

    figures = {f.label: f for f in selectors.headlines(users["viewer"])}
    assert figures["Proposed overall rating"].value == "Not computable"
    assert figures["Quality statements approved"].value == "0 of 9"
    assert figures["Evidence items"].value == 2

    client.force_login(users["quality_lead"])
    home = client.get(reverse("core:home")).content.decode()
    assert "Review: Equity in experience and outcomes" in home and "Evidence items" in home
