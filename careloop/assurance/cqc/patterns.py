"""Patterns of a CQC local authority assessment page: title, score lines, section headings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .framework import RATINGS, find_statement, find_theme, normalise_name
from .page_text import Block

COUNCIL = re.compile(
    r"^(?P<council>[^:]{2,120}?)\s*:\s*local authority assessment\s*"
    r"(?:[-–—|]\s*(?:care quality commission|cqc)\s*)?$",
    re.I,
)
SCORE = re.compile(
    r"^score\s*[:\-–]?\s*(?P<n>\d+)\b(?:\s*(?:/\s*4|out of 4))?\s*(?P<rest>.*)$", re.I
)
WORDING = re.compile(
    r"^(?P<n>\d)\s*[-–—:]\s*(?:(?P<rating>inadequate|requires improvement|good|outstanding)"
    r"\s*[:\-–—]\s*)?(?P<wording>evidence shows\b.*?)\s*\.?$",
    re.I,
)
OVERALL = re.compile(r"^overall rating for (?P<council>.+?)\s*:?\s*(?P<pct>\d{1,3})\s*%", re.I)
SAME_LINE_SCORE = re.compile(
    r"^(?P<name>.+?)\s*[:\-–—]?\s*(?:score\s*:?\s*)(?P<n>[1-4])(?:\s*/\s*4)?$", re.I
)
WPE = "what people expect"
COMMITMENT = "the local authority commitment"
KEY_FINDINGS = "key findings for this quality statement"
RATING_AND_SCORE = "local authority rating and score"
SECTIONS = frozenset(
    (WPE, COMMITMENT, "local authority commitment", KEY_FINDINGS, "key findings", RATING_AND_SCORE)
)
# fmt: off
_STOP = frozenset((
    "back to top", "print this page", "share this page", "was this page helpful", "cookies",
    "contents", "previous", "next", "report a problem with this page", "related pages",
    "help us improve this page", "feedback",
))
# fmt: on
_STOP_PREFIXES = ("previous:", "next:", "© care quality commission", "copyright", "page last")
SENTENCE_END = tuple(".!?\"”’')]…")
RATING_WORDS = {normalise_name(r): r for r in RATINGS}


def norm(text: str) -> str:
    """Words only, lower case (see framework.normalise_name)."""
    return normalise_name(text)


def is_marker(text: str) -> bool:
    """Lines that always stand alone: the page title, score lines and section headings."""
    return bool(
        COUNCIL.match(text)
        or SCORE.match(text)
        or WORDING.match(text)
        or OVERALL.match(text)
        or norm(text) in SECTIONS
        or (len(text) < 90 and find_statement(text) is not None)
    )


def is_name(text: str) -> bool:
    """A short line naming a quality statement or theme (as in navigation lists)."""
    return len(text) < 90 and (find_statement(text) is not None or find_theme(text) is not None)


def is_stop(text: str) -> bool:
    """Page furniture after the report text ("Back to top", "Next: …")."""
    lowered = text.strip().casefold()
    return norm(text) in _STOP or lowered.startswith(_STOP_PREFIXES)


def index_of(blocks: list[Block], start: int, test: Callable[[str], Any]) -> int | None:
    """Index of the first block from `start` whose text passes `test`."""
    return next((i for i in range(start, len(blocks)) if test(blocks[i].text)), None)
