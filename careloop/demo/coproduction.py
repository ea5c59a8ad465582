"""Northshire's coproduction: groups and partners, participants, two coproduced strategies
and an accessible information project, feedback windows, what people said and what changed,
and a dozen "You said, we did" statements.

- The All Age Carers Strategy involved carers from the start (defining the problem).
- "Living Well Together", the joint strategy for disabled and neurodivergent people, asked
  people only once the draft was written: flagged as late. Their first feedback window was
  shorter than the policy (with a reason); people said so, and the council set longer windows
  for groups and involved people in the delivery plan from the start.

Everyone here is invented. Dates are relative to today (see careloop.demo.story).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from careloop.coproduction.models import (
    Contribution,
    FeedbackPolicy,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Project,
    Rung,
    Stage,
    Statement,
)
from careloop.core import workdays
from careloop.core.models import Team, User
from careloop.demo import story
from careloop.demo.story import month_start
from careloop.innovation.models import Pilot
from careloop.learning import selectors as learning_selectors
from careloop.learning import services as learning_services

CARERS = "All Age Carers Strategy 2025 to 2030"
LIVING_WELL = "Living Well Together: a joint strategy for disabled and neurodivergent people"
ACCESSIBLE = "Accessible information: letters and leaflets people can use"


def day(month: int, offset: int = 0) -> dt.date:
    return month_start(month) + dt.timedelta(days=offset)


GROUPS = [
    (
        "Northshire Carers' Forum",
        Group.Kind.CARERS,
        "Unpaid carers of all ages who meet to shape support for carers.",
        "Meets on the first Tuesday of the month, 1pm to 3pm, with replacement care paid for. "
        "Needs papers a fortnight ahead.",
        "Forum coordinator",
        "forum@carers-forum.example",
    ),
    (
        "Young Carers' Voice",
        Group.Kind.CARERS,
        "Young carers aged 11 to 18, supported by the Carers' Hub.",
        "After school only; sessions are short and activity-based.",
        "Youth worker",
        "voice@carers-hub.example",
    ),
    (
        "Northshire Disability Forum",
        Group.Kind.DISABLED,
        "A user-led organisation of disabled people in Northshire.",
        "Step-free venues, BSL interpreters booked in advance, papers in accessible formats.",
        "Forum secretary",
        "hello@disability-forum.example",
    ),
    (
        "Autism Voices Northshire",
        Group.Kind.NEURODIVERGENT,
        "Autistic adults and neurodivergent people, and their families.",
        "Quiet rooms, agendas in advance, written and online ways to reply as well as meetings.",
        "Group lead",
        "contact@autism-voices.example",
    ),
    (
        "Learning Disability Partnership Board",
        Group.Kind.PARTNERSHIP_BOARD,
        "People with learning disabilities, family carers, the council, the NHS and providers.",
        "Everything in easy read; meetings with support workers; co-chaired by a self-advocate.",
        "Board support officer",
        "ldpb@northshire.example",
    ),
    (
        "Healthwatch Northshire",
        Group.Kind.HEALTHWATCH,
        "The independent champion for people who use health and care services.",
        "Monthly liaison meeting with the Head of Quality.",
        "Chief officer",
        "info@healthwatch-northshire.example",
    ),
    (
        "Northshire Carers' Hub",
        Group.Kind.VOLUNTARY,
        "The commissioned carers' support service.",
        "",
        "Service manager",
        "team@carers-hub.example",
    ),
    (
        "Northshire Council for Voluntary Service",
        Group.Kind.VOLUNTARY,
        "Umbrella body for the voluntary, community, faith and social enterprise sector.",
        "",
        "Partnerships lead",
        "partnerships@ncvs.example",
    ),
]

# name, email, groups, contact, access needs, payment, restricted
PARTICIPANTS = [
    (
        "Margaret Ellison",
        "m.ellison@mail.example",
        ["Northshire Carers' Forum"],
        "email",
        ["papers_early"],
        "paid",
        False,
    ),
    (
        "Tomasz Nowicki",
        "tomasz.n@mail.example",
        ["Northshire Carers' Forum"],
        "phone",
        ["interpreter"],
        "vouchers",
        False,
    ),
    (
        "Aisha Rahman",
        "aisha.r@mail.example",
        ["Young Carers' Voice"],
        "group",
        [],
        "vouchers",
        False,
    ),
    (
        "Dev Patel",
        "dev.patel@mail.example",
        ["Northshire Disability Forum"],
        "email",
        ["step_free", "transport"],
        "paid",
        False,
    ),
    (
        "Rachel Byrne",
        "rachel.byrne@mail.example",
        ["Autism Voices Northshire"],
        "email",
        ["quiet_space", "papers_early", "online"],
        "paid",
        False,
    ),
    (
        "Owen Pryce",
        "owen.pryce@mail.example",
        ["Learning Disability Partnership Board"],
        "group",
        ["easy_read", "support_worker"],
        "paid",
        False,
    ),
    (
        "Grace Okoye",
        "grace.okoye@mail.example",
        ["Northshire Disability Forum"],
        "text",
        ["bsl"],
        "expenses",
        False,
    ),
    ("Linda Shaw", "", ["Northshire Carers' Forum"], "post", ["large_print"], "none", True),
]


def groups() -> dict[str, Group]:
    out = {}
    for name, kind, description, how, contact, email in GROUPS:
        out[name], _ = Group.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "description": description,
                "how_we_work": how,
                "contact_name": contact,
                "contact_email": email,
            },
        )
    return out


def participants(by_group: dict[str, Group]) -> dict[str, Participant]:
    out = {}
    for index, (name, email, group_names, contact, access, payment, restricted) in enumerate(
        PARTICIPANTS
    ):
        person, created = Participant.objects.get_or_create(
            full_name=name,
            defaults={
                "email": email,
                "phone": f"07700 900{100 + index}",
                "address": f"{10 + index} Mill Lane\nNorthshire\nNS{index + 1} 4AB"
                if contact == "post"
                else "",
                "contact_preference": contact,
                "contact_times": "Weekday afternoons",
                "access_needs": access,
                "consent": True,
                "consent_on": day(4, index),
                "consent_scope": "To be contacted about coproduction work and for their words "
                "to be used without their name.",
                "payment_preference": payment,
                "benefits_advice": payment == "paid",
                "is_restricted": restricted,
                "restriction_reason": "Address must not be shared" if restricted else "",
                "added_on": day(4, index),
            },
        )
        if created:
            person.groups.set([by_group[g] for g in group_names])
        out[name] = person
    return out


def _project(title: str, **fields) -> Project:
    project, _ = Project.objects.get_or_create(title=title, defaults=fields)
    return project


def _involve(project, who, stage, rung, started_on, what) -> None:
    lookup = {"project": project, "stage": stage}
    lookup["group" if isinstance(who, Group) else "participant"] = who
    Involvement.objects.get_or_create(
        **lookup, defaults={"rung": rung, "started_on": started_on, "what": what}
    )


def _window(project, group, title, opens_on, length, formats, reason="") -> FeedbackWindow:
    window = FeedbackWindow.objects.filter(project=project, title=title).first()
    if window:
        return window
    policy = FeedbackPolicy.current()
    return FeedbackWindow.objects.create(
        project=project,
        group=group,
        title=title,
        opens_on=opens_on,
        closes_on=workdays.add_working_days(opens_on, length),
        formats=formats,
        policy_minimum=policy.minimum_for(group),
        short_reason=reason,
    )


def _said(project, group, window, said, received_on, outcome, changed, responded_on=None):
    contribution, _ = Contribution.objects.get_or_create(
        project=project,
        said=said,
        defaults={
            "group": group,
            "window": window,
            "received_on": received_on,
            "outcome": outcome,
            "what_changed": changed,
            "responded_on": responded_on if outcome != Contribution.Outcome.PENDING else None,
        },
    )
    return contribution


def carers_strategy(g, p, lead) -> Project:
    project = _project(
        CARERS,
        kind=Project.Kind.STRATEGY,
        summary="How Northshire will recognise and support unpaid carers of all ages, written "
        "with carers from the first conversation.",
        lead=lead,
        team=Team.objects.filter(name="Commissioning Team").first(),
        started_on=day(5),
        drafted_on=day(12),
        status=Project.Status.ACTIVE,
    )
    forum, young, hub = (
        g["Northshire Carers' Forum"],
        g["Young Carers' Voice"],
        g["Northshire Carers' Hub"],
    )
    rows = [
        (
            forum,
            Stage.DEFINING,
            Rung.COPRODUCING,
            day(5, 3),
            "Carers chose the questions for the carers' survey and ran four listening events.",
        ),
        (
            young,
            Stage.DEFINING,
            Rung.CO_DESIGNING,
            day(5, 20),
            "Young carers ran a session in two schools on what makes caring hard.",
        ),
        (hub, Stage.DEFINING, Rung.ENGAGING, day(6), "Shared what carers ask the Hub for."),
        (
            p["Margaret Ellison"],
            Stage.DEFINING,
            Rung.COPRODUCING,
            day(5, 3),
            "Co-chaired the strategy group.",
        ),
        (
            forum,
            Stage.DESIGNING,
            Rung.COPRODUCING,
            day(8),
            "Wrote the priorities with officers in three workshops.",
        ),
        (
            p["Tomasz Nowicki"],
            Stage.DESIGNING,
            Rung.CO_DESIGNING,
            day(8, 5),
            "Brought the experience of carers whose first language is not English.",
        ),
        (young, Stage.DESIGNING, Rung.CO_DESIGNING, day(9), "Designed the young carers' section."),
        (
            forum,
            Stage.DECIDING,
            Rung.COPRODUCING,
            day(11),
            "Two carers sat on the panel that agreed the final priorities.",
        ),
        (
            forum,
            Stage.DELIVERING,
            Rung.CO_DESIGNING,
            day(15),
            "Carers help design the carers' break booking line.",
        ),
        (
            p["Aisha Rahman"],
            Stage.DELIVERING,
            Rung.ENGAGING,
            day(16),
            "Tests the young carers' school assessment.",
        ),
        (
            forum,
            Stage.EVALUATING,
            Rung.CO_DESIGNING,
            day(20),
            "Carers help review the first year's progress.",
        ),
    ]
    for who, stage, rung, started, what in rows:
        _involve(project, who, stage, rung, started, what)
    window = _window(
        project,
        forum,
        "The draft All Age Carers Strategy",
        day(12, 2),
        25,
        "Easy read and large print; a session with replacement care paid for",
    )
    _window(
        project,
        young,
        "The young carers' section",
        day(12, 2),
        22,
        "A short video and an online form",
    )
    _said(
        project,
        forum,
        window,
        "Carers said breaks are impossible to arrange at short notice: you ring round "
        "agencies yourself and give up.",
        day(13, 5),
        Contribution.Outcome.CHANGED,
        "A carers' break booking line run by the Carers' Hub, added to the strategy's first "
        "year, opened three months later.",
        day(14),
    )
    _said(
        project,
        young,
        None,
        "Young carers said nobody at school knew they were carers, and assessments happened "
        "at the council offices in school hours.",
        day(9, 10),
        Contribution.Outcome.CHANGED,
        "Young carers' assessments are now offered in school, with Young Carers' Voice "
        "training school staff.",
        day(15),
    )
    _said(
        project,
        forum,
        window,
        "Carers asked for a single guide to what help exists, not leaflets from five "
        "organisations.",
        day(13, 8),
        Contribution.Outcome.PARTLY,
        "A carers' guide is written with the Forum; a single website is planned for next year.",
        day(16),
    )
    _said(
        project,
        forum,
        window,
        "Carers asked for a carers' allowance top-up from the council.",
        day(13, 9),
        Contribution.Outcome.NOT_CHANGED,
        "The council cannot fund a top-up within its budget; instead the Hub now helps every "
        "carer check they claim the benefits they are entitled to.",
        day(16),
    )
    _said(
        project,
        forum,
        None,
        "Carers said the first year's progress report should show what changed for them, not "
        "just what the council did.",
        day(20, 12),
        Contribution.Outcome.PENDING,
        "",
    )
    return project


def living_well(g, p, lead) -> Project:
    project = _project(
        LIVING_WELL,
        kind=Project.Kind.STRATEGY,
        summary="A joint strategy with the NHS for disabled and neurodivergent people in "
        "Northshire: housing, work, health and social care.",
        lead=lead,
        team=Team.objects.filter(name="Commissioning Team").first(),
        started_on=day(9),
        drafted_on=day(13),
        status=Project.Status.ACTIVE,
        late_response="Leaders accepted that people were asked too late. Groups now get at "
        "least 20 working days to reply, and the delivery plan is being written with the "
        "Disability Forum and Autism Voices from the start.",
    )
    forum, autism, healthwatch = (
        g["Northshire Disability Forum"],
        g["Autism Voices Northshire"],
        g["Healthwatch Northshire"],
    )
    rows = [
        (
            healthwatch,
            Stage.DECIDING,
            Rung.INFORMING,
            day(15, 1),
            "Told about the draft at the liaison meeting.",
        ),
        (
            forum,
            Stage.DECIDING,
            Rung.CONSULTING,
            day(15, 3),
            "Asked to comment on the drafted strategy.",
        ),
        (
            autism,
            Stage.DECIDING,
            Rung.CONSULTING,
            day(15, 3),
            "Asked to comment on the drafted strategy.",
        ),
        (
            p["Rachel Byrne"],
            Stage.DECIDING,
            Rung.CONSULTING,
            day(15, 10),
            "Replied in writing for Autism Voices.",
        ),
        (
            forum,
            Stage.DELIVERING,
            Rung.CO_DESIGNING,
            day(19),
            "Writing the delivery plan with officers.",
        ),
        (
            autism,
            Stage.DELIVERING,
            Rung.CO_DESIGNING,
            day(19),
            "Writing the delivery plan with officers.",
        ),
        (
            p["Dev Patel"],
            Stage.DELIVERING,
            Rung.CO_DESIGNING,
            day(19, 8),
            "Leads the housing workstream of the delivery plan.",
        ),
    ]
    for who, stage, rung, started, what in rows:
        _involve(project, who, stage, rung, started, what)
    short = _window(
        project,
        autism,
        "The draft Living Well Together strategy",
        day(15, 3),
        10,
        "Standard print and an online survey",
        reason="The draft had to go to Cabinet in the following month's cycle.",
    )
    forum_short = _window(
        project,
        forum,
        "The draft Living Well Together strategy (Disability Forum)",
        day(15, 3),
        10,
        "Standard print and an online survey",
        reason="The draft had to go to Cabinet in the following month's cycle.",
    )
    revised = _window(
        project,
        forum,
        "The revised strategy and first delivery plan",
        day(18, 2),
        30,
        "Easy read, BSL video, large print, two face-to-face sessions",
    )
    _said(
        project,
        autism,
        short,
        "People said they were asked only once the strategy was written, and given two weeks: "
        "not enough time for the group to meet and agree a reply.",
        day(16, 2),
        Contribution.Outcome.CHANGED,
        "The council set a minimum of 20 working days for groups of people with lived "
        "experience, and the delivery plan is being written with the groups from the start.",
        day(17),
    )
    _said(
        project,
        forum,
        forum_short,
        "The draft was not available in easy read or BSL, so many members could not respond.",
        day(16, 5),
        Contribution.Outcome.CHANGED,
        "Every request for feedback now offers easy read and a BSL video; the revised "
        "strategy went out in both.",
        day(18),
    )
    _said(
        project,
        forum,
        revised,
        "Members want an accessible housing register, not a promise to 'explore options'.",
        day(19, 20),
        Contribution.Outcome.PENDING,
        "",
    )
    return project


def accessible_information(g, p, lead) -> Project:
    month = story.SURVEY_MONTH + 1
    project = _project(
        ACCESSIBLE,
        kind=Project.Kind.SERVICE,
        summary="After the Adult Social Care Survey showed people struggle to get information "
        "in formats they can use, an Accessible Information working group is rewriting the "
        "council's letters and leaflets with the people who receive them.",
        lead=lead,
        team=Team.objects.filter(name="Quality Assurance and Improvement Team").first(),
        started_on=day(month),
        drafted_on=day(month + 4),
        status=Project.Status.ACTIVE,
    )
    board = g["Learning Disability Partnership Board"]
    _involve(
        project,
        board,
        Stage.DEFINING,
        Rung.COPRODUCING,
        day(month, 5),
        "Self-advocates chose the first ten letters to rewrite.",
    )
    _involve(
        project,
        board,
        Stage.DESIGNING,
        Rung.COPRODUCING,
        day(month + 1, 5),
        "Rewrote the letters with officers in easy read workshops.",
    )
    _involve(
        project,
        p["Owen Pryce"],
        Stage.DESIGNING,
        Rung.COPRODUCING,
        day(month + 1, 5),
        "Co-chairs the working group.",
    )
    _involve(
        project,
        g["Northshire Disability Forum"],
        Stage.DESIGNING,
        Rung.CO_DESIGNING,
        day(month + 2),
        "Tested the letters with screen reader users and BSL users.",
    )
    _said(
        project,
        board,
        None,
        "Letters about money are the hardest: long, full of words like 'contribution' and "
        "'assessed charge'.",
        day(month, 20),
        Contribution.Outcome.CHANGED,
        "The financial assessment letters were rewritten first, in plain English with an "
        "easy read version.",
        day(month + 3),
    )
    return project


def payments(p, projects) -> None:
    carers = projects[CARERS]
    rows = [
        (
            p["Margaret Ellison"],
            carers,
            Payment.Kind.INVOLVEMENT,
            "60.00",
            day(8, 2),
            "Strategy workshop (3 hours)",
            Payment.Status.PAID,
        ),
        (
            p["Margaret Ellison"],
            carers,
            Payment.Kind.EXPENSES,
            "12.40",
            day(8, 2),
            "Bus fares and replacement care",
            Payment.Status.PAID,
        ),
        (
            p["Tomasz Nowicki"],
            carers,
            Payment.Kind.VOUCHER,
            "40.00",
            day(8, 5),
            "Strategy workshop",
            Payment.Status.PAID,
        ),
        (
            p["Dev Patel"],
            projects[LIVING_WELL],
            Payment.Kind.INVOLVEMENT,
            "80.00",
            day(19, 8),
            "Delivery plan housing workstream (4 hours)",
            Payment.Status.APPROVED,
        ),
        (
            p["Owen Pryce"],
            projects[ACCESSIBLE],
            Payment.Kind.INVOLVEMENT,
            "40.00",
            day(story.SURVEY_MONTH + 2, 5),
            "Easy read workshop",
            Payment.Status.CLAIMED,
        ),
    ]
    for person, project, kind, amount, for_date, description, status in rows:
        Payment.objects.get_or_create(
            participant=person,
            description=description,
            for_date=for_date,
            defaults={
                "project": project,
                "kind": kind,
                "amount": Decimal(amount),
                "status": status,
                "paid_on": for_date + dt.timedelta(days=14)
                if status == Payment.Status.PAID
                else None,
            },
        )


def statements(projects) -> None:
    night = Pilot.objects.filter(title__startswith="Night-time support").first()
    sensors = Pilot.objects.filter(title__startswith="Wearable sensors").first()
    carers, living, accessible = projects[CARERS], projects[LIVING_WELL], projects[ACCESSIBLE]
    S = Statement.Source
    rows = [
        (
            "Help to arrange a carer's break",
            "Carers",
            S.COPRODUCTION,
            "All Age Carers Strategy",
            carers,
            None,
            "Carers told us breaks are impossible to arrange at short notice.",
            "We opened a carers' break booking line with the Carers' Hub. One call finds cover.",
            "Carers said breaks are too hard to book.",
            "Now there is one phone number to book a break.",
            "We will check with carers after a year whether it is working.",
            14,
        ),
        (
            "Young carers' assessments in school",
            "Carers",
            S.COPRODUCTION,
            "Young Carers' Voice",
            carers,
            None,
            "Young carers told us nobody at school knew they were carers, and assessments were at "
            "the council offices in school hours.",
            "Young carers can now have their assessment in school, and Young Carers' Voice trains "
            "school staff to spot young carers.",
            "Young carers said school did not know about them.",
            "Now you can have your carer's assessment at school.",
            "",
            15,
        ),
        (
            "One guide for carers",
            "Carers",
            S.COPRODUCTION,
            "Carers' Forum",
            carers,
            None,
            "Carers asked for one guide to the help that exists, not leaflets from five "
            "organisations.",
            "We wrote a carers' guide with the Carers' Forum. A single website for carers is "
            "planned for next year.",
            "",
            "",
            "",
            16,
        ),
        (
            "More time to give your views",
            "Having your say",
            S.COPRODUCTION,
            "Autism Voices Northshire and the Disability Forum",
            living,
            None,
            "You told us you were asked about the Living Well Together strategy only once it was "
            "written, and given two weeks to reply: not enough for a group to meet.",
            "Groups now get at least 20 working days to reply to us, and the delivery plan is "
            "being written with the Disability Forum and Autism Voices from the start.",
            "You said we asked you too late, and did not give you enough time.",
            "Now groups get at least 4 weeks to reply. We are writing the plan with you from the "
            "start.",
            "",
            17,
        ),
        (
            "Easy read and BSL when we ask for views",
            "Having your say",
            S.COPRODUCTION,
            "Northshire Disability Forum",
            living,
            None,
            "The draft strategy was not in easy read or BSL, so many people could not reply.",
            "Every request for views now comes in easy read and with a BSL video.",
            "You said you could not read the draft.",
            "Now we send easy read and a sign language video every time.",
            "",
            18,
        ),
        (
            "Letters you can understand",
            "Information and advice",
            S.SURVEY,
            f"Adult Social Care Survey {month_start(story.SURVEY_MONTH).year}",
            accessible,
            None,
            "People told us in the Adult Social Care Survey that it is hard to get information in "
            "a format they can use.",
            "An Accessible Information working group, co-chaired by a self-advocate, has rewritten "
            "our letters about money first, in plain English with easy read versions.",
            "You said our letters were hard to understand.",
            "We rewrote our letters with people who get them. There is an easy read version too.",
            "The next letters to rewrite are about assessments and reviews.",
            story.SURVEY_MONTH + 5,
        ),
        (
            "Explaining financial assessments",
            "Money and charging",
            S.FEEDBACK,
            "Complaints about charging",
            None,
            None,
            "Complaints told us people were not told they would need a financial assessment, or "
            "what it would mean for what they pay.",
            "Frontline staff were trained to explain financial assessments at first contact. "
            "Complaints about charging have fallen back to where they were.",
            "You said nobody told you that you might have to pay.",
            "Our staff now explain this at the start.",
            "",
            story.FINANCE_TRAINING + 4,
        ),
        (
            "Keeping you informed",
            "Information and advice",
            S.FEEDBACK,
            "Complaints about communication",
            None,
            None,
            "You told us you did not hear back from us after you asked for help.",
            "We introduced a 'keeping you informed' standard: we tell you who is dealing with your "
            "request and when you will hear from us.",
            "You said we did not tell you what was happening.",
            "Now we tell you who is helping you and when we will call.",
            "",
            story.COMMUNICATION_STANDARD + 2,
        ),
        (
            "Support at night after hospital",
            "Hospital discharge",
            S.FEEDBACK,
            "Healthwatch Northshire and complaints",
            None,
            night,
            "People and families told us the first nights home from hospital were frightening, "
            "and some people went into a care home because no one could be with them at night.",
            "We piloted a night support service after discharge. Fewer people went back into "
            "hospital and more went home, so it is now being offered across Northshire.",
            "You said the first nights home from hospital were scary.",
            "We tried night support at home. It helped, so everyone can have it now.",
            "",
            22,
        ),
        (
            "Technology to help you stay independent",
            "Technology at home",
            S.PARTNERS,
            "Northshire Telecare and the Falls Service",
            None,
            sensors,
            "Partners told us people who fall at home are often not found for hours.",
            "We are trying wearable sensors that call for help when someone falls. We will share "
            "what we find.",
            "You said people who fall can wait a long time for help.",
            "We are trying a sensor that calls for help.",
            "The pilot is being evaluated; we will publish the results.",
            20,
        ),
        (
            "Planning earlier for young people leaving care",
            "Moving to adult services",
            S.PARTNERS,
            "Ofsted inspection of children's services",
            None,
            None,
            "Young people leaving care told inspectors planning for adult life started too late.",
            "Pathway plans for care leavers with support needs now start adult social care "
            "planning earlier, with the Transitions Team.",
            "Young people said planning for adult life started too late.",
            "Now we start planning earlier with you.",
            "",
            story.OFSTED_INSPECTION + 4,
        ),
        (
            "Meetings you can get to",
            "Having your say",
            S.PARTNERSHIP_BOARD,
            "Learning Disability Partnership Board",
            None,
            None,
            "Board members told us meetings in the council chamber were hard to get to and hard "
            "to follow.",
            "Board meetings moved to a step-free community venue, with support workers welcome and "
            "easy read papers two weeks before.",
            "You said meetings were hard to get to.",
            "Meetings are now somewhere easier to get to, with easy read papers.",
            "",
            13,
        ),
    ]
    night_actions = learning_selectors.actions_for(night) if night else []
    for (
        title,
        topic,
        source,
        detail,
        project,
        pilot,
        said,
        did,
        er_said,
        er_did,
        next_steps,
        month,
    ) in rows:
        Statement.objects.get_or_create(
            title=title,
            defaults={
                "topic": topic,
                "source": source,
                "source_detail": detail,
                "project": project,
                "pilot": pilot,
                "action": night_actions[0] if night_actions and pilot == night else None,
                "you_said": said,
                "we_did": did,
                "easy_read_you_said": er_said,
                "easy_read_we_did": er_did,
                "still_to_do": next_steps,
                "status": Statement.Status.PUBLISHED,
                "published_on": day(min(month, story.MONTHS - 2), 20),
            },
        )
    Statement.objects.get_or_create(
        title="An accessible housing register",
        defaults={
            "topic": "Housing",
            "source": S.COPRODUCTION,
            "source_detail": "Northshire Disability Forum",
            "project": living,
            "you_said": "Members want an accessible housing register, not a promise to explore "
            "options.",
            "we_did": "To be agreed with the Disability Forum in the delivery plan.",
            "status": Statement.Status.DRAFT,
        },
    )


def load(log) -> None:
    if not FeedbackPolicy.objects.exists():
        FeedbackPolicy.objects.create(min_days_groups=20, min_days_others=10)
    lead = User.objects.get(email="quality.lead@northshire.example")
    manager = User.objects.get(email="manager@northshire.example")
    g = groups()
    p = participants(g)
    projects = {
        CARERS: carers_strategy(g, p, manager),
        LIVING_WELL: living_well(g, p, lead),
        ACCESSIBLE: accessible_information(g, p, lead),
    }
    payments(p, projects)
    statements(projects)
    living_well_plan = "Write the delivery plan with the Disability Forum and Autism Voices"
    if not any(
        a.title == living_well_plan for a in learning_selectors.actions_for(projects[LIVING_WELL])
    ):
        learning_services.action_create(
            source=projects[LIVING_WELL],
            title=living_well_plan,
            owner=lead,
            due=dt.date.today() + dt.timedelta(days=90),
        )
    log(
        f"Coproduction: {len(projects)} projects, {len(g)} groups, {len(p)} participants, "
        f"{Statement.objects.published().count()} published “You said, we did”"
    )
