"""Northshire's CQC assurance: its evidence library, a full self-assessment drafted from its
data with a rating, and the published reports of two (invented) neighbouring councils.

Runs after every other area's demo step, so the evidence they report is gathered first.
Idempotent: a second load writes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TypedDict

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.text import slugify

from careloop.assurance import services
from careloop.assurance.cqc.framework import QUALITY_STATEMENTS, SCORE_LEVELS
from careloop.assurance.cqc.rating import overall_rating
from careloop.assurance.models import EvidenceItem, PeerReport, SelfAssessment
from careloop.core import audit
from careloop.core.models import User
from careloop.demo import story

SITE = "https://www.northshire.example/adult-social-care"

# title, summary, source, statements, category, link (or None: an uploaded document),
# months ago, survey figure (measure, value, England average) or None
DOCUMENTS = [
    ("Adult Social Care Survey 2025-26: people in control of their daily life",
     "Results of the national survey of people who use services, for Northshire.",
     "Adult Social Care Survey", [1, 2], "people_experience", None,
     story.MONTHS - 3 - story.SURVEY_MONTH,
     ("of people who use services felt in control of their daily life", 76.1, 77.6)),
    ("Adult Social Care Survey 2025-26: finding information",
     "Results of the national survey of people who use services, for Northshire.",
     "Adult Social Care Survey", [2, 3], "people_experience", f"{SITE}/survey-results",
     story.MONTHS - 3 - story.SURVEY_MONTH,
     ("of people who use services found it easy to find information about support", 58.3, 67.1)),
    ("Adult Social Care Survey 2025-26: feeling safe",
     "Results of the national survey of people who use services, for Northshire.",
     "Adult Social Care Survey", [7, 6], "people_experience", f"{SITE}/survey-results#safe",
     story.MONTHS - 3 - story.SURVEY_MONTH,
     ("of people who use services said they felt safe", 71.4, 71.1)),
    ("Survey of Adult Carers in England 2024-25",
     "Results of the national survey of carers, for Northshire.",
     "Survey of Adult Carers in England", [1, 4], "people_experience", f"{SITE}/carers-survey", 14,
     ("of carers were satisfied with social services", 38.2, 36.3)),
    ("Staff survey 2025: supervision and development",
     "Staff told us supervision and 'My Time' meetings were regular and useful: 82% said they "
     "had supervision at least monthly. Practitioners said they could take up development such "
     "as Best Interests Assessor training.",
     "Northshire County Council staff survey", [9, 8], "staff_leaders", None, 5, None),
    ("Adult Social Care Strategy 2024 to 2029",
     "The Adult Social Care Strategy, coproduced with the Learning Disability and Carers "
     "Partnership Boards, set out how the local authority would help people live independently.",
     "Northshire County Council", [8, 2, 5], "processes", f"{SITE}/strategy", 11, None),
    ("Carers Strategy 2024 to 2027",
     "The carers strategy was written with carers through the Carers Partnership Board and "
     "committed the local authority to offer every carer an assessment of their own needs.",
     "Northshire Carers Partnership Board", [1, 5], "partners", f"{SITE}/carers-strategy", 10,
     None),
    ("Safeguarding Adults Board annual report 2025-26",
     "Partners on the Safeguarding Adults Board told us referrals were handled more quickly, and "
     "learning from the hoarding review was shared across agencies.",
     "Northshire Safeguarding Adults Board", [7, 5], "partners", f"{SITE}/sab-annual-report", 3,
     None),
    ("Hospital discharge and reablement pathway",
     "The hospital discharge pathway, agreed with the NHS trust, set out who did what when "
     "people left hospital, and reablement was offered within 48 hours.",
     "Northshire County Council and Northshire NHS Trust", [6, 4], "processes",
     f"{SITE}/discharge-pathway", 8, None),
    ("Preparing for adulthood protocol",
     "After the Ofsted inspection, the Transitions Team updated pathway plans so that young "
     "people leaving care with support needs are known to adult services from age 16.",
     "Northshire Transitions Team", [6, 3], "processes", None,
     story.MONTHS - 1 - story.OFSTED_INSPECTION - 2, None),
    ("Market Position Statement 2025",
     "The Market Position Statement showed home care hours had grown, but nursing care for "
     "people with dementia remained hard to find in the east of the county.",
     "Northshire County Council", [4, 8], "processes", f"{SITE}/market-position", 9, None),
    ("Equality impact assessment: charging policy",
     "An equality impact assessment found the new charging policy affected disabled people on "
     "low incomes most, and recommended clearer letters and a welfare benefits check.",
     "Northshire County Council", [3, 8], "processes", f"{SITE}/charging-eia",
     story.MONTHS - 1 - story.CHARGING_POLICY_CHANGE, None),
    ("Quality assurance framework for adult social care",
     "Monthly quality assurance meetings followed up every action from reviews, audits and "
     "complaints until its impact was known.",
     "Quality Assurance and Improvement Team", [8, 9], "processes", f"{SITE}/qa-framework", 7,
     None),
    ("Learning Disability Partnership Board: you said, we did",
     "People with learning disabilities and their carers told us letters were hard to read. "
     "In response, the local authority sent easy read letters on request.",
     "Learning Disability Partnership Board", [3, 5], "people_experience",
     f"{SITE}/you-said-we-did", 4, None),
    ("Healthwatch Northshire: experiences of home care",
     "Healthwatch told us people valued their regular care workers but found changes of visit "
     "times at short notice stressful.",
     "Healthwatch Northshire", [4], "partners", f"{SITE}/healthwatch-home-care", 6, None),
    ("Principal social worker's annual report",
     "The principal social worker reported that practice audits found strengths-based "
     "assessments in most cases, and that learning from complaints was shared in practice forums.",
     "Principal social worker", [9, 1], "staff_leaders", None, 2, None),
]  # fmt: skip
# Left for a person to confirm, to show careloop's suggestions.
UNCONFIRMED = [
    ("Accessible Information working group: terms of reference",
     "A working group of people who use services, carers and staff to make information "
     "accessible, formed after the Adult Social Care Survey.",
     "Northshire County Council", f"{SITE}/accessible-information", 1),
    ("Approved Mental Health Professional service review",
     "A review of AMHP rotas and out-of-hours cover, with recommendations for training.",
     "Approved Mental Health Professional Service", None, 2),
    ("Direct payments: people's experiences",
     "People using direct payments told us the support service helped them employ personal "
     "assistants.",
     "Direct Payments Team", f"{SITE}/direct-payments", 3),
]  # fmt: skip

SCORES = [3, 2, 3, 3, 3, 2, 3, 3, 3]  # 25 of 36: 69%, Good
JUDGEMENTS = {
    1: ("Assessments are strengths-based and carers are offered their own assessment, but people "
        "wait too long for an assessment in the east of the county.",
        "Strengths-based practice; carers' assessments offered as standard.",
        "Waiting times for assessment; reviews of care and support overdue for some people."),
    2: ("Information and advice are harder to find than elsewhere, as the Adult Social Care Survey "
        "shows; prevention and reablement are good.",
        "Reablement offered quickly after hospital; technology-enabled care.",
        "Accessible information, which the working group is addressing."),
    3: ("The council knows who is most likely to experience inequality and has acted on it, for "
        "example with easy read letters.",
        "Equality impact assessments acted on; easy read letters.",
        "Data on the ethnicity of people using services is incomplete."),
    4: ("The market is understood and home care has grown; dementia nursing care is short.",
        "Home care capacity; Healthwatch partnership.",
        "Nursing care for people with dementia in the east."),
    5: ("Partners describe a collaborative council that shares learning.",
        "Safeguarding Adults Board; Partnership Boards.",
        "Joint commissioning with the NHS is at an early stage."),
    6: ("Discharge works well, but care leavers were not prepared early enough for adulthood until "
        "the protocol changed; the change is recent.",
        "Hospital discharge pathway; updated preparing for adulthood protocol.",
        "Embed the preparing for adulthood protocol and show its impact."),
    7: ("People feel as safe as elsewhere; learning from the hoarding review has been acted on.",
        "Learning from Safeguarding Adults Reviews; multi-agency working.",
        "Timeliness of some safeguarding enquiries."),
    8: ("Governance is clear: actions from reviews are followed up to impact at quality assurance "
        "meetings.",
        "Quality assurance framework; use of data.",
        "Financial sustainability of the care market."),
    9: ("A learning culture: complaints about charging fell after training, and staff have "
        "supervision and development.",
        "Learning from complaints and reviews, with measured impact; the Learning Academy.",
        "Coproduction earlier in projects."),
}  # fmt: skip
SUMMARY = (
    "People told us staff were kind and listened to them, and that reablement after a stay in "
    "hospital helped them get back on their feet. Carers valued having their own assessment.\n\n"
    "Some people found information about care and support hard to find or to read, and people "
    "in the east of the county waited longer for an assessment."
)


def _lead() -> User | None:
    return User.objects.filter(email="quality.lead@northshire.example").first()


def _pdf(title: str, summary: str) -> ContentFile:
    """A small PDF standing in for the council's real document."""
    from weasyprint import HTML

    body = (
        f"<html><body><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p>"
        "<p>An invented document of the Northshire demo council.</p></body></html>"
    )
    return ContentFile(HTML(string=body).write_pdf(), name=f"{slugify(title)[:60]}.pdf")


def _months_ago(months: int) -> dt.date:
    return story.month_start(story.MONTHS - 1 - months)


def _evidence(log) -> None:
    lead = _lead()
    added = 0
    for title, summary, source, statements, category, link, months, figure in DOCUMENTS:
        if EvidenceItem.objects.filter(title=title).exists():
            continue
        date = _months_ago(months)
        figures = None
        if figure:
            measure, value, average = figure
            figures = {"measure": measure, "value_pct": value, "survey": source,
                       "date": f"{date:%B %Y}"}  # fmt: skip
            if average is not None:
                figures["comparator_pct"] = average
        services.evidence_add(
            user=lead,
            kind="link" if link else "document",
            title=title,
            summary=summary,
            date=date,
            source=source,
            url=link or "",
            file=None if link else _pdf(title, summary),
            statements=statements,
            category=category,
            figure=figures,
        )
        added += 1
    for title, summary, source, link, months in UNCONFIRMED:
        if EvidenceItem.objects.filter(title=title).exists():
            continue
        services.evidence_add(
            user=lead,
            kind="link" if link else "document",
            title=title,
            summary=summary,
            date=_months_ago(months),
            source=source,
            url=link or "",
            file=None if link else _pdf(title, summary),
        )
        added += 1
    if added:
        log(f"{added} evidence documents and links added")


# The demo's self-assessment is found again by this title, which does not change from year to
# year (a title with the year in it made a rerun in a new year start a second one). Earlier demo
# databases titled it "Self-assessment <year>"; those count as the same one.
SELF_ASSESSMENT_TITLE = "Northshire self-assessment"
OLD_TITLE = r"^Self-assessment [0-9]{4}$"


def _manager() -> User | None:
    return User.objects.filter(email="manager@northshire.example").first()


def _self_assessment(log) -> None:
    lead = _lead()
    existing = SelfAssessment.objects.filter(
        Q(title=SELF_ASSESSMENT_TITLE) | Q(title__regex=OLD_TITLE, created_by=lead)
    )
    if lead is None or existing.exists():
        return
    # A team manager drafts and sends statements for review; the quality lead approves them:
    # nobody approves their own statement.
    author = _manager() or lead
    title = SELF_ASSESSMENT_TITLE
    assessment = services.assessment_create(title=title, as_at=dt.date.today(), user=lead)
    assessment.summary = SUMMARY
    assessment.save()
    for sa in assessment.statements.select_related("statement"):
        number = sa.statement.number
        rationale, strengths, development = JUDGEMENTS[number]
        sa.score = SCORES[number - 1]
        sa.rationale, sa.strengths, sa.areas_for_development = rationale, strengths, development
        sa.save()
        if number <= 7:
            with audit.acting_as(author, "command"):
                services.statement_submit(statement_assessment=sa, user=author)
        if number <= 5:
            services.statement_approve(statement_assessment=sa, user=lead, comment="Agreed")
    outcome = assessment.rating()
    if outcome.rating is None:
        log(f"{title}: no proposed rating ({outcome.reason})")
    else:
        log(f"{title}: proposed rating {outcome.rating.percentage}% {outcome.rating.rating}")


# --- Two neighbouring councils' published reports (invented) -----------------------------------
class Peer(TypedDict):
    """A neighbouring council's invented report: its nine scores, summary and statement pages."""

    scores: list[int]
    summary: str
    pages: dict[int, list[str]]


PEERS: dict[str, Peer] = {
    "Westmere Borough Council": {
        "scores": [3, 3, 2, 3, 3, 2, 2, 3, 3],
        "summary": "People told us staff treated them with respect, though some waited a long "
        "time for an assessment. Carers said they did not always know where to get support.",
        "pages": {
            9: [
                "Staff told us there was a positive culture of learning at Westmere Borough "
                "Council. Leaders used feedback from people, complaints and audits to identify "
                "where practice needed to improve.",
                "The local authority learned from complaints. 21 complaints were made to the "
                "Local Government and Social Care Ombudsman (LGSCO) of which 9 were upheld. "
                "Leaders told us actions were tracked at a monthly quality board.",
                "Partners told us the local authority shared learning from Safeguarding Adults "
                "Reviews across the system. However, people's experiences of coproduction were "
                "mixed: some said they were involved only after decisions were made.",
            ],
            7: [
                "People told us they felt safe and that staff listened to what being safe meant "
                "to them. 68% of people who use services said they felt safe, similar to the "
                "England average (Adult Social Care Survey, October 2024).",
                "However, staff told us there was a backlog of safeguarding enquiries awaiting "
                "allocation, and partners said feedback on the outcome of referrals was "
                "inconsistent. Leaders were aware and had a plan to reduce waiting times.",
            ],
        },
    },
    "Eastbridge City Council": {
        "scores": [2, 2, 2, 3, 2, 2, 2, 2, 2],
        "summary": "People's experiences were mixed. Many people told us they waited too long "
        "for support, and information about care was hard to find.",
        "pages": {
            9: [
                "Staff said they had access to training, but supervision was not always regular "
                "and some staff told us they did not hear about learning from complaints.",
                "The local authority had started to pilot new ways of working, for example a "
                "digital front door for information and advice, but it was too early to see the "
                "impact on people's outcomes.",
            ],
        },
    },
}


def _statement_page(council: str, number: int, score: int, paragraphs: list[str]) -> str:
    qs = QUALITY_STATEMENTS[number - 1]
    lines = [
        f"{council}: local authority assessment",
        qs.name,
        f"Score: {score}",
        SCORE_LEVELS[score - 1].line,
    ]
    if qs.what_people_expect:
        lines += ["What people expect", *qs.what_people_expect]
    lines += ["The local authority commitment", qs.commitment]
    lines += ["Key findings for this quality statement", *paragraphs]
    return "\n".join(lines)


def _summary_page(council: str, scores: list[int], summary: str) -> str:
    """The summary page as saved HTML, so the demo shows the HTML import too."""
    result = overall_rating(scores)
    rows = "".join(
        f"<li><h3>{html.escape(qs.name)}</h3><p>Score: {score}</p>"
        f"<p>{html.escape(SCORE_LEVELS[score - 1].line)}</p></li>"
        for qs, score in zip(QUALITY_STATEMENTS, scores, strict=True)
    )
    name = html.escape(council)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{name}: local authority assessment - "
        f"Care Quality Commission</title></head><body><nav><a href='/'>Home</a></nav><main>"
        f"<h1>{name}: local authority assessment</h1><p>Assessed 2025. Published 2026.</p>"
        f"<h2>Local authority rating and score</h2><p>{result.rating}</p>"
        f"<p>Overall rating for {name}: {result.percentage}%</p>"
        f"<h2>Quality statement scores</h2><ul>{rows}</ul>"
        f"<h2>Summary of people's experiences</h2><p>{html.escape(summary)}</p>"
        "</main><footer><p>Back to top</p></footer></body></html>"
    )


def _peers(log) -> None:
    lead = _lead()
    for council, data in PEERS.items():
        if PeerReport.objects.filter(council=council).exists():
            continue
        services.peer_page_import(
            text=_summary_page(council, data["scores"], data["summary"]),
            user=lead,
            source_name="summary.html",
        )
        for number, paragraphs in data["pages"].items():
            text = _statement_page(council, number, data["scores"][number - 1], paragraphs)
            services.peer_page_import(text=text, user=lead, source_name="pasted")
        log(f"{council}'s published report imported")


def load(log) -> None:
    """Everything is recorded as done by Northshire's quality lead, Priya Shah."""
    with audit.acting_as(_lead(), "command"):
        _load(log)


def _load(log) -> None:
    services.framework_ensure()
    _evidence(log)
    run = services.evidence_refresh()
    if run.created or run.updated or run.stale:
        log(f"Evidence gathered from careloop: {run.created} new, {run.updated} updated")
    facts = EvidenceItem.objects.filter(kind=EvidenceItem.Kind.FACT).needing_confirmation()
    accepted, _ = services.evidence_accept_suggestions(items=facts, user=_lead())
    if accepted:
        log(f"careloop's suggested tags confirmed for {accepted} of the areas' figures")
    _self_assessment(log)
    _peers(log)
