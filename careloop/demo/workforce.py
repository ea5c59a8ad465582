"""Northshire's workforce: about 300 staff across the existing teams, the learning catalogue,
mandatory training over the last few years, supervision and My Time, professional
registration and CPD, and the hoarding-training story.

A few teams have compliance problems: the Hospital Discharge Team (winter pressures; training
lapses and supervision slips), the Brokerage Team and the East Locality Team (vacancies and
agency cover). The hoarding and self-neglect course answers the action raised by "SAR Adult H"
(story.SAR_HOARDING); it was delivered around story.HOARDING_TRAINING and its completion
figures are added to that action as evidence, as the academy does for any linked course.

Everything is invented. Idempotent: loaded once (the safeguarding course is the marker).
Fast: people, completions and supervisions are written with bulk_create and audited with
audit.record_bulk_create.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

from careloop.core import audit
from careloop.core.models import Team, User
from careloop.core.permissions import Role
from careloop.demo import story
from careloop.demo.learning import HOARDING_TITLE, TRAINING_TITLE, m
from careloop.learning.models import Action
from careloop.workforce import services
from careloop.workforce.compliance import Training
from careloop.workforce.models import (
    CareerStage,
    Completion,
    Course,
    CpdEntry,
    Enrolment,
    GroupSession,
    Pathway,
    PeerFeedback,
    Registration,
    StaffProfile,
    SupervisionPolicy,
    SupervisionPrivateNote,
    SupervisionSession,
    add_months,
)

SEED = 400
STAFF_TARGET = 300
MARKER = "Safeguarding adults"
HOARDING_COURSE = "Hoarding and self-neglect"
FINANCE_COURSE = "Explaining financial assessments and charging"
PROBLEM_TEAMS = {"Hospital Discharge Team", "Brokerage Team", "East Locality Team"}
SOCIAL_WORK_TEAMS = {
    "North Locality Team",
    "South Locality Team",
    "East Locality Team",
    "Hospital Discharge Team",
    "Transitions Team",
    "Adult Safeguarding Hub",
    "Deprivation of Liberty Safeguards Team",
    "Community Mental Health Social Work Team",
    "Approved Mental Health Professional Service",
    "Learning Disability Team",
}
FIRST = [
    "Aisha",
    "Amir",
    "Anna",
    "Ben",
    "Bethan",
    "Callum",
    "Chloe",
    "Dan",
    "Deepa",
    "Eleanor",
    "Ella",
    "Farah",
    "Finn",
    "Gemma",
    "Hannah",
    "Harvey",
    "Imran",
    "Isla",
    "Jack",
    "Jade",
    "Jas",
    "Kate",
    "Kieran",
    "Laura",
    "Leah",
    "Liam",
    "Lucy",
    "Maya",
    "Megan",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nathan",
    "Olivia",
    "Owen",
    "Paige",
    "Rachel",
    "Rhys",
    "Rosa",
    "Ryan",
    "Sade",
    "Sian",
    "Sophie",
    "Tariq",
    "Tom",
    "Una",
    "Vikram",
    "Will",
    "Yusuf",
    "Zara",
]
LAST = [
    "Adeyemi",
    "Ahmed",
    "Barker",
    "Bennett",
    "Bibi",
    "Brennan",
    "Carter",
    "Chowdhury",
    "Coleman",
    "Dawson",
    "Ellis",
    "Evans",
    "Fletcher",
    "Foster",
    "Gill",
    "Grant",
    "Hale",
    "Hussain",
    "Iqbal",
    "Jenkins",
    "Kaur",
    "Kelly",
    "Lam",
    "Lowe",
    "Malik",
    "Marsh",
    "Mensah",
    "Moore",
    "Nash",
    "Novak",
    "Obi",
    "O'Brien",
    "Patel",
    "Pearce",
    "Quinn",
    "Rahman",
    "Reeves",
    "Shaw",
    "Singh",
    "Stone",
    "Thornton",
    "Turner",
    "Walsh",
    "Ward",
    "Webb",
    "Wilde",
    "Wood",
    "Wright",
    "Young",
]
COURSES = [
    # title, kind, provider, hours, mandatory, renewal, stages, practice areas
    (MARKER, "elearning", "Social Work Learning Academy", 3, True, 36, [], "safeguarding"),
    (
        "Mental Capacity Act in practice",
        "classroom",
        "Social Work Learning Academy",
        6,
        True,
        24,
        ["asye", "social_worker", "senior", "ot", "practitioner", "manager"],
        "mental capacity; best interests",
    ),
    (
        "Information governance and data protection",
        "elearning",
        "Northshire County Council",
        1.5,
        True,
        12,
        [],
        "information governance",
    ),
    (
        "Equality, diversity and inclusion",
        "elearning",
        "Northshire County Council",
        2,
        True,
        36,
        [],
        "equality; culturally competent practice",
    ),
    (
        "Moving and handling people",
        "classroom",
        "Northshire Occupational Therapy Service",
        4,
        True,
        24,
        ["ot", "practitioner"],
        "moving and handling; equipment",
    ),
    (
        HOARDING_COURSE,
        "classroom",
        "Social Work Learning Academy with Northshire Fire and Rescue Service",
        6,
        False,
        None,
        [],
        "self-neglect; hoarding; mental capacity; professional curiosity",
    ),
    (
        FINANCE_COURSE,
        "classroom",
        "Financial Assessment and Charging Team",
        3,
        False,
        None,
        [],
        "charging; financial assessment; communication",
    ),
    (
        "Strengths-based conversations",
        "webinar",
        "Skills for Care",
        2,
        False,
        None,
        [],
        "strengths-based practice",
    ),
    (
        "Care Act 2014 eligibility and assessment",
        "guidance",
        "Social Work Learning Academy",
        None,
        False,
        None,
        [],
        "Care Act; assessment; eligibility",
    ),
    (
        "Working with people who decline support: research summary",
        "research",
        "SCIE",
        None,
        False,
        None,
        [],
        "self-neglect; research",
    ),
    (
        "Deprivation of Liberty Safeguards refresher",
        "webinar",
        "Social Work Learning Academy",
        3,
        False,
        12,
        [],
        "DoLS; Liberty Protection Safeguards",
    ),
    (
        "ASYE core programme",
        "classroom",
        "Social Work Learning Academy",
        30,
        True,
        None,
        ["asye"],
        "ASYE; reflective practice",
    ),
]
ACTIONS = (
    "Review the care plans due this month and book the two overdue reviews.",
    "Bring the complex case to the next quality circle.",
    "Book the Mental Capacity Act refresher.",
    "Shadow a colleague on a hoarding visit.",
    "Agree a caseload cap for the next six weeks.",
    "Write up the best interests decision and share it with the family.",
    "Read the 7-minute briefing on SAR Adult H.",
)


def _stage_for(rng: random.Random, team: str) -> str:
    if team in SOCIAL_WORK_TEAMS:
        return rng.choices(
            [
                CareerStage.ASYE,
                CareerStage.SOCIAL_WORKER,
                CareerStage.SENIOR,
                CareerStage.OT,
                CareerStage.PRACTITIONER,
            ],
            [12, 45, 13, 10, 20],
        )[0]
    if team == "Social Work Learning Academy":
        return CareerStage.SENIOR
    return rng.choices([CareerStage.PRACTITIONER, CareerStage.SUPPORT], [60, 40])[0]


def load(log) -> None:
    if Course.objects.filter(title=MARKER).exists():
        log("Workforce: already loaded")
        return
    if not Team.objects.exists():
        log("Workforce: skipped (no organisation)")
        return
    rng = random.Random(SEED)
    today = dt.date.today()
    _policies()
    courses = _courses()
    people = _people(rng, today)
    _completions(rng, today, people, courses)
    _supervision(rng, today, people)
    _registrations(rng, today, people)
    _cpd(today)
    _stories(rng, people, courses, log)
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    transaction.on_commit(quiet.enable)  # the demo emails nobody (see careloop.demo.learning)
    try:
        _practice(rng, today, people)
    finally:
        transaction.on_commit(quiet.disable)
    log(
        f"Workforce: {len(people)} staff, {Course.objects.count()} courses, "
        f"{Completion.objects.count()} completions, "
        f"{SupervisionSession.objects.count()} supervisions"
    )


def _policies() -> None:
    for stage, days, note in (
        (CareerStage.ASYE, 28, "Monthly in the Assessed and Supported Year in Employment"),
        (CareerStage.SOCIAL_WORKER, 42, "Six-weekly"),
        (CareerStage.SENIOR, 42, "Six-weekly"),
        (CareerStage.OT, 42, "Six-weekly"),
        (CareerStage.PRACTITIONER, 42, "Six-weekly"),
        (CareerStage.MANAGER, 56, "Eight-weekly, with the service manager"),
        (CareerStage.SUPPORT, 84, "Every twelve weeks"),
    ):
        SupervisionPolicy.objects.get_or_create(
            career_stage=stage, defaults={"interval_days": days, "note": note}
        )


def _courses() -> dict[str, Course]:
    teams = {t.name: t for t in Team.objects.all()}
    out = {}
    for title, kind, provider, hours, mandatory, renewal, stages, areas in COURSES:
        course = Course.objects.create(
            title=title,
            kind=kind,
            provider=provider,
            duration_hours=hours,
            mandatory=mandatory,
            renewal_months=renewal,
            audience_stages=stages,
            practice_areas=areas,
            url=f"https://learning.northshire.example/{title.lower().replace(' ', '-')[:60]}",
        )
        out[title] = course
    out["Moving and handling people"].audience_teams.set(
        [
            teams[n]
            for n in (
                "Hospital Discharge Team",
                "North Locality Team",
                "South Locality Team",
                "East Locality Team",
            )
            if n in teams
        ]
    )
    return out


def _people(rng: random.Random, today: dt.date) -> list[User]:
    teams = list(Team.objects.select_related("manager"))
    existing = list(User.objects.filter(is_active=True).exclude(role=Role.VIEWER))
    taken = {u.email for u in User.objects.all()}
    new: list[User] = []
    per_team = max(1, (STAFF_TARGET - len(existing)) // len(teams))
    for team in teams:
        size = per_team + rng.randint(-3, 3)
        if team.name in ("Commissioning Team", "Social Work Learning Academy"):
            size = max(6, size // 2)
        for _ in range(size):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            base = f"{first}.{last}".lower().replace("'", "")
            email, n = f"{base}@northshire.example", 2
            while email in taken:
                email, n = f"{base}{n}@northshire.example", n + 1
            taken.add(email)
            new.append(
                User(
                    email=email,
                    full_name=f"{first} {last}",
                    job_title="Social Worker" if team.name in SOCIAL_WORK_TEAMS else "Officer",
                    role=Role.PRACTITIONER,
                    team=team,
                    line_manager=team.manager,
                    password=make_password(None),  # staff sign in through the council's SSO
                )
            )
    User.objects.bulk_create(new)
    new = list(User.objects.filter(email__in=[u.email for u in new]))
    audit.record_bulk_create(new, reason="Northshire demo workforce")
    # Teams with no manager get one of their new people.
    by_team: dict[int | None, list[User]] = {}
    for person in new:
        by_team.setdefault(person.team_id, []).append(person)
    for team in teams:
        if team.manager_id is None and by_team.get(team.pk):
            boss = by_team[team.pk][0]
            boss.role, boss.job_title = Role.MANAGER, f"Team Manager, {team.name}"
            boss.save()
            team.manager = boss
            team.save()
            User.objects.filter(team=team).exclude(pk=boss.pk).filter(
                line_manager__isnull=True
            ).update(line_manager=boss)
    people = list(
        User.objects.filter(is_active=True, team__isnull=False)
        .exclude(role=Role.VIEWER)
        .select_related("team__manager")
    )
    profiles = []
    for i, person in enumerate(sorted(people, key=lambda p: p.pk)):
        own_team = person.team
        if own_team is None:  # never: the query asks for a team (this tells the types)
            continue
        managers = own_team.manager_id == person.pk or person.role == Role.MANAGER
        stage = CareerStage.MANAGER if managers else _stage_for(rng, own_team.name)
        if person.email == "practitioner@northshire.example":
            stage = CareerStage.SOCIAL_WORKER
        started = today - dt.timedelta(days=rng.randint(30, 365 * 15))
        if stage == CareerStage.ASYE:
            started = today - dt.timedelta(days=rng.randint(20, 330))
        profiles.append(
            StaffProfile(
                user=person, staff_number=f"NS{10000 + i}", career_stage=stage, started_on=started
            )
        )
    StaffProfile.objects.bulk_create(profiles)
    audit.record_bulk_create(profiles, reason="Northshire demo workforce")
    return list(
        User.objects.filter(pk__in=[p.pk for p in people]).select_related(
            "staff_profile", "team__manager", "line_manager"
        )
    )


def _completions(rng, today, people, courses) -> None:
    mandatory = [c for c in courses.values() if c.mandatory]
    training = Training(people, courses=mandatory)
    objs = []
    for person in people:
        started = person.staff_profile.started_on
        bad = person.team.name in PROBLEM_TEAMS
        for course in mandatory:
            if not training.applies(person, course):
                continue
            if rng.random() < (0.12 if bad else 0.02):
                continue  # never done
            period = course.renewal_months or 0
            if not period:
                day = started + dt.timedelta(days=rng.randint(20, 120))
                if day < today:
                    objs.append(_completion(person, course, day))
                continue
            # The latest completion: mostly in date; in problem teams often lapsed.
            stretch = 1.35 if bad else 0.97
            day = today - dt.timedelta(days=rng.randint(5, int(period * 30.4 * stretch)))
            while day >= started:
                objs.append(_completion(person, course, day))
                # The one before, about a renewal period earlier (sometimes a little late).
                day = add_months(day, -period) - dt.timedelta(days=rng.randint(-40, 20))
    Completion.objects.bulk_create(objs, batch_size=2000)
    audit.record_bulk_create(
        Completion.objects.filter(source="Northshire LMS").select_related("course"),
        reason="Northshire demo workforce",
    )


def _completion(person, course, day) -> Completion:
    return Completion(
        person=person,
        course=course,
        completed_on=day,
        expires_on=course.expiry_for(day),
        evidence=f"LMS certificate {person.pk:05d}-{course.pk:02d}-{day:%y%m%d}",
        source="Northshire LMS",
        external_ref=f"{person.pk}-{course.pk}-{day:%Y%m%d}",
    )


def _supervision(rng, today, people) -> None:
    policies = dict(SupervisionPolicy.objects.values_list("career_stage", "interval_days"))
    fallback = {
        "quality": User.objects.filter(email="quality.lead@northshire.example").first(),
        "psw": User.objects.filter(email="principal.sw@northshire.example").first(),
    }
    start = story.month_start(0) - dt.timedelta(days=120)  # so the first month has a record
    objs = []
    for person in people:
        supervisor = person.line_manager or person.team.manager
        if supervisor is None or supervisor.pk == person.pk:
            supervisor = (
                fallback["psw"] if person.email != "principal.sw@northshire.example" else None
            )
            supervisor = supervisor or fallback["quality"]
        if supervisor is None or supervisor.pk == person.pk:
            continue
        interval = policies.get(person.staff_profile.career_stage, 42)
        bad = person.team.name in PROBLEM_TEAMS
        day = max(start, person.staff_profile.started_on) + dt.timedelta(days=rng.randint(3, 20))
        while day <= today - dt.timedelta(days=2):
            kind = rng.choices(["case", "reflective", "my_time"], [70, 18, 12])[0]
            objs.append(
                SupervisionSession(
                    supervisee=person,
                    supervisor=supervisor,
                    held_on=day,
                    kind=kind,
                    agreed_actions=rng.choice(ACTIONS),
                )
            )
            slip = rng.uniform(0.75, 1.7 if bad else 1.05)
            # Winter pressure in the hospital team: supervision slips further.
            if bad and day.month in (12, 1, 2):
                slip += 0.4
            day += dt.timedelta(days=max(7, int(interval * slip)))
    SupervisionSession.objects.bulk_create(objs, batch_size=2000)
    audit.record_bulk_create(
        SupervisionSession.objects.select_related("supervisee"), reason="Northshire demo workforce"
    )
    chris = User.objects.filter(email="practitioner@northshire.example").first()
    if chris is not None:
        latest = SupervisionSession.objects.filter(supervisee=chris).order_by("-held_on").first()
        if latest is not None:
            latest.kind = SupervisionSession.Kind.MY_TIME
            latest.save()
            SupervisionPrivateNote.objects.create(
                session=latest,
                text="Chris talked about the strain of the hoarding case and a family "
                "bereavement. Agreed to use the employee assistance programme and to take a "
                "lighter caseload for a month.",
            )


def _registrations(rng, today, people) -> None:
    objs = []
    for person in people:
        stage = person.staff_profile.career_stage
        if stage in (CareerStage.PRACTITIONER, CareerStage.SUPPORT):
            continue
        if stage == CareerStage.MANAGER and person.team.name not in SOCIAL_WORK_TEAMS:
            continue
        body = Registration.Body.HCPC if stage == CareerStage.OT else Registration.Body.SWE
        prefix = "OT" if body == Registration.Body.HCPC else "SW"
        days = rng.randint(-10, 360) if rng.random() < 0.97 else rng.randint(-40, -1)
        objs.append(
            Registration(
                person=person,
                body=body,
                number=f"{prefix}{100000 + person.pk}",
                renewal_on=today + dt.timedelta(days=days),
            )
        )
    Registration.objects.bulk_create(objs)
    audit.record_bulk_create(
        Registration.objects.select_related("person"), reason="Northshire demo workforce"
    )


def _cpd(today) -> None:
    chris = User.objects.filter(email="practitioner@northshire.example").first()
    if chris is None:
        return
    for days, title, hours, reflection in (
        (
            200,
            "Hoarding and self-neglect course",
            6,
            "I learned to use the clutter image rating and to assess capacity for specific "
            "decisions rather than assume it. I now ask the fire service for a home safety "
            "check at the first visit.",
        ),
        (
            90,
            "Quality circle: working with families in conflict",
            2,
            "Hearing how colleagues handled disagreement about a move to a care home helped me "
            "plan a family meeting with an advocate present.",
        ),
        (
            20,
            "Reading: Skills for Care guide to strengths-based practice",
            1.5,
            "I rewrote my assessment opening questions to start from what matters to the person.",
        ),
    ):
        CpdEntry.objects.create(
            person=chris,
            title=title,
            done_on=today - dt.timedelta(days=days),
            hours=hours,
            reflection=reflection,
        )


def _stories(rng, people, courses, log) -> None:
    """Training that answers review actions: hoarding after SAR Adult H, and explaining
    financial assessments after the charging complaints."""
    academy = User.objects.filter(email="academy.lead@northshire.example").first()
    for title, action_title, month, teams in (
        (
            HOARDING_COURSE,
            HOARDING_TITLE,
            story.HOARDING_TRAINING,
            {
                "North Locality Team",
                "South Locality Team",
                "East Locality Team",
                "Adult Safeguarding Hub",
                "Hospital Discharge Team",
            },
        ),
        (
            FINANCE_COURSE,
            TRAINING_TITLE,
            story.FINANCE_TRAINING,
            {
                "North Locality Team",
                "South Locality Team",
                "East Locality Team",
                "Hospital Discharge Team",
                "Financial Assessment and Charging Team",
            },
        ),
    ):
        course = courses[title]
        action = Action.objects.filter(title=action_title).first()
        course.audience_teams.set(Team.objects.filter(name__in=teams))
        if action is not None:
            course.action = action
            course.description = f"Set up in response to {action.source_label or action.title}."
            course.save()
        objs = [
            _completion(
                p, course, m(month, rng.randint(1, 28)) - dt.timedelta(days=rng.randint(0, 40))
            )
            for p in people
            if p.team.name in teams
            and rng.random() < 0.86
            and p.staff_profile.started_on < m(month, 1)
        ]
        Completion.objects.bulk_create(objs)
        audit.record_bulk_create(
            Completion.objects.filter(course=course).select_related("course"),
            reason="Northshire demo workforce",
        )
        if action is not None:
            figure = services.action_evidence_update(
                course=course, user=academy, as_of=m(month, 28)
            )
            if figure is not None:
                log(f"  {title}: {figure.display} as evidence on {action.reference}")


AUDIT_QUESTIONS = [
    "Is the person's voice and what matters to them clear throughout?",
    "Was mental capacity considered and assessed for specific decisions?",
    "Are risks identified, assessed and shared with the right people?",
    "Does the support plan follow from the assessed needs and outcomes?",
    "Were carers offered an assessment and involved?",
    "Is the record up to date, accurate and written for the person to read?",
]
# How likely each rating is, per question (outstanding, good, requires improvement, inadequate):
# capacity and carers are the weak spots, as in many councils' audits.
AUDIT_WEIGHTS = [
    (20, 60, 18, 2),
    (8, 47, 35, 10),
    (12, 58, 25, 5),
    (15, 62, 20, 3),
    (6, 44, 40, 10),
    (14, 60, 23, 3),
]
CIRCLE_TOPICS = [
    "Working with people who decline support",
    "Strengths-based conversations at the front door",
    "Capacity assessments for specific decisions",
    "Carers' assessments: who gets offered one?",
    "Hospital discharge and choice",
    "Professional curiosity",
    "Explaining charging early",
    "Endings: closing cases well",
    "Transitions at 18",
    "Safeguarding thresholds",
    "Self-neglect and fire risk",
    "Recording for the person to read",
]


def _practice(rng, today, people) -> None:
    psw = User.objects.filter(email="principal.sw@northshire.example").first()
    academy = User.objects.filter(email="academy.lead@northshire.example").first()
    lead = psw or academy or people[0]
    social_workers = [p for p in people if p.team.name in SOCIAL_WORK_TEAMS]
    # Monthly quality circles and reflective practice sessions over the last year.
    for months_back, topic in enumerate(CIRCLE_TOPICS):
        held = today.replace(day=1) - dt.timedelta(days=30 * months_back + rng.randint(3, 20))
        held = min(held, today)
        services.group_session_record(
            user=lead,
            kind="quality_circle" if months_back % 3 else "reflective",
            topic=topic,
            held_on=held,
            practice_issue=f"Practitioners brought cases about {topic.lower()}; discussed "
            "without blame what made them hard.",
            attendees=rng.sample(social_workers, min(12, len(social_workers))),
            learning_outputs="Shared what worked; agreed to bring examples next time.",
            facilitator=lead,
        )
    sar = services.group_session_record(
        user=lead,
        kind="review",
        topic="Learning from SAR Adult H: self-neglect and hoarding",
        held_on=m(10, 12),
        practice_issue="Refusals of help were accepted without exploring capacity or the risk "
        "of fire; no agency led.",
        attendees=rng.sample(social_workers, min(25, len(social_workers))),
        learning_outputs="Hoarding and self-neglect training for all practitioners; use the "
        "multi-agency protocol; ask the fire service for a home safety check.",
        facilitator=lead,
    )
    GroupSession.objects.filter(pk=sar.pk).update(held_on=m(10, 12))

    # Case file audits against the practice standard, with themes and follow-ups.
    standard = services.standard_save(
        name="Northshire practice standard: assessment and support planning",
        description="The quarterly case file audit used by team managers and the principal "
        "social worker.",
        questions=AUDIT_QUESTIONS,
    )
    questions = list(standard.questions.all())
    auditors = [u for u in User.objects.filter(role__in=[Role.MANAGER, Role.QUALITY_LEAD])]
    for i in range(60):
        practitioner = rng.choice(social_workers)
        auditor = rng.choice([a for a in auditors if a.pk != practitioner.pk])
        answers = {}
        for q, weights in zip(questions, AUDIT_WEIGHTS, strict=True):
            rating = rng.choices(
                ["outstanding", "good", "requires_improvement", "inadequate"], weights
            )[0]
            comment = (
                "Capacity assumed, not assessed for the decision about moving."
                if rating == "inadequate" and "capacity" in q.text
                else ""
            )
            answers[q.pk] = (rating, comment)
        case_audit = services.audit_record(
            user=auditor,
            standard=standard,
            practitioner=practitioner,
            case_reference=f"NS-{40000 + i * 37}",
            audited_on=today - dt.timedelta(days=rng.randint(1, 360)),
            answers=answers,
        )
        if rng.random() < 0.5:
            case_audit.practitioner_feedback = (
                "The audit was fair; I will record capacity decisions."
            )
            case_audit.manager_feedback = "Discussed in supervision; good reflection."
            case_audit.save()

    # Peer feedback from colleagues in other teams.
    feedback = []
    for _ in range(30):
        subject, giver = rng.sample(social_workers, 2)
        if subject.team_id == giver.team_id:
            continue
        feedback.append(
            PeerFeedback(
                practitioner=subject,
                given_by=giver,
                case_reference=f"NS-{rng.randint(10000, 99999)}",
                effectiveness=rng.choices(["very", "mostly", "partly", "not"], [30, 45, 20, 5])[0],
                comment=rng.choice(
                    [
                        "The support started on the day of discharge as planned.",
                        "The direct payment took three weeks to set up; the family coped.",
                        "The handover to our team was clear and complete.",
                        "Equipment arrived late; the plan did not say who would chase it.",
                    ]
                ),
                given_on=today - dt.timedelta(days=rng.randint(1, 300)),
            )
        )
    PeerFeedback.objects.bulk_create(feedback)
    audit.record_bulk_create(
        PeerFeedback.objects.select_related("practitioner"), reason="Northshire demo workforce"
    )

    # Development pathways.
    pathways = [
        (Pathway.BIA, 8),
        (Pathway.AMHP, 5),
        (Pathway.PRACTICE_EDUCATOR, 6),
        (Pathway.SW_APPRENTICESHIP, 5),
        (Pathway.OT_APPRENTICESHIP, 2),
    ]
    enrolments = []
    for pathway, n in pathways:
        for person in rng.sample(social_workers, n):
            status = rng.choice(["applied", "approved", "in_progress", "in_progress", "completed"])
            applied = today - dt.timedelta(days=rng.randint(20, 600))
            if status == "completed":
                applied = today - dt.timedelta(days=rng.randint(320, 700))
            enrolments.append(
                Enrolment(
                    person=person,
                    pathway=pathway,
                    status=status,
                    applied_on=applied,
                    decided_by=academy if status != "applied" else None,
                    decided_on=applied + dt.timedelta(days=14) if status != "applied" else None,
                    started_on=min(today, applied + dt.timedelta(days=60))
                    if status in ("in_progress", "completed")
                    else None,
                    completed_on=applied + dt.timedelta(days=300)
                    if status == "completed"
                    else None,
                )
            )
    for person in people:
        if person.staff_profile.career_stage == CareerStage.ASYE:
            enrolments.append(
                Enrolment(
                    person=person,
                    pathway=Pathway.ASYE,
                    status="in_progress",
                    applied_on=person.staff_profile.started_on,
                    started_on=person.staff_profile.started_on,
                    decided_by=academy,
                    decided_on=person.staff_profile.started_on,
                )
            )
    Enrolment.objects.bulk_create(enrolments)
    audit.record_bulk_create(
        Enrolment.objects.select_related("person"), reason="Northshire demo workforce"
    )
