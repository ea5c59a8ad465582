"""Benchmarks of the assurance area: gathering evidence, drafting, pages, reports, parsing."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager

from django.test import Client

from careloop.assurance import services
from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.cqc.report_parser import parse_report
from careloop.assurance.drafting import draft_narrative
from careloop.assurance.models import EvidenceItem
from careloop.assurance.reports import build_report, report_docx, report_pdf
from careloop.core import areas
from careloop.core.benchmarking import measure, timed_requests
from careloop.core.models import User
from careloop.core.permissions import Role

FACTS = 2000
_facts: list[areas.EvidenceFact] = []


def bench_facts() -> list[areas.EvidenceFact]:
    return list(_facts)


@contextmanager
def _area_with(facts):
    """A stand-in area reporting `facts` (the real areas report tens to hundreds)."""
    real = areas.all_areas
    area = areas.Area(
        label="Benchmark",
        url_name="core:home",
        permission="core.home",
        order=999,
        evidence="careloop.assurance.bench.bench_facts",
    )
    _facts[:] = facts
    areas.all_areas = lambda: [*real(), area]
    try:
        yield
    finally:
        areas.all_areas = real
        _facts.clear()


def _make_facts(n: int, version: int = 0) -> list[areas.EvidenceFact]:
    today = dt.date.today()
    kinds = ["complaints", "ombudsman", "actions"]
    return [
        areas.EvidenceFact(
            key=f"bench:{i}",
            title=f"Figure {i}: complaints and learning in team {i % 40}",
            summary=f"Staff told us learning from complaints was shared ({i + version}).",
            date=today - dt.timedelta(days=i % 300),
            source="Benchmark area",
            statements=(1 + i % 9,),
            category=["people", "staff_leaders", "partners", "processes"][i % 4],
            figures={"kind": kinds[i % 3], "received": 40 + i % 7, "upheld": 9, "total": 12,
                     "completed": 10},
        )
        for i in range(n)
    ]  # fmt: skip


def _lead():
    user, _ = User.objects.get_or_create(
        email="bench.lead@northshire.example",
        defaults={"full_name": "Bench Lead", "role": Role.QUALITY_LEAD},
    )
    return user


def evidence_refresh(repeat: int):
    """Gathering 2,000 facts into the library: first time (all new), then unchanged, then
    with every figure changed."""
    first: list[float] = []
    same: list[float] = []
    changed: list[float] = []
    for run in range(repeat):
        EvidenceItem.objects.filter(kind="fact").delete()
        for facts, times in (
            (_make_facts(FACTS), first),
            (_make_facts(FACTS), same),
            (_make_facts(FACTS, version=run + 1), changed),
        ):
            with _area_with(facts):
                start = time.perf_counter()
                result = services.evidence_refresh()
                times.append(time.perf_counter() - start)
                assert not result.error, result.error
    yield measure("assurance.evidence_refresh.new_2000", first, "s", facts=FACTS)
    yield measure("assurance.evidence_refresh.unchanged_2000", same, "s", facts=FACTS)
    yield measure("assurance.evidence_refresh.changed_2000", changed, "s", facts=FACTS)


def drafting_and_pages(repeat: int):
    """Drafting one statement's key findings from about 220 confirmed items; the library,
    coverage and statement pages with 2,000 items."""
    lead = _lead()
    with _area_with(_make_facts(FACTS)):
        services.evidence_refresh()
    services.evidence_accept_suggestions(
        items=EvidenceItem.objects.needing_confirmation(), user=lead
    )
    assessment = services.assessment_create(
        title="Benchmark", as_at=dt.date.today(), user=lead, draft=False
    )
    sa = assessment.statements.get(statement__number=9)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        narrative = draft_narrative(sa)
        runs.append(time.perf_counter() - start)
    yield measure("assurance.draft_narrative", runs, "s", items=len(narrative.used), statement=9)
    services.statement_draft(statement_assessment=sa, user=lead)
    client = Client(SERVER_NAME="localhost")
    client.force_login(lead)
    for name, path in [
        ("assurance.library_page", "/assurance/evidence/"),
        ("assurance.coverage_page", f"/assurance/self-assessments/{assessment.pk}/coverage/"),
        ("assurance.statement_page", f"/assurance/self-assessments/{assessment.pk}/statements/9/"),
    ]:
        yield from timed_requests(name, client, path, repeat=repeat, requests=10)


def report_documents(repeat: int):
    """The CQC-format report of a full self-assessment as PDF and as Word."""
    lead = _lead()
    assessment = services.assessment_create(
        title="Report benchmark", as_at=dt.date.today(), user=lead, draft=False
    )
    paragraph = "Staff told us learning was shared across teams and with partners. " * 6
    for sa in assessment.statements.all():
        sa.score, sa.key_findings = 3, "\n\n".join([paragraph] * 8)
        sa.save()
    for name, render in [
        ("assurance.report_pdf", report_pdf),
        ("assurance.report_docx", report_docx),
    ]:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            render(build_report(assessment))
            runs.append(time.perf_counter() - start)
        yield measure(name, runs, "s", statements=9, paragraphs_each=8)


def parse_reports(repeat: int):
    """Reading a published CQC quality statement page (the seed's shape, generated)."""
    qs = QUALITY_STATEMENTS[8]
    findings = [
        "Staff told us there was a positive culture of learning. Partners said leaders listened. "
        "36 complaints were made to the Local Government and Social Care Ombudsman (LGSCO) of "
        "which 19 were upheld (Adult Social Care Survey, October 2024)."
    ] * 10
    page = "\n".join([
        "Westmere Borough Council: local authority assessment", qs.name, "Score: 3",
        "3 - Evidence shows a good standard", "The local authority commitment", qs.commitment,
        "Key findings for this quality statement", *findings,
    ])  # fmt: skip
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(50):
            record = parse_report(page)
            record.sentences()
        runs.append(50 / (time.perf_counter() - start))
    yield measure("assurance.parse_report", runs, "pages/s")


BENCHMARKS = [evidence_refresh, drafting_and_pages, report_documents, parse_reports]
