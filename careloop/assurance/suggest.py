"""Suggest the quality statements and evidence category of a piece of evidence (rule-based).

Plain Python, no Django. The area that reports a fact may suggest statements and a category
itself; careloop adds what the words of the title and summary point to (weighted: a word in
the title counts twice) and who the evidence came from (`cqc.sentences`). A person confirms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from careloop.assurance.cqc.sentences import evidence_sources

# Words that point to each quality statement (regular expressions, matched on whole words;
# a trailing \w* lets a stem match its endings).
STATEMENT_WORDS: dict[int, tuple[str, ...]] = {
    1: (
        r"assessments?", r"reassessments?", r"care act assessments?", r"waiting lists?",
        r"waiting times?", r"carers'? assessments?", r"occupational therap\w*", r"eligib\w*",
        r"care and support plans?", r"care plan\w*", r"strengths-based", r"annual reviews?",
    ),
    2: (
        r"prevent\w*", r"information and advice", r"advice", r"reablement", r"well-?being",
        r"early help", r"independen\w*", r"equipment", r"assistive technology",
        r"technology[- ]enabled care", r"healthier", r"direct payments?", r"social prescrib\w*",
        r"carers'? support", r"self-care",
    ),
    3: (
        r"equalit\w*", r"equity", r"inequalit\w*", r"protected characteristics?", r"ethnic\w*",
        r"deprivation", r"accessible information", r"easy read", r"interpret\w*",
        r"translation", r"autis\w*", r"learning disabilit\w*", r"neurodiverg\w*",
        r"seldom[- ]heard", r"unmet needs?", r"divers\w*", r"lgbt\w*", r"disabled",
    ),
    4: (
        r"commission\w*", r"market", r"home care", r"domiciliary", r"care homes?",
        r"sufficiency", r"integrat\w*", r"joined-up", r"choice", r"brokerage", r"shared lives",
        r"fee rates?", r"providers?",
    ),
    5: (
        r"partners?", r"partnerships?", r"partnership boards?", r"nhs", r"icbs?",
        r"integrated care boards?", r"vcfse", r"voluntary", r"community organisations?",
        r"healthwatch", r"health and wellbeing board", r"collaborat\w*", r"co-?produc\w*",
        r"lived experience",
    ),
    6: (
        r"transitions?", r"hospital discharges?", r"discharges?", r"care leavers?",
        r"preparing for adulthood", r"moving between", r"pathways?", r"continuity of care",
        r"handovers?", r"out of area", r"business continuity", r"provider failure",
    ),
    7: (
        r"safeguarding", r"safeguarding adults? reviews?", r"sars?", r"abuse", r"neglect",
        r"self-neglect", r"hoard\w*", r"deprivation of liberty", r"dols", r"mental capacity",
        r"exploitation", r"making safeguarding personal", r"section 42", r"safety",
    ),
    8: (
        r"governance", r"performance", r"quality assurance", r"audits?", r"risk registers?",
        r"budgets?", r"financ\w*", r"sustainab\w*", r"recruit\w*", r"retention",
        r"vacanc\w*", r"leadership", r"accountab\w*", r"scrutiny", r"dashboards?",
        r"workforce (?:plan|strategy|data)\w*", r"charging",
    ),
    9: (
        r"learning", r"training", r"improv\w*", r"innovat\w*", r"pilot\w*", r"research",
        r"reflective", r"reflection", r"supervision", r"lessons", r"recommendations?",
        r"complaints?", r"compliments?", r"ombudsman", r"lgsco", r"feedback",
        r"you said,? we did", r"academy", r"apprentice\w*", r"cpd", r"peer reviews?",
        r"actions? (?:plan|completed)\w*",
    ),
}  # fmt: skip

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "people_experience": (
        r"people who use services", r"people'?s experiences?", r"adult social care survey",
        r"survey of adult carers", r"carers'? survey", r"complaints?", r"compliments?",
        r"feedback from people", r"service users?", r"residents", r"lived experience",
        r"ombudsman", r"lgsco", r"satisf\w*",
    ),
    "staff_leaders": (
        r"staff", r"workforce", r"practitioners?", r"social workers?", r"supervision",
        r"training", r"leaders?", r"employees?", r"academy", r"apprentice\w*", r"asye",
        r"reflective practice",
    ),
    "partners": (
        r"partners?", r"providers?", r"nhs", r"icbs?", r"healthwatch", r"vcfse", r"voluntary",
        r"police", r"partnership boards?",
    ),
    "processes": (
        r"polic(?:y|ies)", r"procedures?", r"strateg(?:y|ies)", r"protocols?", r"guidance",
        r"frameworks?", r"plans?", r"audits?", r"governance", r"terms of reference",
        r"minutes", r"process\w*", r"pathways?", r"registers?", r"reviews?", r"actions?",
    ),
    "outcomes": (
        r"outcomes?", r"ascof", r"impact", r"reduc\w*", r"fell", r"fallen", r"rose",
        r"improved", r"statistically significant",
    ),
}  # fmt: skip

# On a tie, the category earlier in this list wins: what people say outweighs a process.
CATEGORY_ORDER = ("people_experience", "partners", "staff_leaders", "outcomes", "processes")
# How areas name categories in EvidenceFact, to the framework's keys.
AREA_CATEGORIES = {
    "people": "people_experience",
    "people_experience": "people_experience",
    "staff_leaders": "staff_leaders",
    "staff": "staff_leaders",
    "leaders": "staff_leaders",
    "partners": "partners",
    "processes": "processes",
    "outcomes": "outcomes",
}
_SOURCE_CATEGORY = {
    "people": "people_experience",
    "staff": "staff_leaders",
    "leaders": "staff_leaders",
    "partners": "partners",
}
MAX_STATEMENTS = 3


def _compile(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


_STATEMENT_PATTERNS = {n: _compile(w) for n, w in STATEMENT_WORDS.items()}
_CATEGORY_PATTERNS = {k: _compile(w) for k, w in CATEGORY_WORDS.items()}


@dataclass(frozen=True)
class Suggestion:
    statements: tuple[int, ...]
    category: str
    reason: str


def _clean(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _hits(pattern: re.Pattern[str], text: str) -> set[str]:
    return {m.group(0) for m in pattern.finditer(text)}


def suggest(
    *,
    title: str,
    summary: str = "",
    source: str = "",
    area_statements: Iterable[int] = (),
    area_category: str = "",
) -> Suggestion:
    """Statements (at most three, strongest first) and a category for a piece of evidence."""
    title_text, body = _clean(title), _clean(f"{summary} {source}")
    scores: Counter[int] = Counter()
    words: dict[int, set[str]] = {}
    for number, pattern in _STATEMENT_PATTERNS.items():
        in_title, in_body = _hits(pattern, title_text), _hits(pattern, body)
        scores[number] = 2 * len(in_title) + len(in_body - in_title)
        words[number] = in_title | in_body
    given = [n for n in dict.fromkeys(area_statements) if 1 <= n <= 9]
    top = max(scores.values(), default=0)
    ranked = [n for n, s in scores.most_common() if s >= 2 and s >= top / 2 and n not in given]
    statements = tuple((given + ranked)[: max(MAX_STATEMENTS, len(given))])

    category = AREA_CATEGORIES.get(area_category, "")
    if not category:
        weights: Counter[str] = Counter()
        for key, pattern in _CATEGORY_PATTERNS.items():
            found = _hits(pattern, f"{title_text} {body}")
            weights[key] = len(found)
        for source_tag in evidence_sources(summary) if summary else ():
            if source_tag in _SOURCE_CATEGORY:
                weights[_SOURCE_CATEGORY[source_tag]] += 2
        best = max(weights.values(), default=0)
        if best:
            category = next(k for k in CATEGORY_ORDER if weights[k] == best)

    reasons = []
    if given:
        reasons.append("statements suggested by the area that reported it")
    matched = sorted({w for n in statements if n not in given for w in words[n]})
    if matched:
        reasons.append("words: " + ", ".join(matched[:8]))
    if area_category and category:
        reasons.append("category suggested by the area")
    return Suggestion(statements, category, "; ".join(reasons)[:300])
