"""The CQC local authority assessment framework as immutable data (no Django).

Four themes, nine quality statements, score wordings, rating bands and evidence categories,
with a tolerant name lookup (`canonical_statement`) used by importers and by the Django loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .framework_types import (
    EvidenceCategory,
    QualityStatement,
    RatingBand,
    ScoreLevel,
    Theme,
    normalise_name,
)

FRAMEWORK_NAME = "CQC assessment framework for local authorities (Care Act 2014, Part 1)"
FRAMEWORK_VERSION = "cqc-la-2026.03"
STATEMENT_COUNT = 9
MIN_SCORE = 1
MAX_SCORE = 4
MAX_TOTAL = STATEMENT_COUNT * MAX_SCORE  # 36

INADEQUATE = "Inadequate"
REQUIRES_IMPROVEMENT = "Requires improvement"
GOOD = "Good"
OUTSTANDING = "Outstanding"
RATINGS = (INADEQUATE, REQUIRES_IMPROVEMENT, GOOD, OUTSTANDING)


_CO_ORDINATED = (
    "I have care and support that is coordinated, and everyone works well together and with me."
)
_UNIQUE = (
    "I have care and support that enables me to live as I want to, seeing me as a unique "
    "person with skills, strengths and goals."
)
_SAFE = "I feel safe and am supported to understand and manage any risks."

THEMES: tuple[Theme, ...] = (
    Theme(
        1,
        "Working with people",
        ("How the local authority works with people", "How we work with people"),
    ),
    Theme(
        2,
        "Providing support",
        ("How the local authority provides support", "How we provide support"),
    ),
    Theme(
        3,
        "Ensuring safety",
        (
            "Ensuring safety within the system",
            "How the local authority ensures safety within the system",
            "How we keep people safe",
        ),
    ),
    Theme(4, "Leadership", ("How we lead",)),
)

QUALITY_STATEMENTS: tuple[QualityStatement, ...] = (
    QualityStatement(
        1,
        THEMES[0],
        "Assessing needs",
        "assessing-needs",
        "We maximise the effectiveness of people's care and treatment by assessing and reviewing "
        "their health, care, wellbeing and communication needs with them.",
        (_CO_ORDINATED, _UNIQUE),
    ),
    QualityStatement(
        2,
        THEMES[0],
        "Supporting people to live healthier lives",
        "supporting-people",
        "We support people to manage their health and wellbeing so they can maximise their "
        "independence, choice and control, live healthier lives and where possible, reduce "
        "future needs for care and support.",
        (
            "I can get information and advice about my health, care and support and how I can be "
            "as well as possible – physically, mentally and emotionally.",
            "I am supported to plan ahead for important changes in my life that I can anticipate.",
        ),
        ("Supporting people to lead healthier lives",),
    ),
    QualityStatement(
        3,
        THEMES[0],
        "Equity in experience and outcomes",
        "equity",
        "We actively seek out and listen to information about people who are most likely to "
        "experience inequality in experience or outcomes. We tailor the care, support and "
        "treatment in response to this.",
        (_UNIQUE,),
        ("Equity in experiences and outcomes",),
    ),
    QualityStatement(
        4,
        THEMES[1],
        "Care provision, integration and continuity",
        "care-provision",
        "We understand the diverse health and care needs of people and our local communities, "
        "so care is joined-up, flexible and supports choice and continuity.",
        (
            "I have care and support that is co-ordinated, and everyone works well together and "
            "with me.",
        ),
    ),
    QualityStatement(
        5,
        THEMES[1],
        "Partnerships and communities",
        "partnerships",
        "We understand our duty to collaborate and work in partnership, so our services work "
        "seamlessly for people. We share information and learning with partners and collaborate "
        "for improvement.",
        (_CO_ORDINATED,),
    ),
    QualityStatement(
        6,
        THEMES[2],
        "Safe pathways, systems and transitions",
        "safe-pathways",
        "We work with people and our partners to establish and maintain safe systems of care, in "
        "which safety is managed, monitored and assured. We ensure continuity of care, including "
        "when people move between different services.",
        (
            "When I move between services, settings or areas, there is a plan for what happens "
            "next and who will do what, and all the practical arrangements are in place.",
            _SAFE,
        ),
        ("Safe systems, pathways and transitions",),
    ),
    QualityStatement(
        7,
        THEMES[2],
        "Safeguarding",
        "safeguarding",
        "We work with people to understand what being safe means to them as well as with our "
        "partners on the best way to achieve this. We concentrate on improving people's lives "
        "while protecting their right to live in safety, free from bullying, harassment, abuse, "
        "discrimination, avoidable harm and neglect. We make sure we share concerns quickly and "
        "appropriately.",
        (_SAFE,),
    ),
    QualityStatement(
        8,
        THEMES[3],
        "Governance, management and sustainability",
        "governance",
        "We have clear responsibilities, roles, systems of accountability and good governance to "
        "manage and deliver good quality, sustainable care, treatment and support. We act on the "
        "best information about risk, performance and outcomes, and we share this securely with "
        "others when appropriate.",
    ),
    QualityStatement(
        9,
        THEMES[3],
        "Learning, improvement and innovation",
        "learning",
        "We focus on continuous learning, innovation and improvement across our organisation and "
        "the local system. We encourage creative ways of delivering equality of experience, "
        "outcome and quality of life for people. We actively contribute to safe, effective "
        "practice and research.",
    ),
)

SCORE_LEVELS: tuple[ScoreLevel, ...] = (
    ScoreLevel(1, "Evidence shows significant shortfalls", INADEQUATE),
    ScoreLevel(2, "Evidence shows some shortfalls", REQUIRES_IMPROVEMENT),
    ScoreLevel(3, "Evidence shows a good standard", GOOD),
    ScoreLevel(4, "Evidence shows an exceptional standard", OUTSTANDING),
)

RATING_BANDS: tuple[RatingBand, ...] = (
    RatingBand(INADEQUATE, 9, 13, 25, 38),
    RatingBand(REQUIRES_IMPROVEMENT, 14, 22, 39, 62),
    RatingBand(GOOD, 23, 31, 63, 87),
    RatingBand(OUTSTANDING, 32, 36, 88, 100),
)

_USED = "Used in local authority assessments."
EVIDENCE_CATEGORIES: tuple[EvidenceCategory, ...] = (
    EvidenceCategory("people_experience", "People's experience", True, _USED),
    EvidenceCategory("staff_leaders", "Feedback from staff and leaders", True, _USED),
    EvidenceCategory("partners", "Feedback from partners", True, _USED),
    EvidenceCategory("processes", "Processes", True, _USED),
    EvidenceCategory(
        "outcomes", "Outcomes", False, "Listed, not used in the first formal assessments."
    ),
)
#: A CQC category that does not apply to local authorities (kept for completeness).
OBSERVATION = EvidenceCategory(
    "observation", "Observation", False, "A CQC evidence category not used for local authorities."
)

EVIDENCE_SOURCES: tuple[str, ...] = (
    "What CQC already holds: national data such as the Adult Social Care Survey and the Survey "
    "of Adult Carers in England",
    "What CQC asks the council for: policies, data and a self-assessment",
    "What CQC collects itself: case tracking, interviews and focus groups",
)


def _build_lookups() -> tuple[dict[str, QualityStatement], dict[str, Theme]]:
    statements: dict[str, QualityStatement] = {}
    for qs in QUALITY_STATEMENTS:
        for key in (*qs.names, qs.page_slug, qs.slug):
            statements[normalise_name(key)] = qs
    themes: dict[str, Theme] = {}
    for theme in THEMES:
        for key in (
            theme.name,
            *theme.variants,
            theme.slug,
            f"theme {theme.number}",
            theme.numbered_slug,
        ):
            themes[normalise_name(key)] = theme
        for variant in (theme.name, *theme.variants):
            themes[normalise_name(f"theme {theme.number} {variant}")] = theme
            themes[normalise_name(f"{theme.number} {variant}")] = theme
    return statements, themes


_STATEMENTS_BY_NAME, _THEMES_BY_NAME = _build_lookups()
_THEME_NAMES = sorted(
    {normalise_name(n) for t in THEMES for n in (t.name, *t.variants)}, key=len, reverse=True
)
_LEADING_NUMBER = re.compile(r"^(?:quality statement|statement|qs|theme)? ?([1-9]) (.+)$")
_NUMBER_ONLY = re.compile(r"^(?:quality statement|statement|qs) ?([1-9])$")


def _strip_theme_name(rest: str) -> tuple[Theme | None, str]:
    for theme_name in _THEME_NAMES:
        if rest.startswith(theme_name + " "):
            return _THEMES_BY_NAME[theme_name], rest[len(theme_name) + 1 :]
    return None, rest


def find_statement(name: str | None) -> QualityStatement | None:
    """The quality statement a name, variant, slug or numbered form refers to, else None."""
    if not name:
        return None
    if "/" in name.strip().rstrip("/"):  # a URL or path: ".../theme4/learning"
        parts = [p for p in name.strip().split("?")[0].split("/") if p]
        if len(parts) > 1 and find_theme(parts[-2]) is not None:
            return find_statement(f"{parts[-2]} {parts[-1]}")
        return find_statement(parts[-1]) if parts else None
    norm = normalise_name(name)
    if norm in _STATEMENTS_BY_NAME:
        return _STATEMENTS_BY_NAME[norm]
    if match := _NUMBER_ONLY.match(norm):
        return QUALITY_STATEMENTS[int(match.group(1)) - 1]
    number: int | None = None
    if match := _LEADING_NUMBER.match(norm):
        number, norm = int(match.group(1)), match.group(2)
    theme, rest = _strip_theme_name(norm)
    qs = _STATEMENTS_BY_NAME.get(rest)
    if qs is None and theme is not None and (m := _LEADING_NUMBER.match(rest)):
        number_two, qs = int(m.group(1)), _STATEMENTS_BY_NAME.get(m.group(2))
        if qs is not None and number_two != qs.number:
            return None
    if qs is None:
        return None
    if theme is not None and theme.number != qs.theme_number:
        return None
    if number is not None and number not in (qs.number, qs.theme_number):
        return None
    if theme is not None and number is not None and number != theme.number:
        return None
    return qs


def canonical_statement(name: str | None) -> str | None:
    """The canonical quality statement name for any accepted form of it, else None."""
    qs = find_statement(name)
    return qs.name if qs else None


def find_theme(name: str | None) -> Theme | None:
    """The theme for a name, variant or numbered form ("4-leadership", "Theme 3"), else None."""
    if not name:
        return None
    return _THEMES_BY_NAME.get(normalise_name(name))


def canonical_theme(name: str | None) -> str | None:
    theme = find_theme(name)
    return theme.name if theme else None


def get_statement(number: int) -> QualityStatement:
    """Statement by number 1-9 (KeyError otherwise)."""
    if not isinstance(number, int) or not 1 <= number <= STATEMENT_COUNT:
        raise KeyError(number)
    return QUALITY_STATEMENTS[number - 1]


def statements_in_theme(theme_number: int) -> tuple[QualityStatement, ...]:
    return tuple(qs for qs in QUALITY_STATEMENTS if qs.theme_number == theme_number)


def iter_statements() -> Iterator[QualityStatement]:
    """Statements in CQC order (1-9), for loaders."""
    yield from QUALITY_STATEMENTS


def score_level(score: int) -> ScoreLevel | None:
    """The score level for 1-4, else None."""
    if isinstance(score, bool) or not isinstance(score, int):
        return None
    return SCORE_LEVELS[score - 1] if MIN_SCORE <= score <= MAX_SCORE else None


def as_dict() -> dict[str, Any]:
    """The whole framework as JSON-ready data (for fixtures and the Django loader)."""
    return {
        "name": FRAMEWORK_NAME,
        "version": FRAMEWORK_VERSION,
        "max_total": MAX_TOTAL,
        "themes": [t.as_dict() for t in THEMES],
        "quality_statements": [qs.as_dict() for qs in QUALITY_STATEMENTS],
        "score_levels": [s.as_dict() for s in SCORE_LEVELS],
        "rating_bands": [b.as_dict() for b in RATING_BANDS],
        "evidence_categories": [c.as_dict() for c in (*EVIDENCE_CATEGORIES, OBSERVATION)],
        "evidence_sources": list(EVIDENCE_SOURCES),
    }
