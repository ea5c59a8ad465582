"""Split CQC key findings into sentences and tag who each sentence's evidence came from.

Rule-based: a role word (staff, leaders, partners, people …) in the subject of a reporting
verb ("told us", "said", "were aware" …), national data named as a source or cited in
brackets ("(Adult Social Care Survey, October 2024)"), or local data ("data showed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PEOPLE = "people"
STAFF = "staff"
LEADERS = "leaders"
PARTNERS = "partners"
NATIONAL_DATA = "national_data"
LOCAL_DATA = "local_data"
UNATTRIBUTED = "unattributed"
SOURCES = (PEOPLE, STAFF, LEADERS, PARTNERS, NATIONAL_DATA, LOCAL_DATA, UNATTRIBUTED)

# fmt: off
_ABBREVIATIONS = frozenset((
    "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "incl", "mr", "mrs", "ms", "dr",
    "prof", "st", "cllr", "rev", "sr", "jr", "ref", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "co", "ltd", "dept", "est", "min", "max", "av",
    "ave", "govt",
))
# fmt: on
_BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "para", "paras", "fig", "figs", "vol"})
_OPENERS = "([{“‘\"'"
_CLOSERS = ")]}”’\"'"
_END = re.compile(r"[.!?]+")


def _word_before(text: str, index: int) -> str:
    start = index
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:index]


def _is_boundary(text: str, end: int, depth: int) -> bool:
    """Whether the sentence punctuation ending at `end` (exclusive) closes a sentence."""
    if depth > 0:
        return False
    rest = text[end:]
    closers = len(rest) - len(rest.lstrip(_CLOSERS))
    after = rest[closers:]
    if not after[:1].isspace():
        return False
    following = after.lstrip()
    if not following:
        return False
    first = following[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    punct_start = end - 1
    while punct_start > 0 and text[punct_start - 1] in ".!?":
        punct_start -= 1
    if text[punct_start:end] != ".":
        return True
    word = _word_before(text, punct_start).strip(_OPENERS + _CLOSERS)
    if word.casefold() in _ABBREVIATIONS:
        return False
    if word.casefold() in _BEFORE_NUMBER and first.isdigit():
        return False
    # initials and initialisms ("U.K.", "J. Smith") do not end sentences
    return not (re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", word) or re.fullmatch(r"[A-Z]", word))


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping abbreviations, decimals, quotes and brackets whole."""
    sentences: list[str] = []
    start = depth = 0
    brackets_match = paragraph.count("(") == paragraph.count(")")
    quotes_match = paragraph.count("“") == paragraph.count("”")
    balanced = brackets_match and quotes_match  # else depth tracking would swallow sentences
    i = 0
    while i < len(paragraph):
        char = paragraph[i]
        if char in "([{“" and balanced:
            depth += 1
        elif char in ")]}”" and depth > 0:
            depth -= 1
        elif char in ".!?":
            stop = _END.match(paragraph, i)
            assert stop is not None  # the character at i is one of .!?
            end = stop.end()
            rest = paragraph[end:]
            end_with_closers = end + len(rest) - len(rest.lstrip(_CLOSERS))
            closing_depth = (
                depth
                - paragraph[end:end_with_closers].count("”")
                - paragraph[end:end_with_closers].count(")")
            )
            if _is_boundary(paragraph, end, max(closing_depth, 0)):
                sentences.append(paragraph[start:end_with_closers].strip())
                start = i = end_with_closers
                depth = 0
                continue
            i = end
            continue
        i += 1
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
    return sentences


_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        PARTNERS,
        re.compile(
            r"\b(?:(?:provider|partner|nhs|health|care home|hospital|voluntary sector|vcfse|agency)"
            r"\s+(?:staff|managers?|workers?|colleagues|leaders?|representatives?)|care workers?)\b"
        ),
    ),
    (
        LEADERS,
        re.compile(
            r"\b(?:senior (?:leaders?|managers?|leadership|officers?)|leaders?|leadership|"
            r"directors?|chief executives?|heads? of service|lead members?|portfolio holders?|"
            r"councillors?|elected members|cabinet members?|principal social workers?|"
            r"(?:local )?council members|dass)\b"
        ),
    ),
    (
        PARTNERS,
        re.compile(
            r"\b(?:partners?|providers?|healthwatch|vcfse|voluntary|community (?:groups?|"
            r"organisations?)|charit(?:y|ies)|nhs|icbs?|integrated care boards?|advocates?|"
            r"advocacy|police|hospitals?|housing (?:associations?|providers?)|care homes?|"
            r"commissioned services?|stakeholders?|organisations?)\b"
        ),
    ),
    (
        STAFF,
        re.compile(
            r"\b(?:staff|practitioners?|social workers?|occupational therapists?|frontline|"
            r"workers?|employees?|managers?|colleagues|workforce|assessors?|officers?|teams?|"
            r"amhps?|therapists?)\b"
        ),
    ),
    (
        PEOPLE,
        re.compile(
            r"\b(?:people|person|persons|carers?|unpaid carers?|famil(?:y|ies)|relatives?|"
            r"residents?|service users?|individuals?|users|young people|adults|citizens|"
            r"(?:a|one|another) (?:man|woman))\b"
        ),
    ),
)
_VERBS = re.compile(
    r"\b(?:according to|told us|told|said|reported|described|explained|acknowledged|commented|"
    r"stated|confirmed|highlighted|shared (?:that|with us|concerns?|examples?)|"
    r"spoke (?:about|of|positively|highly|negatively|well)|talked about|gave (?:us )?examples?|"
    r"felt|expressed|raised|mentioned|emphasi[sz]ed|recogni[sz]ed|"
    r"(?:was|were) (?:also )?(?:not )?aware|agreed|praised|reflected|fed back|"
    r"(?:was|were) (?:positive|complimentary|confident|clear|unclear|concerned|frustrated|"
    r"happy|unhappy|satisfied|dissatisfied|mixed))\b"
)
_STATISTIC = re.compile(r"\d\s*(?:%|per ?cent)")
_CUT = re.compile(
    r".*(?:[;:()\[\]“”\"]|\b(?:while|whereas|but|however|although|though|that|because|which|"
    r"so|when|if)\b)",
    re.S,
)
_PEOPLE_EXPERIENCE = re.compile(
    r"\bpeoples?['’]?s?['’]? (?:experiences?|feedback|views)\b[^.;:]{0,80}?\b(?:was|were|"
    r"is|are) (?:\w+ )?(?:mixed|positive|negative|variable|good|poor|inconsistent)"
)
_NATIONAL = re.compile(
    r"\b(?:adult social care survey|survey of adult carers|ascs|sace|ascof|adult social care "
    r"outcomes framework|short and long term|salt|nhs digital|nhs england|office for national "
    r"statistics|ons|census|national data|national average|england average|lgsco|"
    r"local government and social care ombudsman|skills for care|ascfr|"
    r"client level data|department of health)\b"
)
_DATA_VERB = re.compile(
    r"\b(?:data|figures|statistics|survey|surveys|returns?)\b[^.;]{0,120}?\b(?:showed|shows|"
    r"show|indicated|indicates|indicating|showing|found|suggested|suggests|highlighted|"
    r"reported|demonstrated|confirmed)\b|\b(?:data from|data for)\b"
)
_CITED_KIND = re.compile(
    r"\b(?:survey|data|framework|statistics|collection|census|return|outcomes|ascof|salt|"
    r"index|dataset|report|ombudsman|lgsco|nhs)\b",
    re.I,
)
_CITATION = re.compile(r"\(([^()]*?[A-Za-z]{3,}[^()]*?\b(?:19|20)\d{2}(?:[-–/]\d{2,4})?)\)")


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence with its evidence sources (never empty) and inline citations."""

    text: str
    sources: tuple[str, ...]
    citations: tuple[str, ...] = ()
    paragraph: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "text": self.text,
            "sources": list(self.sources),
            "citations": list(self.citations),
        }


def _roles_in(subject: str) -> set[str]:
    found: set[str] = set()
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(subject):
            found.add(role)
            subject = pattern.sub(" ", subject)
    return found


def citations(sentence: str) -> list[str]:
    """Bracketed data citations such as "Adult Social Care Survey, October 2024"."""
    return [
        m.group(1).strip()
        for m in _CITATION.finditer(sentence)
        if _CITED_KIND.search(m.group(1)) or _NATIONAL.search(m.group(1).casefold())
    ]


def evidence_sources(sentence: str) -> tuple[str, ...]:
    """Who the evidence in a sentence came from, in SOURCES order; ("unattributed",) if none."""
    text = sentence.casefold().replace("’", "'")
    found: set[str] = set()
    previous_end = 0
    for verb in _VERBS.finditer(text):
        window = text[previous_end : verb.start()]
        if cut := _CUT.match(window):
            window = window[cut.end() :]
        window = " ".join(window.split()[-10:])
        if _STATISTIC.search(window):
            previous_end = verb.end()
            continue  # "62% of people were satisfied" reports a figure, not what people said
        if verb.group(0) == "according to" or text.startswith(" by ", verb.end()):
            window = " ".join(text[verb.end() :].split()[:5])
        found |= _roles_in(window)
        previous_end = verb.end()
    if _PEOPLE_EXPERIENCE.search(text):
        found.add(PEOPLE)
    cited = citations(sentence)
    if cited or (_NATIONAL.search(text) and _DATA_VERB.search(text)):
        found.add(NATIONAL_DATA)
    elif _DATA_VERB.search(text):
        found.add(LOCAL_DATA)
    return tuple(s for s in SOURCES if s in found) or (UNATTRIBUTED,)


def tag_sentence(sentence: str, paragraph: int | None = None) -> TaggedSentence:
    return TaggedSentence(
        sentence, evidence_sources(sentence), tuple(citations(sentence)), paragraph
    )


def tag_paragraphs(paragraphs: list[str]) -> list[TaggedSentence]:
    """Every sentence of every paragraph, tagged, with its paragraph index."""
    return [
        tag_sentence(sentence, index)
        for index, paragraph in enumerate(paragraphs)
        for sentence in split_sentences(paragraph)
    ]
