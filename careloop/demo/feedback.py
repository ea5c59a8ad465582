"""Northshire's feedback over the 24 demo months: over 3,000 items of every kind.

The stories of careloop/demo/story.py are told here exactly:
- charging: complaints about charging and financial assessment each month follow
  `story.charging_rate()` (3.0 a month, 8.2 after the policy change, 3.1 after the training),
  with month-to-month variation but each period's total matching its rate; after the policy
  change more are upheld and some go to the Ombudsman;
- communication: complaints about being kept informed fall gradually after the standard;
- hospital discharge: concerns rise every winter (December to February);
- care leavers: feedback about transitions from children's services rises after the Ofsted
  inspection;
- accessible information: the Adult Social Care Survey (SURVEY_MONTH) brings a batch of
  responses, many about information in formats people can use;
- compliments peak in December.

Every item's intended themes (the default theme framework's names) are recoverable with
`intended_themes()` -> {external reference: [theme names]}, for the themes area. The plan
depends only on month numbers and a fixed seed, never on today's date, so the mapping is the
same whenever it is asked for; only the dates move with today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache

from careloop.core.imports import bulk
from careloop.core.models import Team, User
from careloop.demo import story
from careloop.demo.feedback_text import (
    COMMENT_OPENINGS,
    ENDINGS_BAD,
    ENDINGS_GOOD,
    FRAGMENTS,
    GRATITUDE,
    MISSPELLINGS,
    OPENINGS_BAD,
    OPENINGS_GOOD,
    SURVEY_SHORT_BAD,
    SURVEY_SHORT_GOOD,
    THEMES,
)
from careloop.feedback import clocks
from careloop.feedback.models import (
    ClockSettings,
    EqualityMonitoring,
    Feedback,
    Organisation,
    next_references,
)

SOURCE = "Northshire demo"
SEED = 20261126
CHARGING = "charging and financial assessment"
COMMUNICATION = "communication and being kept informed"
DISCHARGE = "hospital discharge"
TRANSITIONS = "transitions from children's services"
INFORMATION = "information and advice"
ACCESSIBILITY = "accessibility and reasonable adjustments"

# Which team usually deals with each theme.
THEME_TEAMS = {
    "assessment and care planning": [
        "North Locality Team",
        "South Locality Team",
        "East Locality Team",
    ],
    "reviews": ["North Locality Team", "South Locality Team", "East Locality Team"],
    CHARGING: ["Financial Assessment and Charging Team"],
    "direct payments": ["Direct Payments Team"],
    "home care": ["Brokerage Team", "Commissioning Team"],
    "residential and nursing care": ["Brokerage Team", "Commissioning Team"],
    DISCHARGE: ["Hospital Discharge Team"],
    "carers' support": ["North Locality Team", "South Locality Team", "East Locality Team"],
    "equipment and adaptations": ["North Locality Team", "East Locality Team"],
    "safeguarding": ["Adult Safeguarding Hub"],
    "mental capacity and deprivation of liberty": ["Deprivation of Liberty Safeguards Team"],
    TRANSITIONS: ["Transitions Team"],
    INFORMATION: ["Complaints and Customer Relations Team", "North Locality Team"],
    COMMUNICATION: ["North Locality Team", "South Locality Team", "East Locality Team"],
    "staff attitude and conduct": [
        "North Locality Team",
        "South Locality Team",
        "East Locality Team",
    ],
    "staff knowledge and competence": ["North Locality Team", "South Locality Team"],
    "delays and waiting times": [
        "North Locality Team",
        "South Locality Team",
        "East Locality Team",
    ],
    "continuity of staff": ["North Locality Team", "South Locality Team", "East Locality Team"],
    ACCESSIBILITY: ["Learning Disability Team", "North Locality Team"],
    "equality and discrimination": [
        "North Locality Team",
        "Community Mental Health Social Work Team",
    ],
    "commissioned provider quality": ["Commissioning Team"],
    "transport": ["Learning Disability Team", "Commissioning Team"],
    GRATITUDE: [
        "North Locality Team",
        "South Locality Team",
        "East Locality Team",
        "Hospital Discharge Team",
    ],
}
PROVIDERS = [
    ("Meadowbank Care Home", "provider"),
    ("Oakfield Home Care", "provider"),
    ("Riverside Nursing Home", "provider"),
    ("Brightpath Homecare", "provider"),
    ("Willow Lodge", "provider"),
]
PARTNERS = [
    ("Northshire Carers Network", "vcfse"),
    ("Northshire Older People's Forum", "vcfse"),
    ("Learning Disability Partnership Board", "board"),
    ("Mental Health Partnership Board", "board"),
    ("Northshire Faith Communities Forum", "vcfse"),
    ("Northshire and Dale Integrated Care Board", "health"),
    ("Northshire General Hospital", "health"),
]
FIRST = [
    "Margaret",
    "John",
    "Aisha",
    "Peter",
    "Helen",
    "Tariq",
    "Brenda",
    "David",
    "Priya",
    "Graham",
    "Sandra",
    "Owen",
    "Fatima",
    "Keith",
    "Joan",
    "Ravi",
    "Elaine",
    "Colin",
    "Gwen",
    "Yusuf",
    "Irene",
    "Barry",
    "Maureen",
    "Kwame",
    "Lesley",
    "Dennis",
    "Nadia",
    "Trevor",
    "Hazel",
    "Stanley",
]
LAST = [
    "Ashworth",
    "Brennan",
    "Choudhury",
    "Dunmore",
    "Ellery",
    "Fairbairn",
    "Gillard",
    "Haworth",
    "Iqbal",
    "Jessop",
    "Kettering",
    "Lomax",
    "Mirza",
    "Nuttall",
    "Ormerod",
    "Pennington",
    "Quayle",
    "Rowbotham",
    "Sowerby",
    "Thackeray",
    "Umney",
    "Varley",
    "Whitworth",
    "Yardley",
    "Okonjo",
    "Kaur",
    "Novak",
    "Lindqvist",
    "Haddad",
    "Moretti",
]
RELATIONS = ["daughter", "son", "wife", "husband", "niece", "friend", "advocate", "neighbour"]
BAD_THEMES = [t for t in THEMES if t not in (GRATITUDE,)]


@dataclass
class Item:
    ref: str
    month: int
    day_fraction: float
    kind: str
    channel: str
    themes: list[str]
    text: str
    extra: dict = field(default_factory=dict)


# --- Text ---------------------------------------------------------------------------------------
def _misspell(rng: random.Random, text: str) -> str:
    if rng.random() < 0.18:
        for right, wrong in rng.sample(sorted(MISSPELLINGS.items()), 3):
            if right in text:
                text = text.replace(right, wrong, 1)
                break
    if rng.random() < 0.07:
        text = text.lower()
    if rng.random() < 0.06:
        text = text.replace(".", "").replace(",", "")
    if rng.random() < 0.04:
        text = text.replace(" i ", " I ").replace("  ", " ")
    return text


def _fragments(rng: random.Random, theme: str, mood: str, n: int) -> list[str]:
    pool = FRAGMENTS[theme][mood] or FRAGMENTS[theme]["good"]
    return rng.sample(pool, min(n, len(pool)))


def compose(rng: random.Random, kind: str, themes: list[str]) -> str:
    """Free text for an item of `kind` about `themes` (the first is the main one)."""
    if kind == "survey" and rng.random() < 0.4:
        short = rng.choice(SURVEY_SHORT_GOOD if GRATITUDE in themes else SURVEY_SHORT_BAD)
        body = short + (
            ". " + _fragments(rng, themes[0], "bad" if GRATITUDE not in themes else "good", 1)[0]
            if rng.random() < 0.3
            else ""
        )
        return _misspell(rng, body)
    good = GRATITUDE in themes
    mood = "good" if good else "bad"
    parts: list[str] = []
    main = [t for t in themes if t != GRATITUDE] or [GRATITUDE]
    length = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    for i, theme in enumerate(main):
        parts += _fragments(rng, theme, mood, max(1, length - i))
    if good:
        gratitude = rng.choice(FRAGMENTS[GRATITUDE]["good"])
        parts.insert(0 if rng.random() < 0.5 else len(parts), gratitude)
    elif kind == "comment" and rng.random() < 0.3 and len(main) == 1:
        # a mixed comment: something good about the same theme, then the concern
        parts.insert(0, rng.choice(FRAGMENTS[main[0]]["good"] or [""]))
    if kind in ("complaint", "corporate", "member"):
        opening = rng.choice(OPENINGS_BAD)
        ending = rng.choice(ENDINGS_BAD)
    elif good:
        opening, ending = rng.choice(OPENINGS_GOOD), rng.choice(ENDINGS_GOOD)
    else:
        opening, ending = rng.choice(COMMENT_OPENINGS), ""
    if kind == "member":
        opening = rng.choice(
            [
                "Councillor enquiry on behalf of a resident: ",
                "MP enquiry: my constituent reports that ",
                "A resident has contacted me. ",
            ]
        )
    if kind == "staff":
        opening = rng.choice(["From a staff member: ", "Staff suggestion. ", "Team feedback: "])
    if kind == "partner":
        opening = rng.choice(
            [
                "Feedback from our members: ",
                "Raised at the board meeting: ",
                "Several people we support have told us that ",
            ]
        )
    body = " ".join(p for p in parts if p)
    if opening.endswith(("but ", "that ", ", ")) and body and not body.startswith("I "):
        body = body[0].lower() + body[1:]  # the sentence runs on from the opening
    text = opening + body + ending
    return _misspell(rng, text.strip())


# --- The plan -----------------------------------------------------------------------------------
def _exact_counts(rng: random.Random, rate: float, months: list[int]) -> dict[int, int]:
    """Counts per month that vary like real data but add up to rate x months exactly
    (rounded), so the period's mean is the story's rate."""
    counts = {m: max(0, round(rng.gauss(rate, rate**0.5))) for m in months}
    target = round(rate * len(months))
    while sum(counts.values()) != target:
        m = rng.choice(months)
        if sum(counts.values()) < target:
            counts[m] += 1
        elif counts[m] > 0:
            counts[m] -= 1
    return counts


def plan(today: dt.date | None = None) -> tuple[Item, ...]:
    """Every demo item, in a fixed order, from the month numbers, the seed and the calendar
    month the demo is loaded in (winters and Decembers fall on different demo months)."""
    today = today or dt.date.today()
    return _plan(today.year, today.month)


@cache
def _plan(year: int, month: int) -> tuple[Item, ...]:
    loaded = dt.date(year, month, 1)
    rng = random.Random(SEED)
    items: list[Item] = []
    numbers: dict[int, int] = {}

    def add(month, kind, channel, themes, **extra):
        numbers[month] = numbers.get(month, 0) + 1
        ref = f"NS-DEMO-{month:02d}-{numbers[month]:04d}"
        item_rng = random.Random(f"{SEED}-{ref}")
        text = compose(item_rng, kind, themes)
        items.append(Item(ref, month, item_rng.random(), kind, channel, themes, text, extra))

    months = list(range(story.MONTHS))
    periods = [
        [m for m in months if m < story.CHARGING_POLICY_CHANGE],
        [m for m in months if story.CHARGING_POLICY_CHANGE <= m < story.FINANCE_TRAINING],
        [m for m in months if m >= story.FINANCE_TRAINING],
    ]
    charging: dict[int, int] = {}
    for period in periods:
        charging.update(_exact_counts(rng, story.charging_rate(period[0]), period))

    for m in months:
        rng = random.Random(f"{SEED}-month-{m}")  # each month on its own: stable references
        calendar_month = story.month_start(m, loaded).month
        winter = calendar_month in (12, 1, 2)
        december = calendar_month == 12
        # Charging complaints (the story's rates, exactly).
        for _ in range(charging[m]):
            second = (
                [
                    rng.choice(
                        [COMMUNICATION, "information and advice", "staff knowledge and competence"]
                    )
                ]
                if rng.random() < 0.3
                else []
            )
            add(
                m,
                "complaint",
                rng.choice(["email", "phone", "letter", "web"]),
                [CHARGING, *second],
                story="charging",
            )
        # Communication complaints: steady, then falling after the standard.
        if m < story.COMMUNICATION_STANDARD:
            comms = 6
        else:
            comms = max(
                2,
                round(
                    6
                    - 4
                    * (m - story.COMMUNICATION_STANDARD)
                    / (story.MONTHS - 1 - story.COMMUNICATION_STANDARD)
                ),
            )
        for _ in range(comms + rng.choice([-1, 0, 0, 1])):
            add(m, "complaint", rng.choice(["email", "phone", "web"]), [COMMUNICATION])
        # Hospital discharge concerns: more every winter (common cause, not a signal).
        for _ in range((9 if winter else 3) + rng.choice([-1, 0, 1])):
            add(
                m,
                rng.choice(["comment", "comment", "complaint"]),
                rng.choice(["phone", "email"]),
                [DISCHARGE],
            )
        # Care leavers after the Ofsted inspection.
        if story.OFSTED_INSPECTION <= m < story.OFSTED_INSPECTION + 5:
            for _ in range(3 + rng.choice([0, 1])):
                add(m, rng.choice(["complaint", "comment", "member"]), "email", [TRANSITIONS])
        # Other complaints, statutory and corporate.
        for _ in range(14 + rng.choice([-2, -1, 0, 1, 2])):
            themes = [rng.choice(BAD_THEMES[:2] + BAD_THEMES[3:])]
            if rng.random() < 0.35:
                themes.append(rng.choice([t for t in BAD_THEMES if t not in themes]))
            add(
                m, "complaint", rng.choice(["email", "phone", "letter", "web", "in_person"]), themes
            )
        for _ in range(2 + rng.choice([0, 0, 1])):
            add(
                m,
                "corporate",
                rng.choice(["email", "web"]),
                [rng.choice(["transport", INFORMATION, ACCESSIBILITY, "delays and waiting times"])],
            )
        # Compliments: more in December.
        for _ in range((42 if december else 27) + rng.choice([-3, 0, 3])):
            service = rng.choice([t for t in BAD_THEMES if FRAGMENTS[t]["good"]])
            themes = [GRATITUDE, service] if rng.random() < 0.8 else [GRATITUDE]
            add(
                m,
                "compliment",
                rng.choice(["email", "letter", "phone", "web", "in_person"]),
                themes,
            )
        # Comments and concerns.
        for _ in range(16 + rng.choice([-2, 0, 2])):
            themes = [rng.choice(BAD_THEMES)]
            add(m, "comment", rng.choice(["email", "phone", "web"]), themes)
        # The council's own engagement survey, every month.
        for _ in range(30 + rng.choice([-4, 0, 4])):
            good = rng.random() < 0.45
            main = rng.choice(BAD_THEMES)
            themes = [GRATITUDE, main] if good else [main]
            add(
                m,
                "survey",
                "survey_import",
                themes,
                survey="Northshire engagement survey",
                rating=rng.choice([4, 5]) if good else rng.choice([1, 2, 3]),
            )
        # The Adult Social Care Survey: accessible information.
        if m == story.SURVEY_MONTH:
            for _ in range(260):
                r = rng.random()
                if r < 0.4:
                    themes = [INFORMATION, ACCESSIBILITY] if rng.random() < 0.6 else [ACCESSIBILITY]
                    rating = rng.choice([1, 2, 2, 3])
                elif r < 0.75:
                    themes = [
                        GRATITUDE,
                        rng.choice(["home care", "staff attitude and conduct", "reviews"]),
                    ]
                    rating = rng.choice([4, 5])
                else:
                    themes = [rng.choice(BAD_THEMES)]
                    rating = rng.choice([2, 3])
                add(
                    m,
                    "survey",
                    "survey_import",
                    themes,
                    survey="Adult Social Care Survey",
                    rating=rating,
                )
        # Partners, councillors and MPs, staff.
        for _ in range(6 + rng.choice([-1, 0, 1])):
            add(
                m,
                "partner",
                rng.choice(["partner_meeting", "email"]),
                [rng.choice(BAD_THEMES)],
                partner=True,
            )
        for _ in range(5 + rng.choice([-1, 0, 1])):
            add(m, "member", "email", [rng.choice(BAD_THEMES)])
        for _ in range(5 + rng.choice([-1, 0, 1])):
            theme = rng.choice(
                [
                    "staff knowledge and competence",
                    "continuity of staff",
                    "information and advice",
                    "safeguarding",
                    "delays and waiting times",
                ]
            )
            add(m, "staff", "email", [theme])
    return tuple(items)


def intended_themes(today: dt.date | None = None) -> dict[str, list[str]]:
    """{external reference: [theme names]} for every demo item, for the themes area.

    Without `today`, the month the demo was loaded in (so the answer matches the database
    even when asked later); if it is not loaded, this month."""
    if today is None:
        today = _loaded_on() or dt.date.today()
    return {item.ref: list(item.themes) for item in plan(today)}


def _loaded_on() -> dt.date | None:
    try:
        first = Feedback.all_objects.filter(source=SOURCE).order_by("created_at").first()
    except Exception:  # noqa: BLE001 - no database: fall back to today
        return None
    return first.created_at.date() if first else None


# --- Loading ------------------------------------------------------------------------------------
def _date(item: Item, today: dt.date) -> dt.date | None:
    start = story.month_start(item.month, today)
    days = calendar.monthrange(start.year, start.month)[1]
    day = start + dt.timedelta(days=int(item.day_fraction * days))
    while day.weekday() >= 5 and item.kind not in ("survey", "compliment"):
        day -= dt.timedelta(days=1)  # most letters and calls arrive on working days
        if day < start:
            day = start
            break
    return day if day <= today else None


def load(log) -> None:
    if Feedback.all_objects.filter(source=SOURCE).exists():
        log(f"Feedback: already loaded ({Feedback.objects.filter(source=SOURCE).count()} items)")
        return
    today = dt.date.today()
    rng = random.Random(SEED + 1)
    settings = ClockSettings.current()
    teams = {t.name: t for t in Team.objects.select_related("service")}
    orgs = {}
    for name, kind in PROVIDERS + PARTNERS:
        orgs[name], _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    providers = [orgs[n] for n, _ in PROVIDERS]
    partners = [orgs[n] for n, _ in PARTNERS]
    officer = User.objects.filter(email="complaints@northshire.example").first()
    manager = User.objects.filter(email="manager@northshire.example").first()
    practitioner = User.objects.filter(email="practitioner@northshire.example").first()

    records, later = [], []
    for item in plan(today):
        received = _date(item, today)
        if received is None:
            continue
        team_names = THEME_TEAMS.get(
            item.themes[-1] if item.themes[0] == GRATITUDE else item.themes[0]
        )
        team = teams.get(rng.choice(team_names)) if team_names else None
        anonymous = item.kind in ("survey",) or rng.random() < 0.06
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        behalf = item.kind in ("complaint", "comment", "corporate") and rng.random() < 0.35
        record = {
            "external_ref": item.ref,
            "source": SOURCE,
            "kind": item.kind,
            "channel": item.channel,
            "received_on": received,
            "text": item.text,
            "summary": _summary(item),
            "survey": item.extra.get("survey", ""),
            "rating": item.extra.get("rating"),
            "from_anonymous": anonymous,
            "from_name": "" if anonymous else person,
            "from_email": ""
            if anonymous or rng.random() < 0.4
            else f"{person.split()[0].lower()}.{person.split()[1].lower()}@example.org",
            "representative_name": f"{rng.choice(FIRST)} {person.split()[1]}"
            if behalf and not anonymous
            else "",
            "representative_relationship": rng.choice(RELATIONS)
            if behalf and not anonymous
            else "",
            "about_name": "",
            "team_id": team.pk if team else None,
            "service_id": team.service_id if team else None,
            "provider_id": rng.choice(providers).pk
            if {"home care", "residential and nursing care", "commissioned provider quality"}
            & set(item.themes)
            else None,
            "from_organisation_id": rng.choice(partners).pk if item.extra.get("partner") else None,
            "event_on": received - dt.timedelta(days=rng.randint(0, 40))
            if item.kind in ("complaint", "corporate")
            else None,
        }
        if item.kind == "member":
            record["from_name"] = (
                f"Councillor {rng.choice(LAST)}"
                if rng.random() < 0.7
                else f"{rng.choice(FIRST)} {rng.choice(LAST)} MP"
            )
            record["about_name"] = person
        _handle(record, item, today, rng, settings, clocks, officer, manager, practitioner)
        records.append(record)
        if record.pop("_refer", False):
            later.append(record)

    by_year: dict[int, list[dict]] = {}
    for record in records:
        by_year.setdefault(record["received_on"].year, []).append(record)
    for year in sorted(by_year):
        for record, reference in zip(
            by_year[year], next_references(year, len(by_year[year])), strict=True
        ):
            record["reference"] = reference
    pks = bulk.create_rows(
        Feedback,
        records,
        reason="Northshire demo data",
        describe=lambda r: Feedback.describe(r["reference"], r["kind"]),
    )
    by_ref = dict(zip((r["external_ref"] for r in records), pks, strict=True))

    # Ombudsman enquiries, linked to the complaints that went to the Ombudsman.
    enquiries = []
    for record in later:
        on = record["lgsco_referred_on"]
        enquiries.append(
            {
                "external_ref": f"{record['external_ref']}-LGSCO",
                "source": SOURCE,
                "kind": "ombudsman",
                "channel": "email",
                "received_on": on,
                "text": "The Local Government and Social Care Ombudsman is considering this "
                "complaint and asks for the council's complaint file and response by the date "
                "given.",
                "summary": f"Ombudsman enquiry about {record['reference']}",
                "from_name": "Local Government and Social Care Ombudsman",
                "complaint_id": by_ref[record["external_ref"]],
                "team_id": record["team_id"],
                "service_id": record["service_id"],
                "owner_id": officer.pk if officer else None,
                "response_due_on": on + dt.timedelta(days=28),
                "responded_on": on + dt.timedelta(days=25)
                if on + dt.timedelta(days=25) < today
                else None,
                "status": "responded" if on + dt.timedelta(days=25) < today else "in_progress",
            }
        )
        enquiries[-1]["next_due_on"] = (
            None if enquiries[-1]["responded_on"] else enquiries[-1]["response_due_on"]
        )
    by_year = {}
    for record in enquiries:
        by_year.setdefault(record["received_on"].year, []).append(record)
    for year in sorted(by_year):
        for record, reference in zip(
            by_year[year], next_references(year, len(by_year[year])), strict=True
        ):
            record["reference"] = reference
    bulk.create_rows(
        Feedback,
        enquiries,
        reason="Northshire demo data",
        describe=lambda r: Feedback.describe(r["reference"], r["kind"]),
    )

    # Equality monitoring answers from about a third of people who gave their details.
    answers = []
    choices = {
        name: [c for c, _ in EqualityMonitoring.question(name)[1]]
        for name in EqualityMonitoring.FIELDS
    }
    for record, pk in zip(records, pks, strict=True):
        if record["from_anonymous"] or rng.random() > 0.33:
            continue
        row: dict[str, int | str] = {"feedback_id": pk}
        for name, options in choices.items():
            if rng.random() < 0.85:
                weights = [
                    6 if c in ("white", "none", "christian", "straight", "no", "female") else 2
                    for c in options
                ]
                row[name] = rng.choices(options, weights=weights)[0]
            else:
                row[name] = ""
        answers.append(row)
    bulk.create_rows(
        EqualityMonitoring,
        answers,
        reason="Northshire demo data",
        describe=lambda r: "Equality monitoring answers",
    )
    log(
        f"Feedback: {len(records) + len(enquiries)} items over {story.MONTHS} months "
        f"({len(enquiries)} Ombudsman enquiries, {len(answers)} equality monitoring answers)"
    )


def _summary(item: Item) -> str:
    theme = (
        item.themes[-1] if item.themes[0] == GRATITUDE and len(item.themes) > 1 else item.themes[0]
    )
    label = {
        "compliment": "Thanks",
        "survey": "Survey response",
        "partner": "Partner feedback",
        "member": "Member enquiry",
        "staff": "Staff feedback",
    }.get(item.kind, "")
    return f"{label + ': ' if label else ''}{theme[0].upper()}{theme[1:]}"[:200]


def _handle(record, item, today, rng, settings, clocks, officer, manager, practitioner):
    """Where the item has got to: acknowledged, responded, outcome, owner, Ombudsman."""
    from types import SimpleNamespace

    received = record["received_on"]
    kind = item.kind
    record["stage_started_on"] = received if kind in ("complaint", "corporate") else None
    clock = SimpleNamespace(kind=kind, received_on=received, stage=1, stage_started_on=received)
    record["acknowledgement_due_on"] = clocks.acknowledgement_due(clock, settings)
    record["response_due_on"] = clocks.default_response_due(clock, settings)
    age = (today - received).days
    owners = [officer] * 6 + [manager] * 3 + [practitioner]
    owner = rng.choice(owners) if kind in ("complaint", "corporate", "member", "comment") else None
    record["owner_id"] = owner.pk if owner else None
    status, ack, responded, outcome = "new", None, None, ""
    if kind in ("complaint", "corporate"):
        ack_due = record["acknowledgement_due_on"]
        if age > 3 or rng.random() < 0.5:
            ack = ack_due if rng.random() < 0.88 else ack_due + dt.timedelta(days=rng.randint(1, 4))
            ack = min(ack, today)
            status = "acknowledged"
        if age > 20 and (age > 45 or rng.random() < 0.5):
            due = record["response_due_on"]
            responded = (
                due - dt.timedelta(days=rng.randint(0, 10))
                if rng.random() < 0.8
                else due + dt.timedelta(days=rng.randint(1, 15))
            )
            responded = min(max(responded, received + dt.timedelta(days=5)), today)
            ack = ack or min(received + dt.timedelta(days=2), responded)
            after_policy = story.CHARGING_POLICY_CHANGE <= item.month < story.FINANCE_TRAINING
            upheld = 0.55 if (item.extra.get("story") == "charging" and after_policy) else 0.25
            r = rng.random()
            outcome = (
                "upheld" if r < upheld else "partly_upheld" if r < upheld + 0.2 else "not_upheld"
            )
            status = "closed" if age > 75 else "responded"
            charging_lgsco = (
                item.extra.get("story") == "charging" and after_policy and rng.random() < 0.25
            )
            if (charging_lgsco or rng.random() < 0.02) and kind == "complaint" and age > 80:
                record["lgsco_referred_on"] = responded + dt.timedelta(days=rng.randint(20, 60))
                if record["lgsco_referred_on"] < today:
                    number = f"{rng.randint(1, 19):03d} {rng.randint(0, 999):03d}"
                    record["lgsco_reference"] = f"{received.year % 100:02d} {number}"
                    record["_refer"] = True
                else:
                    record["lgsco_referred_on"] = None
        elif age > 10:
            status = "in_progress"
    elif kind == "member":
        if age > 12:
            responded = record["response_due_on"] - dt.timedelta(days=rng.randint(0, 5))
            responded = min(responded, today)
            status = "closed"
    elif kind in ("compliment", "survey", "staff", "partner"):
        status = "closed" if age > 14 else "new"
    else:  # comments and concerns
        status = "closed" if age > 30 else rng.choice(["new", "in_progress"])
    if responded and outcome == "" and kind in ("complaint", "corporate"):
        outcome = "not_upheld"
    record.update(status=status, acknowledged_on=ack, responded_on=responded, outcome=outcome)
    if outcome in ("upheld", "partly_upheld"):
        record["actions_promised"] = rng.choice(
            [
                "Apology given; the team reminded of the standard.",
                "Charges recalculated and refund made.",
                "Care plan reviewed with the family.",
                "Learning shared at the team meeting.",
            ]
        )
    record.setdefault("lgsco_referred_on", None)
    pending = SimpleNamespace(**record, is_deleted=False)
    record["next_due_on"] = clocks.next_due(pending)
