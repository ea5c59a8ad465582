"""Northshire's pilots and external learning.

Three pilots from the seed, each with outcome measures recorded month by month:
- Night-time support at home after hospital discharge: a clear success (scaled up).
- Wearable sensors for safety and independence: inconclusive (no clear change yet; the
  sample-size note says how much longer it would take).
- A support robot prompting people to take their medication: too short to tell ("more time
  was needed"), so the pilot was extended.

Figures are drawn from fixed seeds, so every load gives the same results. Dates are relative
to today (see careloop.demo.story).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np

from careloop.core.models import Team, User
from careloop.demo.story import month_start
from careloop.innovation import analysis
from careloop.innovation.models import (
    Evaluation,
    ExternalLearning,
    Measure,
    Pilot,
    Reading,
    Risk,
    Story,
)
from careloop.learning import selectors as learning_selectors
from careloop.learning import services as learning_services

NIGHT = "Night-time support at home after hospital discharge"
SENSORS = "Wearable sensors for safety and independence"
ROBOT = "Support robot prompting people to take medication"

# Month indexes (see story.py): baseline, start, planned end.
NIGHT_BASELINE, NIGHT_START, NIGHT_END = 4, 12, 21
SENSORS_BASELINE, SENSORS_START, SENSORS_END = 0, 10, 22
ROBOT_BASELINE, ROBOT_START, ROBOT_END = 12, 20, 26
LAST_FULL_MONTH = 22  # the current month (23) is not over


def _end_of(index: int) -> dt.date:
    return month_start(index + 1) - dt.timedelta(days=1)


def _people():
    get = User.objects.get
    return {
        "quality": get(email="quality.lead@northshire.example"),
        "manager": get(email="manager@northshire.example"),
        "practitioner": get(email="practitioner@northshire.example"),
    }


def _team(name: str) -> Team | None:
    return Team.objects.filter(name=name).first()


def _pilot(title: str, **fields) -> Pilot:
    pilot, _ = Pilot.objects.get_or_create(title=title, defaults=fields)
    return pilot


def _measure(pilot: Pilot, name: str, order: int, **fields) -> Measure:
    measure, _ = Measure.objects.get_or_create(
        pilot=pilot, name=name, defaults={"order": order, **fields}
    )
    return measure


def _readings(measure: Measure, rows, user, group=Reading.Group.PILOT) -> int:
    """rows: (month index, value, denominator or None). Adds those not there yet."""
    have = set(measure.readings.filter(group=group).values_list("period_start", flat=True))
    added = 0
    for index, value, denominator in rows:
        start = month_start(index)
        if start in have:
            continue
        Reading.objects.create(
            measure=measure,
            group=group,
            period_start=start,
            value=Decimal(str(value)),
            denominator=None if denominator is None else Decimal(str(denominator)),
            entered_by=user,
        )
        added += 1
    return added


def _counts(seed: int, months: range, rate_for) -> list[tuple[int, int, None]]:
    rng = np.random.default_rng(seed)
    return [(i, int(rng.poisson(rate_for(i))), None) for i in months]


def _rates(seed: int, months: range, people, chance_for) -> list[tuple[int, int, int]]:
    """Events out of people each month (binomial)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in months:
        n = int(people(rng))
        out.append((i, int(rng.binomial(n, chance_for(i))), n))
    return out


def _means(seed: int, months: range, mean_for, sd: float, decimals: int = 1):
    rng = np.random.default_rng(seed)
    return [(i, round(float(rng.normal(mean_for(i), sd)), decimals), None) for i in months]


def _evaluation(
    pilot: Pilot, *, kind, data_to, author, decision="", reasons="", decided_on=None, extend_to=None
) -> Evaluation:
    existing = pilot.evaluations.filter(kind=kind, data_to=data_to).first()
    if existing:
        return existing
    analyses = analysis.analyse_pilot(pilot, data_to=data_to)
    return Evaluation.objects.create(
        pilot=pilot,
        kind=kind,
        data_to=data_to,
        summary=analysis.draft_summary(pilot, analyses),
        decision=decision,
        reasons=reasons,
        decided_by=author if decision else None,
        decided_on=decided_on if decision else None,
        extend_to=extend_to,
        author=author,
    )


# --- The night support pilot: a clear success ---------------------------------------------------
def night_support(people) -> Pilot:
    pilot = _pilot(
        NIGHT,
        problem="People discharged from Northshire General late in the day, or who are unsteady "
        "at night, are often readmitted within a month or moved into a care home because "
        "there is no one with them overnight in the first weeks home.",
        idea="A night support service for up to six weeks after discharge: a night carer on "
        "call and planned night visits, arranged by the Hospital Discharge Team before the "
        "person leaves hospital.",
        hypothesis="Night support in the first weeks home will cut readmissions within 30 days "
        "by a third, let more people return to their own home rather than a care home, and "
        "help people feel safe, at no more cost per person.",
        cohort="Adults discharged from Northshire General to the North and East localities "
        "with night-time needs: about 60 people a month.",
        design=Pilot.Design.BOTH,
        comparison_group="People discharged to the South locality, where there is no night "
        "service, over the same months.",
        baseline_start=month_start(NIGHT_BASELINE),
        start_date=month_start(NIGHT_START),
        end_date=month_start(NIGHT_END),
        partners="Northshire and District NHS Foundation Trust (discharge hub); Healthwatch "
        "Northshire (people's experience interviews).",
        providers="Brightwater Home Care (night carers); Northshire Telecare (call response).",
        budget=Decimal("186000"),
        lead=people["quality"],
        team=_team("Hospital Discharge Team"),
        status=Pilot.Status.SCALED,
        status_changed_on=month_start(LAST_FULL_MONTH) + dt.timedelta(days=9),
        approved_by=people["quality"],
        approved_on=month_start(NIGHT_START - 2),
    )
    months = range(NIGHT_BASELINE, NIGHT_END + 1)
    after = NIGHT_START
    measures = [
        (
            _measure(
                pilot,
                "Readmissions within 30 days",
                1,
                kind=Measure.Kind.RATE,
                per=100,
                denominator_label="people discharged",
                direction="lower",
                hoped_change=Decimal("-33"),
                definition="People readmitted to any hospital within 30 days of discharge, out "
                "of people discharged that month (NHS discharge data).",
            ),
            _rates(
                101, months, lambda r: r.integers(54, 68), lambda i: 0.19 if i < after else 0.10
            ),
            _rates(102, range(after, NIGHT_END + 1), lambda r: r.integers(50, 62), lambda i: 0.18),
        ),
        (
            _measure(
                pilot,
                "People returning to their own home",
                2,
                kind=Measure.Kind.PROPORTION,
                denominator_label="people discharged",
                direction="higher",
                hoped_change=Decimal("10"),
                definition="People discharged to their own home rather than a care home.",
            ),
            _rates(
                103, months, lambda r: r.integers(54, 68), lambda i: 0.62 if i < after else 0.79
            ),
            _rates(104, range(after, NIGHT_END + 1), lambda r: r.integers(50, 62), lambda i: 0.63),
        ),
        (
            _measure(
                pilot,
                "Cost per person in the first eight weeks (£)",
                3,
                kind=Measure.Kind.MEAN,
                direction="lower",
                hoped_change=Decimal("-200"),
                definition="Average cost of care and support per person in the eight weeks "
                "after discharge, including the night service.",
            ),
            _means(105, months, lambda i: 2950 if i < after else 2610, 90, 0),
            _means(106, range(after, NIGHT_END + 1), lambda i: 2940, 90, 0),
        ),
        (
            _measure(
                pilot,
                "Feeling safe at home (people's own rating out of 10)",
                4,
                kind=Measure.Kind.MEAN,
                unit="out of 10",
                direction="higher",
                hoped_change=Decimal("1"),
                definition="Average answer to 'How safe do you feel at home at night?' at the "
                "two-week follow-up call.",
            ),
            _means(107, months, lambda i: 6.1 if i < after else 7.7, 0.35),
            None,
        ),
    ]
    for measure, pilot_rows, comparison_rows in measures:
        _readings(measure, pilot_rows, people["practitioner"])
        if comparison_rows:
            _readings(measure, comparison_rows, people["practitioner"], Reading.Group.COMPARISON)
    _evaluation(
        pilot,
        kind=Evaluation.Kind.INTERIM,
        data_to=_end_of(NIGHT_START + 5),
        author=people["quality"],
    )
    _evaluation(
        pilot,
        kind=Evaluation.Kind.FINAL,
        data_to=_end_of(NIGHT_END),
        author=people["quality"],
        decision=Evaluation.Decision.SCALE,
        reasons="Readmissions within 30 days fell by nearly half and more people went home "
        "rather than to a care home, against both the baseline and the South locality, at "
        "lower cost per person. People told us they felt safe. The Adult Social Care "
        "leadership team agreed to commission night support for every locality from April.",
        decided_on=month_start(LAST_FULL_MONTH) + dt.timedelta(days=9),
    )
    _stories(
        pilot,
        [
            (
                "Home, not a care home",
                "I came out of hospital at seven at night and I was frightened of falling "
                "again. Knowing someone would come at midnight and again at five meant my "
                "daughter could go home to her children. After three weeks I didn't need it.",
                "A woman in her 80s, East locality",
                NIGHT_START + 3,
            ),
            (
                "A calmer first week",
                "Dad gets confused at night. The night carer sat with him and rang me in the "
                "morning. We had been told he would need a home; he is still in his flat.",
                "A carer whose father was discharged, North locality",
                NIGHT_START + 6,
            ),
        ],
        people["practitioner"],
    )
    _risks(
        pilot,
        [
            (
                "Not enough night carers to cover both localities",
                3,
                4,
                "Two providers on the framework; weekly rota check with Brightwater.",
                False,
            ),
            (
                "People discharged without the service being arranged in time",
                2,
                4,
                "Discharge hub checklist includes night needs.",
                True,
            ),
        ],
    )
    return pilot


# --- The wearable sensors pilot: inconclusive ----------------------------------------------------
def sensors(people) -> Pilot:
    pilot = _pilot(
        SENSORS,
        problem="People living alone who fall at home are often not found for hours, and "
        "fear of falling stops people doing things for themselves.",
        idea="Wearable sensors that detect falls and unusual inactivity and alert a responder, "
        "offered with a home safety check.",
        hypothesis="Sensors will reduce falls needing an ambulance or hospital visit by 30% "
        "and help people feel safer and more independent at home.",
        cohort="About 45 people living alone who have fallen in the last year, South locality.",
        design=Pilot.Design.BEFORE_AFTER,
        baseline_start=month_start(SENSORS_BASELINE),
        start_date=month_start(SENSORS_START),
        end_date=month_start(SENSORS_END),
        partners="Northshire Telecare; West Northshire Falls Service (NHS).",
        providers="SafeStep Technology (sensors and monitoring).",
        budget=Decimal("64000"),
        lead=people["manager"],
        team=_team("South Locality Team"),
        status=Pilot.Status.EVALUATING,
        status_changed_on=month_start(SENSORS_END),
        approved_by=people["quality"],
        approved_on=month_start(SENSORS_START - 1),
    )
    months = range(SENSORS_BASELINE, LAST_FULL_MONTH + 1)
    after = SENSORS_START
    falls = _measure(
        pilot,
        "Falls needing an ambulance or hospital visit",
        1,
        kind=Measure.Kind.COUNT,
        direction="lower",
        hoped_change=Decimal("-30"),
        definition="Falls among people in the cohort that led to an ambulance call-out or a "
        "hospital visit (ambulance service data).",
    )
    _readings(falls, _counts(201, months, lambda i: 10.0 if i < after else 9.1), people["manager"])
    callouts = _measure(
        pilot,
        "Long lies (on the floor for an hour or more)",
        2,
        kind=Measure.Kind.COUNT,
        direction="lower",
        hoped_change=Decimal("-50"),
        definition="Falls where the person was on the floor for an hour or more before help came.",
    )
    _readings(
        callouts, _counts(204, months, lambda i: 3.2 if i < after else 2.8), people["manager"]
    )
    safe = _measure(
        pilot,
        "Feeling safe and independent (people's own rating out of 10)",
        3,
        kind=Measure.Kind.MEAN,
        unit="out of 10",
        direction="higher",
        hoped_change=Decimal("1"),
        definition="Average of monthly check-in calls: 'How safe and independent do you feel "
        "at home?'",
    )
    _readings(
        safe, _means(203, months, lambda i: 6.4 if i < after else 6.6, 0.55), people["manager"]
    )
    _evaluation(
        pilot,
        kind=Evaluation.Kind.INTERIM,
        data_to=_end_of(SENSORS_START + 6),
        author=people["manager"],
    )
    _stories(
        pilot,
        [
            (
                "Found within minutes",
                "I slipped in the bathroom in the night. The alarm went off by itself and the "
                "responder was here in twenty minutes. Before, I lay there till morning once.",
                "A man in his 70s living alone, South locality",
                SENSORS_START + 4,
            )
        ],
        people["practitioner"],
    )
    _risks(
        pilot,
        [
            (
                "People stop wearing the sensor (comfort, forgetting)",
                4,
                3,
                "Monthly check-in calls; a choice of wrist or pendant.",
                True,
            ),
            (
                "False alarms overwhelm the responder service",
                2,
                3,
                "Thresholds tuned after the first month.",
                True,
            ),
        ],
    )
    return pilot


# --- The support robot pilot: too short to tell ---------------------------------------------------
def robot(people) -> Pilot:
    pilot = _pilot(
        ROBOT,
        problem="Missed or doubled medication is a common reason for people needing more home "
        "care or a hospital admission, and prompting visits use scarce care hours.",
        idea="A small 'support robot' at home that reminds people, by voice and screen, to take "
        "their medication and do other daily tasks, and tells a family carer when a dose is "
        "missed.",
        hypothesis="Prompting by the robot will cut missed doses from about 1 in 10 to 1 in 16, "
        "and help people keep their independence without extra prompting visits.",
        cohort="About 12 people living at home who need medication prompts, with a family "
        "carer who agrees to alerts. North locality.",
        design=Pilot.Design.BEFORE_AFTER,
        baseline_start=month_start(ROBOT_BASELINE),
        start_date=month_start(ROBOT_START),
        end_date=month_start(ROBOT_END),
        partners="Northshire Carers' Hub (family carers); community pharmacy.",
        providers="CareBot UK (robots and support); Brightwater Home Care.",
        budget=Decimal("38500"),
        lead=people["manager"],
        team=_team("North Locality Team"),
        status=Pilot.Status.RUNNING,
        status_changed_on=month_start(ROBOT_START),
        approved_by=people["quality"],
        approved_on=month_start(ROBOT_START - 1),
    )
    months = range(ROBOT_BASELINE, LAST_FULL_MONTH + 1)
    after = ROBOT_START
    doses = _measure(
        pilot,
        "Medication doses missed",
        1,
        kind=Measure.Kind.PROPORTION,
        denominator_label="doses due",
        direction="lower",
        hoped_change=Decimal("-4"),
        definition="Doses missed out of doses due, from the robot's log (pilot) and care "
        "workers' medication records (baseline).",
    )
    _readings(
        doses,
        _rates(301, months, lambda r: r.integers(330, 372), lambda i: 0.10 if i < after else 0.07),
        people["practitioner"],
    )
    visits = _measure(
        pilot,
        "Prompting visits a week",
        2,
        kind=Measure.Kind.MEAN,
        unit="visits",
        direction="lower",
        hoped_change=Decimal("-5"),
        definition="Average home care visits a week across the cohort made only to prompt "
        "medication.",
    )
    _readings(
        visits, _means(302, months, lambda i: 58 if i < after else 52, 3.0), people["practitioner"]
    )
    _evaluation(
        pilot,
        kind=Evaluation.Kind.INTERIM,
        data_to=_end_of(LAST_FULL_MONTH),
        author=people["quality"],
        decision=Evaluation.Decision.ADAPT,
        reasons="The early figures look encouraging, but three months is too short to tell: "
        "careloop needs at least six months of the pilot before it will judge, and more time "
        "is needed to see whether people keep their independence. The pilot continues for "
        "three more months than planned, and family carers' experience will be added as a "
        "measure.",
        decided_on=month_start(LAST_FULL_MONTH) + dt.timedelta(days=12),
        extend_to=month_start(ROBOT_END + 3),
    )
    pilot.refresh_from_db()  # as stored, so only the end date is recorded as changed
    if pilot.end_date != month_start(ROBOT_END + 3):
        pilot.end_date = month_start(ROBOT_END + 3)
        pilot.save()
    _stories(
        pilot,
        [
            (
                "She tells me when it's time",
                "I call her Betty. She reminds me at breakfast and tea, and if I don't answer my "
                "son gets a message. I haven't missed my heart tablets since she came.",
                "A woman in her 80s, North locality",
                ROBOT_START + 1,
            )
        ],
        people["practitioner"],
    )
    _risks(
        pilot,
        [
            (
                "Connectivity: homes without reliable broadband",
                3,
                3,
                "Robots with a mobile data fallback.",
                True,
            ),
            (
                "People feel watched or lose the human contact of visits",
                2,
                4,
                "Visits are reduced only with the person's agreement; reviewed monthly.",
                True,
            ),
        ],
    )
    return pilot


def _stories(pilot, rows, user) -> None:
    for title, text, whose, month in rows:
        Story.objects.get_or_create(
            pilot=pilot,
            title=title,
            defaults={
                "story": text,
                "whose": whose,
                "consent": True,
                "told_on": month_start(month) + dt.timedelta(days=14),
                "added_by": user,
            },
        )


def _risks(pilot, rows) -> None:
    for description, likelihood, impact, mitigation, is_open in rows:
        Risk.objects.get_or_create(
            pilot=pilot,
            description=description,
            defaults={
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
                "is_open": is_open,
            },
        )


# --- External learning ----------------------------------------------------------------------------
EXTERNAL = [
    (
        "LGA and ADASS peer challenge of adult social care",
        ExternalLearning.Kind.PEER_REVIEW_RECEIVED,
        "Local Government Association and ADASS West Midlands",
        "A four-day peer challenge ahead of CQC assessment: a team of a director, a principal "
        "social worker, a councillor and an NHS partner from other councils reviewed how we "
        "hear people, learn and improve.",
        (8, 8),
        "The peer team found strong learning culture and good use of complaints, but that "
        "coproduction was uneven: some groups were involved from the start, others only at "
        "the end. They recommended a minimum time for groups to respond and a way to show "
        "people what changed.",
        "Findings presented to the Adult Social Care leadership team and the Partnership Boards; "
        "a 7-minute briefing for all staff.",
        "quality",
    ),
    (
        "Peer review of Westmere County Council's front door",
        ExternalLearning.Kind.PEER_REVIEW_GIVEN,
        "ADASS West Midlands",
        "Our Head of Quality and Improvement joined the peer team reviewing Westmere's first "
        "contact and information and advice service.",
        (16, 16),
        "Westmere's single phone line with a social worker on duty resolves half of calls at "
        "first contact; we are testing the idea for carers' calls.",
        "Shared at the monthly quality circle.",
        "quality",
    ),
    (
        "Strengths-based conversations: a research study",
        ExternalLearning.Kind.RESEARCH,
        "University of Northshire (NIHR-funded)",
        "Northshire is one of four research sites in a two-year study of whether strengths-based "
        "assessment conversations change people's outcomes. Practitioners in two locality teams "
        "record conversations (with consent) and take part in interviews.",
        (6, None),
        "Interim findings: people remember strengths-based conversations as 'being listened to'; "
        "practitioners need protected time for reflection to keep the approach up.",
        "Research bulletin for practitioners; findings feed the Social Work Learning Academy.",
        "practitioner",
    ),
    (
        "Skills for Care registered managers' and workforce network",
        ExternalLearning.Kind.NETWORK,
        "Skills for Care",
        "Quarterly regional network of registered managers and workforce leads from councils and "
        "providers.",
        (3, None),
        "Providers in the network shared how they recruit night carers, which helped the night "
        "support pilot find enough staff.",
        "Network notes circulated to commissioners and the Learning Academy.",
        "manager",
    ),
    (
        "ADASS West Midlands quality and improvement network",
        ExternalLearning.Kind.NETWORK,
        "ADASS West Midlands",
        "Monthly network of principal social workers and quality leads across the region's "
        "councils: shared audits, learning from Safeguarding Adults Reviews and CQC readiness.",
        (2, None),
        "Other councils' SAR learning on self-neglect and hoarding shaped our own training.",
        "Principal social worker briefings; the quality assurance meeting.",
        "quality",
    ),
    (
        "Hospital discharge improvement programme",
        ExternalLearning.Kind.SECTOR_LED,
        "LGA Care and Health Improvement Programme",
        "Sector-led support for councils and NHS partners to improve discharge from hospital: "
        "diagnostic, workshops and peer support.",
        (9, 14),
        "Evidence that the first nights home are the riskiest led directly to the night support "
        "pilot.",
        "Discharge hub workshop; the pilot's business case.",
        "quality",
    ),
    (
        "National Children and Adult Services Conference",
        ExternalLearning.Kind.CONFERENCE,
        "ADCS, ADASS and the LGA",
        "We presented early results of the night support pilot in a workshop on hospital "
        "discharge.",
        (18, 18),
        "Two councils running similar services offered to share their evaluation measures.",
        "Conference notes shared with the pilot team.",
        "quality",
    ),
    (
        "Good practice case study: night support after discharge",
        ExternalLearning.Kind.GOOD_PRACTICE,
        "Local Government Association",
        "The LGA published our night support pilot as a good practice case study.",
        (22, 22),
        "Writing the case study made us set out the evaluation in plain English for other "
        "councils.",
        "Published on the LGA website; linked from our own.",
        "quality",
    ),
]


def external(people) -> int:
    added = 0
    for title, kind, organisation, description, (start, end), learned, shared, lead in EXTERNAL:
        _, created = ExternalLearning.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "organisation": organisation,
                "description": description,
                "started_on": month_start(start) + dt.timedelta(days=6),
                "ended_on": month_start(end) + dt.timedelta(days=9) if end is not None else None,
                "status": ExternalLearning.Status.COMPLETED
                if end is not None
                else ExternalLearning.Status.ONGOING,
                "lead": people[lead],
                "learned": learned,
                "shared": shared,
            },
        )
        added += created
    return added


def raise_actions(rows) -> int:
    """rows: (source, title, owner, due in days). Actions the learning area tracks."""
    added = 0
    for source, title, owner, days in rows:
        if any(a.title == title for a in learning_selectors.actions_for(source)):
            continue
        learning_services.action_create(
            source=source,
            title=title,
            owner=owner,
            due=dt.date.today() + dt.timedelta(days=days),
        )
        added += 1
    return added


def load(log) -> None:
    people = _people()
    pilots = [night_support(people), sensors(people), robot(people)]
    external(people)
    peer_review = ExternalLearning.objects.get(title=EXTERNAL[0][0])
    raise_actions(
        [
            (
                pilots[0],
                "Commission night support after discharge in every locality",
                people["manager"],
                120,
            ),
            (
                pilots[1],
                "Agree a monthly falls data feed from the ambulance service",
                people["manager"],
                45,
            ),
            (peer_review, "Publish “You said, we did” every quarter", people["quality"], 30),
        ]
    )
    log(
        f"Innovation: {len(pilots)} pilots with "
        f"{Reading.objects.filter(measure__pilot__in=pilots).count()} monthly figures, "
        f"{ExternalLearning.objects.count()} external learning records"
    )
