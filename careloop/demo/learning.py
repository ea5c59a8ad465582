"""Northshire's Learn and act: reviews of every kind, their recommendations and actions, the
Ombudsman over two years, the quality assurance board with minutes, learning briefs, and the
financial-assessment story end to end:

  new charging policy (month CHARGING_POLICY_CHANGE) -> complaints about charging double ->
  upheld at the Ombudsman -> a review of charging complaints and Ombudsman decisions ->
  recommendation -> action "Financial assessment training", in effect from FINANCE_TRAINING
  -> its impact measured on the monthly charging complaints, showing the fall with figures.

The charging complaints come from the feedback register when its demo has loaded them (the
complaints about the Financial Assessment and Charging Team); until then from an entered series
that follows story.charging_rate.

Idempotent: the whole area is loaded once (the SAR is the marker); on later runs only the
charging measure is switched to the live feedback series if that has appeared since.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings

from careloop.core.imports import engine, get_importer
from careloop.core.models import Team, User
from careloop.core.permissions import Role
from careloop.demo import story
from careloop.demo.org import DEMO_PASSWORD
from careloop.feedback.models import Feedback
from careloop.learning import services
from careloop.learning.evaluation import evaluate
from careloop.learning.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    AnnualReportText,
    ImpactLink,
    LearningBrief,
    LgscoCase,
    Measure,
    Meeting,
    Review,
)
from careloop.learning.selectors.report import year_start_for

SAR_TITLE = "SAR Adult H: self-neglect and hoarding"
CHARGING_MEASURE = "Complaints about financial assessments and charging"
CHARGING_TEAM = "Financial Assessment and Charging Team"
TRAINING_TITLE = "Financial assessment training"
HOARDING_TITLE = "Hoarding and self-neglect training"

# email, name, job title, role, team (invented people)
STAFF = [
    (
        "principal.sw@northshire.example",
        "Ade Bello",
        "Principal Social Worker",
        Role.QUALITY_LEAD,
        "Quality Assurance and Improvement Team",
    ),
    (
        "finance.manager@northshire.example",
        "Dana Whitfield",
        "Team Manager, Financial Assessment and Charging",
        Role.MANAGER,
        CHARGING_TEAM,
    ),
    (
        "transitions.manager@northshire.example",
        "Morgan Ellis",
        "Team Manager, Transitions",
        Role.MANAGER,
        "Transitions Team",
    ),
    (
        "academy.lead@northshire.example",
        "Ruth Ashby",
        "Lead, Social Work Learning Academy",
        Role.MANAGER,
        "Social Work Learning Academy",
    ),
    (
        "reablement.manager@northshire.example",
        "Tom Hughes",
        "Registered Manager, Northshire Reablement Service",
        Role.MANAGER,
        "Hospital Discharge Team",
    ),
]


def m(index: int, day: int = 1) -> dt.date:
    """A day in demo month `index`."""
    return story.month_start(index) + dt.timedelta(days=day - 1)


def _people() -> dict[str, User]:
    teams = {t.name: t for t in Team.objects.all()}
    people = {}
    for email, name, title, role, team in STAFF:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name, job_title=title, role=role)
            user.team = teams.get(team)
            user.set_password(DEMO_PASSWORD)
            user.save()
        people[email.split("@")[0]] = user
        team_obj = teams.get(team)
        if role == Role.MANAGER and team_obj and team_obj.manager_id is None:
            team_obj.manager = user
            team_obj.save()
    for email in (
        "quality.lead@northshire.example",
        "complaints@northshire.example",
        "manager@northshire.example",
        "practitioner@northshire.example",
    ):
        people[email.split("@")[0]] = User.objects.get(email=email)
    return people


def _back_date(record, **fields) -> None:
    """Set dates the services stamp with today, so the story reads as it happened."""
    type(record).objects.filter(pk=record.pk).update(**fields)
    for name, value in fields.items():
        setattr(record, name, value)


def _at(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _close(action: Action, *, owner, signer, done: dt.date, signed: dt.date, note: str, **ev):
    """Evidence, done, signed off: with the story's dates."""
    if ev:
        services.action_add_evidence(action=action, user=owner, **ev)
    services.action_complete(action=action, user=owner, note=note, completed_on=done)
    services.action_sign_off(action=action, user=signer, note="Evidence checked at the QA board")
    _back_date(action, signed_off_on=signed)
    action.updates.filter(kind=ActionUpdate.Kind.SIGNED_OFF).update(at=_at(signed))
    action.updates.filter(kind=ActionUpdate.Kind.COMPLETED).update(at=_at(done))
    action.updates.filter(kind=ActionUpdate.Kind.EVIDENCE).update(at=_at(done))


def _review(author, title, kind, started, reported, recs, **fields) -> tuple[Review, list]:
    review = services.review_create(
        user=author,
        title=title,
        kind=kind,
        started_on=started,
        reported_on=reported,
        status=fields.pop("status", Review.Status.REPORTED),
        **fields,
    )
    _back_date(review, created_at=_at(started))
    return review, [services.recommendation_add(review=review, text=text) for text in recs]


def _action(rec_or_source, title, owner, start, due, setter, **extra) -> Action:
    kwargs = {"recommendation": rec_or_source} if hasattr(rec_or_source, "review") else {}
    if not kwargs:
        kwargs["source"] = rec_or_source
    action = services.action_create(
        title=title, owner=owner, start=start, due=due, created_by=setter, **kwargs, **extra
    )
    _back_date(action, created_at=_at(start))
    return action


def _progress(action, user, day, note, status=Action.Status.ON_TRACK):
    update = services.action_record_progress(action=action, user=user, note=note, status=status)
    _back_date(update, at=_at(day))


# --- The charging measure ----------------------------------------------------------------------
def _poisson(rng: random.Random, lam: float) -> int:
    threshold, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= threshold:
            return k
        k += 1


def _feedback_charging_option() -> str:
    """ "team:<id>" when the feedback demo has loaded charging complaints, else ""."""
    team = Team.objects.filter(name=CHARGING_TEAM).first()
    if team is None:
        return ""
    count = Feedback.objects.filter(
        kind=Feedback.Kind.COMPLAINT, team=team, received_on__gte=m(0)
    ).count()
    return f"team:{team.pk}" if count >= 2 * story.MONTHS else ""


def charging_measure(lead) -> Measure:
    option = _feedback_charging_option()
    if option:
        measure = services.measure_create(
            user=lead, provider_key="feedback.complaints", provider_option=option
        )
        if measure.name != CHARGING_MEASURE:
            services.measure_update(measure=measure, name=CHARGING_MEASURE)
        return measure
    existing = Measure.objects.filter(name=CHARGING_MEASURE, source=Measure.Source.ENTERED).first()
    if existing:
        return existing
    measure = services.measure_create(
        user=lead,
        name=CHARGING_MEASURE,
        kind=Measure.Kind.COUNT,
        direction=Measure.Direction.LOWER,
        unit="complaints",
        description="Complaints about financial assessments and charging each month (entered "
        "from the complaints log until the feedback register holds them).",
    )
    rng = random.Random(15)
    for index in range(story.MONTHS - 1):  # up to the last complete month
        value = _poisson(rng, story.charging_rate(index))
        services.measure_set_value(measure=measure, month=m(index), value=value)
    return measure


def _switch_to_live_series(lead, log) -> None:
    option = _feedback_charging_option()
    link = ImpactLink.objects.filter(action__title=TRAINING_TITLE).select_related("measure").first()
    if not option or link is None or link.measure.source == Measure.Source.PROVIDED:
        return
    live = charging_measure(lead)
    ImpactLink.objects.filter(pk=link.pk).update(measure=live)
    log("Learn and act: the charging story now reads the live feedback series")


# --- The stories ------------------------------------------------------------------------------
def charging_story(p, measure) -> Action:
    lead, dana = p["quality.lead"], p["finance.manager"]
    review, recs = _review(
        lead,
        "Review of complaints about financial assessments and charging",
        Review.Kind.COMPLAINT,
        m(12, 2),
        m(13, 20),
        [
            "Train front-door and assessment staff to explain, at first contact, that care may "
            "not be free and how the financial assessment works.",
            "Send a plain-English guide to charging with every assessment letter.",
            "Report complaints about charging to the quality assurance board every month.",
        ],
        conducted_by="Complaints and Customer Relations Team with Northshire Integrated Care Board",
        summary="Complaints about charging doubled after the new charging policy took effect, and "
        "the Ombudsman upheld several. This review looked at the complaints and the Ombudsman's "
        "decisions together with health partners.",
        findings="People were often not told they might have to pay until after their care had "
        "started. Financial assessments began late and letters were hard to follow. Staff at "
        "the front door were unsure how to explain charging.",
        lead=p["complaints"],
        teams=list(Team.objects.filter(name__in=[CHARGING_TEAM, "North Locality Team"])),
        partners="Northshire Integrated Care Board",
    )
    for case in LgscoCase.objects.filter(subject=LgscoCase.Subject.CHARGING).exclude(decision="")[
        :4
    ]:
        services.review_link_record(review=review, user=lead, record=case)
    training = _action(
        recs[0],
        TRAINING_TITLE,
        dana,
        m(13, 22),
        m(15, 28),
        lead,
        priority="high",
        description="Half-day sessions for the front door, locality and hospital teams: when "
        "to mention charging, how the financial assessment works, and how to explain it.",
    )
    services.milestone_add(
        action=training, title="Course written with health partners", due_on=m(14, 10)
    )
    services.milestone_add(action=training, title="All sessions delivered", due_on=m(15, 20))
    for ms in training.milestones.all():
        services.milestone_done(milestone=ms, done_on=ms.due_on)
    _progress(training, dana, m(14, 12), "Course written and tested with two teams.")
    _close(
        training,
        owner=dana,
        signer=lead,
        done=m(15, 24),
        signed=m(15, 28),
        note="Six sessions delivered to front-door, locality and hospital discharge staff.",
        figures=[
            {
                "label": "Front-door and assessment staff trained",
                "value": 142,
                "out_of": 160,
                "as_of": m(15, 24),
            },
            {"label": "Sessions delivered", "value": 6, "as_of": m(15, 24)},
        ],
        title="Training register",
    )
    services.action_add_evidence(
        action=training,
        user=dana,
        title="Course materials",
        url="https://learning.northshire.example/financial-assessment",
    )
    services.impact_link(
        action=training,
        measure=measure,
        effect_on=m(story.FINANCE_TRAINING),
        baseline_from=m(story.CHARGING_POLICY_CHANGE),
        user=lead,
        note="Before: the months after the new charging policy took effect.",
    )
    guide = _action(
        recs[1],
        "Plain-English charging guide with every assessment letter",
        dana,
        m(13, 22),
        m(14, 28),
        lead,
    )
    _close(
        guide,
        owner=dana,
        signer=lead,
        done=m(14, 20),
        signed=m(15, 10),
        note="Guide written with the Older People's Partnership Board and sent since.",
        title="Charging guide (easy read)",
        url="https://www.northshire.example/charging-guide",
    )
    monthly = _action(
        recs[2],
        "Charging complaints on the QA board's monthly report",
        p["complaints"],
        m(14, 1),
        m(story.MONTHS + 2, 28),
        lead,
        priority="low",
    )
    _progress(monthly, p["complaints"], m(story.MONTHS - 2, 5), "Reported every month since.")
    _back_date(review, status=Review.Status.REPORTED)
    return training


def hoarding_story(p) -> None:
    lead, ps, academy = p["quality.lead"], p["principal.sw"], p["academy.lead"]
    review, recs = _review(
        lead,
        SAR_TITLE,
        Review.Kind.SAR,
        m(story.SAR_HOARDING, 8),
        m(9, 15),
        [
            "Give all adult social care practitioners training in hoarding and self-neglect, "
            "including the clutter image rating and working with people who decline support.",
            "Use the multi-agency self-neglect protocol, with a fire service home safety check, "
            "whenever hoarding is found.",
            "Audit a sample of self-neglect cases a year after the training.",
        ],
        sar_basis=Review.SarBasis.MANDATORY,
        conducted_by="Northshire Safeguarding Adults Board (independent reviewer)",
        summary="Mr H, 78, died in a house fire at his home, which was severely cluttered. "
        "Several agencies knew of the hoarding; none led, and his refusals of help were "
        "accepted without exploring his capacity or the risk.",
        findings="Practitioners lacked confidence with hoarding and self-neglect. The "
        "self-neglect protocol was not used. The fire service was not asked for a home safety "
        "check. Mental capacity was assumed rather than assessed for specific decisions.",
        lead=ps,
        teams=list(Team.objects.filter(name__in=["North Locality Team", "Adult Safeguarding Hub"])),
        partners="Northshire Fire and Rescue Service; Northshire Homes; NHS Northshire "
        "Community Health Trust; Northshire Police",
    )
    training = _action(
        recs[0],
        HOARDING_TITLE,
        academy,
        m(9, 20),
        m(13, 28),
        lead,
        priority="high",
        description="Delivered by the Social Work Learning Academy: practitioners identified "
        "the need after the SAR. Completion figures come from the academy's records.",
    )
    _progress(
        training, academy, m(11, 3), "Course designed with the fire service and a hoarding charity."
    )
    _close(
        training,
        owner=academy,
        signer=ps,
        done=m(story.HOARDING_TRAINING, 25),
        signed=m(13, 9),
        note="Hoarding and self-neglect training delivered by the Social Work Learning Academy.",
        title="Course: hoarding and self-neglect (Social Work Learning Academy)",
        url="https://learning.northshire.example/hoarding-self-neglect",
    )
    protocol = _action(
        recs[1], "Use the multi-agency self-neglect protocol", ps, m(9, 20), m(12, 28), lead
    )
    _close(
        protocol,
        owner=ps,
        signer=lead,
        done=m(12, 15),
        signed=m(13, 9),
        note="Protocol relaunched with the fire service; referrals for home safety checks "
        "now go through the hub.",
        figures=[
            {
                "label": "Home safety check referrals in the first quarter",
                "value": 23,
                "as_of": m(12, 15),
            }
        ],
    )
    audit_action = _action(
        recs[2],
        "Audit self-neglect cases a year after the training",
        ps,
        m(story.MONTHS - 3, 1),
        m(story.MONTHS + 1, 28),
        lead,
    )
    _progress(audit_action, ps, m(story.MONTHS - 2, 2), "Audit tool agreed; sample drawn.")
    brief = services.brief_save(
        user=lead,
        review=review,
        title="7-minute briefing: SAR Adult H, self-neglect and hoarding",
        background="Mr H lived alone. His home was severely cluttered, and he died in a fire.",
        why_it_matters="Self-neglect features in six in ten Safeguarding Adults Reviews "
        "nationally.",
        what_happened="Several agencies knew; none led. His refusals were accepted without "
        "exploring his capacity or the risk of fire.",
        learning="Professional curiosity, the self-neglect protocol and a fire service home "
        "safety check could have changed the outcome.",
        questions="When did you last use the clutter image rating? Who leads when everyone "
        "is involved?",
        what_to_do="Use the self-neglect protocol; ask the fire service for a home safety "
        "check; assess capacity for specific decisions; book the hoarding course.",
        further_information="Northshire Safeguarding Adults Board: the full SAR report.",
        read_by=m(10, 30),
        teams=list(
            Team.objects.filter(
                name__in=[
                    "North Locality Team",
                    "South Locality Team",
                    "East Locality Team",
                    "Adult Safeguarding Hub",
                ]
            )
        ),
    )
    services.brief_send(brief=brief, user=lead)
    _back_date(brief, sent_at=_at(m(10, 2)))
    for recipient in list(brief.recipients.all())[:-1]:
        services.brief_acknowledge(brief=brief, user=recipient.person)


def care_leavers_story(p) -> None:
    lead, morgan = p["quality.lead"], p["transitions.manager"]
    review, recs = _review(
        lead,
        "Ofsted inspection of children's services: preparing care leavers for adulthood",
        Review.Kind.INSPECTION,
        m(story.OFSTED_INSPECTION, 6),
        m(story.OFSTED_INSPECTION, 27),
        [
            "Start planning for adulthood earlier (from 16) for care leavers with care and "
            "support needs, and record it in their pathway plans.",
            "Hold a joint transitions panel with children's services every month.",
        ],
        inspection_body=Review.Body.OFSTED,
        conducted_by="Ofsted (inspection of local authority children's services)",
        summary="Learning from the inspection of Northshire's children's services, shared with "
        "adult social care.",
        findings="Some care leavers with support needs required more detailed and earlier "
        "planning for adulthood.",
        lead=morgan,
        teams=list(Team.objects.filter(name="Transitions Team")),
        partners="Northshire Children's Services",
    )
    plans = _action(
        recs[0],
        "Update pathway plans for care leavers with care and support needs",
        morgan,
        m(11, 3),
        m(18, 28),
        lead,
        priority="high",
    )
    _progress(plans, morgan, m(13, 4), "Pathway plan template changed; reviews booked.")
    _close(
        plans,
        owner=morgan,
        signer=lead,
        done=m(18, 14),
        signed=m(19, 10),
        note="Every care leaver with care and support needs now has adult social care "
        "planning in their pathway plan from 16.",
        figures=[
            {
                "label": "Care leavers with support needs whose pathway plan includes "
                "planning for adulthood",
                "value": 31,
                "out_of": 34,
                "as_of": m(18, 14),
            }
        ],
    )
    panel = _action(
        recs[1],
        "Monthly joint transitions panel with children's services",
        morgan,
        m(12, 1),
        m(story.MONTHS + 3, 28),
        lead,
    )
    _progress(panel, morgan, m(story.MONTHS - 2, 8), "Panel meets monthly; attendance good.")


def other_reviews(p) -> list[Action]:
    """One review of each remaining kind, with actions in every state for the board."""
    lead, ps, sam = p["quality.lead"], p["principal.sw"], p["manager"]
    tom, _morgan = p["reablement.manager"], p["transitions.manager"]
    actions = []
    peer, recs = _review(
        lead,
        "LGA peer challenge: adult social care",
        Review.Kind.PEER,
        m(7, 3),
        m(8, 1),
        [
            "Use people's feedback more in commissioning decisions.",
            "Shorten the wait for a Care Act assessment.",
        ],
        conducted_by="Local Government Association peer team",
        summary="A sector-led peer challenge of the adult social care front door and assessment.",
        findings="Strong, committed staff; long waits for assessment; feedback not yet used "
        "systematically in commissioning.",
        lead=lead,
        status=Review.Status.CLOSED,
    )
    feedback_action = _action(
        recs[0],
        "Feedback summary in every commissioning decision paper",
        lead,
        m(8, 10),
        m(12, 28),
        lead,
    )
    _close(
        feedback_action,
        owner=lead,
        signer=p["complaints"],
        done=m(12, 5),
        signed=m(12, 20),
        note="Commissioning template now has a 'what people told us' section.",
        title="Commissioning paper template",
        url="https://intranet.northshire.example/commissioning-template",
    )
    waiting = _action(
        recs[1],
        "Assessment waiting list recovery plan",
        sam,
        m(8, 10),
        m(20, 28),
        lead,
        priority="high",
    )
    _close(
        waiting,
        owner=sam,
        signer=lead,
        done=m(19, 20),
        signed=m(20, 9),
        note="Duty triage and a weekly allocation meeting in every locality.",
        figures=[
            {
                "label": "People waiting for a Care Act assessment (last month)",
                "value": 298,
                "as_of": m(19, 20),
            }
        ],
    )
    waits = services.measure_create(
        user=lead,
        name="People waiting for a Care Act assessment",
        kind=Measure.Kind.VALUE,
        direction=Measure.Direction.LOWER,
        unit="people",
        description="The number waiting at the end of each month (from the case management "
        "system, entered monthly).",
    )
    rng = random.Random(9)
    for index in range(story.MONTHS - 1):
        level = 420 if index < 14 else max(290, 420 - 16 * (index - 13))
        services.measure_set_value(
            measure=waits, month=m(index), value=level + rng.randint(-14, 14)
        )
    services.impact_link(
        action=waiting, measure=waits, effect_on=m(14), user=lead, baseline_from=m(4)
    )
    actions.append(waiting)

    audit, recs = _review(
        lead,
        "Case file audit: carers' assessments",
        Review.Kind.AUDIT,
        m(16, 5),
        m(17, 2),
        ["Offer every carer a separate carer's assessment and record the offer."],
        audit_type=Review.AuditType.CASE_FILE,
        conducted_by="Principal Social Worker",
        findings="In 14 of 40 files the carer was not offered their own assessment.",
        lead=ps,
    )
    carers = _action(
        recs[0],
        "Record the offer of a carer's assessment in every case",
        sam,
        m(17, 10),
        m(story.MONTHS + 1, 15),
        lead,
    )
    _progress(
        carers,
        sam,
        m(story.MONTHS - 2, 20),
        "Case system change delayed by the supplier.",
        status=Action.Status.AT_RISK,
    )
    actions.append(carers)

    incident, recs = _review(
        lead,
        "Serious incident review: missed medication after hospital discharge",
        Review.Kind.INCIDENT,
        m(18, 3),
        m(19, 12),
        ["Check medication arrangements on every discharge to reablement."],
        conducted_by="Northshire Reablement Service with NHS Northshire Hospitals Trust",
        findings="Medication changes made on the ward were not passed on; two days of "
        "medication were missed.",
        lead=tom,
        partners="NHS Northshire Hospitals Trust",
    )
    medication = _action(
        recs[0],
        "Medication check on every discharge to reablement",
        tom,
        m(19, 15),
        m(story.MONTHS - 3, 28),
        lead,
        priority="high",
    )
    _progress(medication, tom, m(story.MONTHS - 4, 10), "Checklist agreed with the hospital.")
    actions.append(medication)  # overdue: on the board's agenda

    pfd, recs = _review(
        lead,
        "Prevention of Future Deaths report: falls in a residential care home",
        Review.Kind.PFD,
        m(20, 4),
        m(20, 4),
        ["Review falls prevention and post-fall checks in commissioned care homes."],
        conducted_by="HM Senior Coroner for Northshire",
        findings="A resident was not checked for injury after a fall overnight.",
        lead=lead,
        partners="Care home provider; NHS Northshire Community Health Trust",
    )
    services.review_update(review=pfd, user=lead, responded_on=m(21, 20))
    falls = _action(
        recs[0],
        "Falls prevention review in commissioned care homes",
        p["complaints"],
        m(20, 10),
        m(story.MONTHS + 2, 28),
        lead,
    )
    _progress(falls, p["complaints"], m(story.MONTHS - 2, 14), "Eight of twenty homes visited.")

    candour, recs = _review(
        lead,
        "Duty of candour: medication error in Northshire Reablement Service",
        Review.Kind.CANDOUR,
        m(21, 3),
        m(21, 12),
        ["Introduce a second check for time-critical medicines in reablement."],
        incident_on=m(21, 3),
        notified_on=m(21, 4),
        apology_given=True,
        written_on=m(21, 9),
        conducted_by="Northshire Reablement Service",
        lead=tom,
    )
    second = _action(
        recs[0],
        "Second check for time-critical medicines",
        tom,
        m(21, 12),
        m(story.MONTHS, 15),
        lead,
    )
    services.action_add_evidence(
        action=second,
        user=tom,
        title="Revised medicines procedure",
        url="https://intranet.northshire.example/reablement-medicines",
    )
    services.action_complete(
        action=second,
        user=tom,
        note="Second check in place since the procedure was revised.",
        completed_on=m(story.MONTHS - 2, 12),
    )
    actions.append(second)  # awaiting sign-off

    survey = services.action_create(
        title="Form an Accessible Information working group",
        owner=lead,
        start=m(story.SURVEY_MONTH, 20),
        due=m(13, 28),
        origin=Action.Origin.SURVEY,
        source_label="Adult Social Care Survey: people struggle to get information in formats "
        "they can use",
        created_by=lead,
    )
    _close(
        survey,
        owner=lead,
        signer=ps,
        done=m(13, 10),
        signed=m(13, 25),
        note="Working group formed with people with lived experience; meets monthly.",
        title="Terms of reference",
        url="https://intranet.northshire.example/accessible-information",
    )
    services.action_create(
        title="Easy-read versions of the ten most used letters",
        owner=lead,
        start=m(14, 1),
        due=m(story.MONTHS + 2, 28),
        origin=Action.Origin.WORKING_GROUP,
        source_label="Accessible Information working group",
        created_by=lead,
    )
    return actions


# --- The Ombudsman ---------------------------------------------------------------------------
SUBJECTS_BEFORE = [
    "assessment",
    "residential",
    "home_care",
    "charging",
    "safeguarding",
    "direct_payments",
    "assessment",
    "other",
]
DECISIONS = [
    LgscoCase.Decision.UPHELD_INJUSTICE,
    LgscoCase.Decision.UPHELD_INJUSTICE,
    LgscoCase.Decision.UPHELD_FAULT,
    LgscoCase.Decision.REMEDIED,
    LgscoCase.Decision.NOT_UPHELD,
    LgscoCase.Decision.NOT_INVESTIGATED,
    LgscoCase.Decision.LOCAL_RESOLUTION,
]


def ombudsman(p) -> None:
    lead, jordan = p["quality.lead"], p["complaints"]
    rng = random.Random(36)
    today = dt.date.today()
    start = dt.date(year_start_for(today) - 1, 4, 1)  # the last complete year and this one
    day, number = start, 0
    while day < today - dt.timedelta(days=10):
        number += 1
        index = story.month_index(day)
        in_story = story.CHARGING_POLICY_CHANGE <= index < story.FINANCE_TRAINING + 2
        subject = "charging" if in_story and rng.random() < 0.6 else rng.choice(SUBJECTS_BEFORE)
        decided = day + dt.timedelta(days=rng.randint(50, 160))
        fields = {
            "lgsco_reference": f"{day.year % 100} {number:03d} {rng.randint(100, 999)}",
            "kind": LgscoCase.Kind.COMPLAINT if rng.random() < 0.8 else LgscoCase.Kind.ENQUIRY,
            "subject": subject,
            "summary": {
                "charging": "Charged for care without being told about the financial "
                "assessment first",
                "assessment": "Delay in assessing needs and agreeing a care plan",
                "residential": "Concerns about the standard of care in a commissioned home",
                "home_care": "Missed and late home care visits",
                "safeguarding": "How a safeguarding concern about a relative was handled",
                "direct_payments": "Direct payment reduced without explanation",
                "other": "Communication about a change of care provider",
            }[subject],
            "received_on": day,
            "assessment_on": day + dt.timedelta(days=rng.randint(5, 20)),
            "officer": jordan,
            "team": Team.objects.filter(
                name=CHARGING_TEAM if subject == "charging" else "North Locality Team"
            ).first(),
            "is_restricted": subject == "safeguarding",
            "restriction_reason": "Safeguarding" if subject == "safeguarding" else "",
        }
        if decided < today:
            decision = (
                LgscoCase.Decision.UPHELD_INJUSTICE
                if subject == "charging" and rng.random() < 0.7
                else rng.choice(DECISIONS)
            )
            fields |= {
                "decided_on": decided,
                "decision": decision,
                "decision_summary": "The council was at fault."
                if decision in LgscoCase.UPHELD
                else "",
            }
        case = services.lgsco_case_create(user=lead, **fields)
        if case.is_upheld:
            _remedies(case, rng, today)
        day += dt.timedelta(days=rng.randint(7, 13))
    _link_referrals(lead)
    _import_letter_figures(lead, dt.date(year_start_for(today) - 1, 4, 1).year)
    charging = (
        LgscoCase.objects.filter(
            subject="charging", decision__in=LgscoCase.UPHELD, decided_on__lt=m(13)
        )
        .order_by("decided_on")
        .first()
    )
    if charging and charging.decided_on:
        review = services.lgsco_case_learn(case=charging, user=lead)
        _back_date(review, created_at=_at(charging.decided_on))
        rec = services.recommendation_add(
            review=review, text="Tell people about charges before care starts."
        )
        script = services.action_create(
            recommendation=rec,
            title="Charging explained in the first-contact script",
            owner=p["finance.manager"],
            start=charging.decided_on,
            due=max(m(15, 28), charging.decided_on + dt.timedelta(days=60)),
            created_by=lead,
        )
        _close(
            script,
            owner=p["finance.manager"],
            signer=lead,
            done=min(m(14, 20), dt.date.today()),
            signed=min(m(15, 2), dt.date.today()),
            note="The first-contact script now mentions charges and the financial assessment.",
            title="First-contact script",
            url="https://intranet.northshire.example/first-contact-script",
        )


def _link_referrals(lead) -> None:
    """The complaints the feedback demo referred to the Ombudsman are cases in the tracker: each
    is linked to the first unlinked case received within 60 days after its referral (those
    referred before the tracker's first year stay listed as not yet in the tracker)."""
    free = list(
        LgscoCase.objects.filter(complaint__isnull=True, kind=LgscoCase.Kind.COMPLAINT).order_by(
            "received_on", "id"
        )
    )
    referred = Feedback.objects.complaints().filter(lgsco_referred_on__isnull=False)
    for complaint in referred.order_by("lgsco_referred_on", "id"):
        referred_on = complaint.lgsco_referred_on
        match = next(
            (
                c
                for c in free
                if 0 <= (c.received_on - referred_on).days <= 60 and not c.is_restricted
            ),
            None,
        )
        if match is not None and not complaint.is_restricted:
            free.remove(match)
            services.lgsco_case_update(case=match, user=lead, complaint=complaint)


def _import_letter_figures(lead, last: int) -> None:
    """The two years' figures of the Ombudsman's annual review letters, imported as a council
    would: the Ombudsman's spreadsheet through the import page's machinery."""
    rows = [
        "Year,Complaints and enquiries received,Decisions made,Detailed investigations,Upheld,"
        "Compliance rate,Satisfactory remedy provided by the council,Average of similar "
        "authorities",
        f"{last - 1}-{last % 100:02d},29,27,16,11,100%,2,78.0%",
        f"{last}-{(last + 1) % 100:02d},36,34,22,19,100%,3,80.8%",
    ]
    upload = SimpleUploadedFile(
        "lgsco-annual-review-northshire.csv", ("\n".join(rows) + "\n").encode()
    )
    job = engine.create_job(
        importer=get_importer("lgsco-years"),
        upload=upload,
        source="LGSCO annual review letter",
        user=lead,
    )
    engine.run(job)
    job.refresh_from_db()
    if job.status != "done":
        raise RuntimeError(f"the demo's Ombudsman figures did not import: {job.errors}")


def _remedies(case: LgscoCase, rng: random.Random, today: dt.date) -> None:
    if case.decided_on is None:
        return
    decided = case.decided_on
    due = decided + dt.timedelta(days=30)
    kinds: list[tuple[str, str, Decimal | None]] = [("apology", "Apologise in writing", None)]
    if case.decision == LgscoCase.Decision.UPHELD_INJUSTICE:
        pay = Decimal(rng.choice([150, 200, 250, 300, 500]))
        kinds.append(("payment", "Payment in recognition of distress and time and trouble", pay))
    if case.subject == "charging" and rng.random() < 0.5:
        kinds.append(("procedure", "Remind staff to explain charges before care starts", None))
    for kind, text, amount in kinds:
        remedy = services.lgsco_remedy_add(
            case=case, kind=kind, description=text, due_on=due, amount=amount
        )
        complied = due - dt.timedelta(days=rng.randint(0, 20))
        if complied < today:
            services.lgsco_remedy_comply(
                remedy=remedy,
                user=case.officer,
                complied_on=max(complied, decided),
                note="Done; confirmed to the Ombudsman.",
            )


# --- The quality assurance board ------------------------------------------------------------
UPDATES: dict[str, tuple[str, str]] = {
    AgendaItem.Kind.OVERDUE_ACTION: (
        "Owner explained the delay.",
        "New date agreed; the chair will check progress with the owner's manager.",
    ),
    AgendaItem.Kind.AT_RISK_ACTION: (
        "Risk reported by the owner.",
        "Escalate the supplier delay to the head of service.",
    ),
    AgendaItem.Kind.NEW_REVIEW: ("Findings presented.", "Recommendations accepted; owners named."),
    AgendaItem.Kind.LGSCO_DECISION: (
        "Decision and remedies noted.",
        "Remedies to be complied with by the deadline; learning to the next team briefing.",
    ),
    AgendaItem.Kind.SIGN_OFF: ("Evidence reviewed.", "Closure to be signed off."),
    AgendaItem.Kind.OTHER: ("Discussed.", "Noted."),
}


def qa_board(p) -> None:
    lead = p["quality.lead"]
    members = [
        lead,
        p["complaints"],
        p["principal.sw"],
        p["manager"],
        p["finance.manager"],
        p["transitions.manager"],
    ]
    board = services.series_save(
        name="Adult Social Care Quality Assurance Board",
        purpose="Monthly: follows up every action from reviews, Ombudsman decisions and "
        "complaints until it is closed, and checks that the changes worked.",
        frequency="monthly",
        chair=lead,
        location="Northshire County Hall, Committee Room 2, and online",
        members=members,
    )
    today = dt.date.today()
    for index in range(story.MONTHS - 5, story.MONTHS - 1):
        held = m(index, 10)
        if held >= today or Meeting.objects.filter(series=board, held_on=held).exists():
            continue
        meeting = services.meeting_schedule(series=board, held_on=held, starts_at=dt.time(14, 0))
        for item in meeting.items.filter(kind=AgendaItem.Kind.SIGN_OFF):
            done_on = getattr(item.target, "completed_on", None)
            if done_on and done_on > held:
                item.delete()  # done after this (back-dated) meeting
        services.meeting_record_attendance(
            meeting=meeting,
            attendees=members[:-1],
            apologies=members[-1:],
            guests="Integrated Care Board quality lead",
        )
        for item in meeting.items.all():
            update, decision = UPDATES[item.kind]
            services.agenda_item_record(item=item, user=lead, update=update, decision=decision)
        if index == story.MONTHS - 3:
            services.agenda_item_add(
                meeting=meeting,
                title="Charging complaints: monthly report",
                detail="Charging complaints remain at the lower level seen since the training.",
            )
        services.meeting_save_notes(
            meeting=meeting,
            notes="The board reviewed every overdue and "
            "at-risk action and the Ombudsman's decisions since the last "
            "meeting.",
        )
        services.meeting_approve_minutes(
            meeting=meeting, user=lead, on=m(index + 1, 8) if m(index + 1, 8) <= today else today
        )
        ActionUpdate.objects.filter(
            kind=ActionUpdate.Kind.MEETING, note__startswith=str(meeting)
        ).update(at=_at(held))
    latest = board.meetings.order_by("-held_on").first()
    upcoming = board.next_date(latest.held_on) if latest else today + dt.timedelta(days=7)
    while upcoming < today:
        upcoming = board.next_date(upcoming)
    if not board.meetings.filter(held_on=upcoming).exists():
        services.meeting_schedule(series=board, held_on=upcoming, starts_at=dt.time(14, 0))


def annual_report_text() -> None:
    year = year_start_for(dt.date.today()) - 1
    AnnualReportText.objects.get_or_create(
        year_start=year,
        defaults={
            "introduction": "This report describes the complaints Northshire's adult social "
            "care received, what we found and what we changed as a result.",
            "general_importance": "Charging: people were not always told early enough that "
            "they might have to pay for care. Complaints and Ombudsman decisions led to "
            "training for front-door and assessment staff and a plain-English charging guide; "
            "complaints about charging have fallen since.\n\nCommunication: people want to be "
            "kept informed about changes to their care. A 'keeping you informed' standard "
            "was introduced.",
        },
    )


def load(log) -> None:
    if not User.objects.filter(email="quality.lead@northshire.example").exists():
        log("Learn and act: skipped (no organisation)")
        return
    # The demo emails nobody. Emails are sent when the load's transaction commits, so the
    # quiet backend is switched on and off by commit callbacks around them (in order).
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    transaction.on_commit(quiet.enable)
    try:
        _load(log)
    finally:
        transaction.on_commit(quiet.disable)


def _load(log) -> None:
    p = _people()
    lead = p["quality.lead"]
    if Review.objects.filter(title=SAR_TITLE).exists():
        _switch_to_live_series(lead, log)
        log("Learn and act: already loaded")
        return
    ombudsman(p)
    measure = charging_measure(lead)
    training = charging_story(p, measure)
    hoarding_story(p)
    care_leavers_story(p)
    other_reviews(p)
    qa_board(p)
    annual_report_text()
    services.brief_send(
        brief=services.brief_save(
            user=lead,
            title="7-minute briefing: explaining financial assessments",
            format=LearningBrief.Format.SEVEN_MINUTE,
            learning="Mention charging at first contact; explain the financial assessment "
            "in plain words; give the charging guide.",
            what_to_do="Use the first-contact script and the charging guide.",
            teams=list(Team.objects.filter(Q(name__contains="Locality") | Q(name=CHARGING_TEAM))),
        ),
        user=lead,
    )
    finding = evaluate(training.impacts.get()).finding
    log(
        f"Learn and act: {Review.objects.count()} reviews, {Action.objects.count()} actions, "
        f"{LgscoCase.objects.count()} Ombudsman cases, {Meeting.objects.count()} QA meetings"
    )
    log(f"  charging story: {finding}")
