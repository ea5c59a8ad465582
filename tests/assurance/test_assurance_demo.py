"""Northshire's demo: a full self-assessment drafted from its data, with a rating, two peers,
and every area's evidence flowing into the library and the self-assessment."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django.utils.module_loading import import_string

from careloop.assurance.drafting import linked_sentences
from careloop.assurance.models import EvidenceItem, PeerReport, SelfAssessment
from careloop.assurance.models.evidence import months_before
from careloop.core.areas import all_areas

pytestmark = pytest.mark.xdist_group("northshire")


@pytest.fixture
def assessment(northshire, db):
    return SelfAssessment.objects.get()


def test_a_full_self_assessment_with_a_rating(assessment):
    assert assessment.scores() == [3, 2, 3, 3, 3, 2, 3, 3, 3]
    rating = assessment.rating().rating
    assert (rating.total, rating.percentage, rating.rating) == (25, 69, "Good")
    for sa in assessment.statements.all():
        assert sa.paragraphs(), sa.statement.name
        assert sa.rationale and sa.strengths and sa.areas_for_development
        sentences = [s for p in linked_sentences(sa) for s in p]
        assert all(s.evidence_ids for s in sentences), sa.statement.name
    statuses = [sa.status for sa in assessment.statements.order_by("statement__number")]
    assert statuses == ["approved"] * 5 + ["in_review"] * 2 + ["draft"] * 2


def test_statements_are_approved_by_someone_other_than_who_sent_them(assessment):
    for sa in assessment.statements.filter(status="approved"):
        events = {e.action: e.by for e in sa.reviews.all()}
        assert events["submitted"] != events["approved"], sa.statement.name
        assert events["approved"].email == "quality.lead@northshire.example"


def test_rerunning_the_demo_in_a_new_year_keeps_one_self_assessment(assessment):
    from careloop.demo import assurance as demo_assurance

    with time_machine.travel(dt.date(dt.date.today().year + 1, 1, 15)):
        demo_assurance._self_assessment(log=lambda line: None)
    assert SelfAssessment.objects.get() == assessment
    # A database from before the title stopped carrying the year is recognised too.
    SelfAssessment.objects.filter(pk=assessment.pk).update(title="Self-assessment 2025")
    demo_assurance._self_assessment(log=lambda line: None)
    assert SelfAssessment.objects.count() == 1


def test_two_peer_reports_with_nine_scores(northshire, db):
    reports = {r.council: r for r in PeerReport.objects.all()}
    assert set(reports) == {"Westmere Borough Council", "Eastbridge City Council"}
    assert reports["Westmere Borough Council"].rating().rating.percentage == 67
    assert reports["Eastbridge City Council"].rating().rating.rating == "Requires improvement"
    for report in reports.values():
        assert None not in report.scores()
        assert report.overall_percentage == report.rating().rating.percentage
        for page in report.pages.all():
            assert page.missing == [] and page.warnings == [], (report, page)


def test_some_evidence_waits_for_a_person_to_confirm(northshire, db):
    waiting = EvidenceItem.objects.needing_confirmation()
    assert waiting.count() == 3 and all(i.suggested_statements for i in waiting)


def test_every_areas_facts_reach_the_library_and_the_self_assessment(assessment):
    """Each area that declares `Area.evidence` has its facts in the library, and its recent
    facts are drafted into Northshire's key findings, each sentence linked to them."""
    linked = {
        i
        for sa in assessment.statements.all()
        for p in linked_sentences(sa)
        for s in p
        for i in s.evidence_ids
    }
    cutoff = months_before(timezone.localdate(), assessment.evidence_max_age_months)
    for area in all_areas():
        if not area.evidence:
            continue
        facts = import_string(area.evidence)()
        keys = {f.key for f in facts}
        items = EvidenceItem.objects.filter(key__in=keys)
        assert items.count() == len(keys), area.label
        recent = items.filter(date__gte=cutoff).exclude(suggested_statements=[])
        if recent.exists():
            assert linked & set(recent.values_list("pk", flat=True)), area.label
