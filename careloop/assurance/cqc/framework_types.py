"""Immutable record types of the CQC framework (the data itself is in `framework`, which
builds on these: nothing here reads the data), and the name normalising both use."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_TRANSLATE = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
    }
)


def normalise_name(text: str) -> str:
    """Lower-case words only: typographic apostrophes, dashes and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    text = text.replace("'", "").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Theme:
    """One of the four themes; `slug` is the CQC URL segment ("theme4")."""

    number: int
    name: str
    variants: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return f"theme{self.number}"

    @property
    def numbered_slug(self) -> str:
        """The pilot reports' numbered form, e.g. "4-leadership"."""
        return f"{self.number}-{normalise_name(self.name).replace(' ', '-')}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "slug": self.slug,
            "numbered_slug": self.numbered_slug,
            "variants": list(self.variants),
        }


@dataclass(frozen=True)
class QualityStatement:
    """A quality statement with its "we" commitment and "I" statements, verbatim."""

    number: int
    theme: Theme
    name: str
    page_slug: str
    commitment: str
    what_people_expect: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()

    @property
    def theme_number(self) -> int:
        return self.theme.number

    @property
    def slug(self) -> str:
        """The path below a report, as CQC's URLs use it, e.g. "theme4/learning"."""
        return f"{self.theme.slug}/{self.page_slug}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "theme_number": self.theme_number,
            "theme": self.theme.name,
            "name": self.name,
            "slug": self.slug,
            "variants": list(self.variants),
            "commitment": self.commitment,
            "what_people_expect": list(self.what_people_expect),
        }


@dataclass(frozen=True)
class ScoreLevel:
    """A statement score (1-4), its page wording and the rating word of 2025 pages."""

    score: int
    wording: str
    rating: str

    @property
    def line(self) -> str:
        return f"{self.score} - {self.wording}"

    @property
    def line_2025(self) -> str:
        return f"{self.score} -{self.rating}: {self.wording}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "wording": self.wording,
            "rating": self.rating,
            "line": self.line,
            "line_2025": self.line_2025,
        }


@dataclass(frozen=True)
class RatingBand:
    """Overall rating band by total of the nine scores and by printed percentage."""

    rating: str
    min_total: int
    max_total: int
    min_percentage: int
    max_percentage: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "rating": self.rating,
            "min_total": self.min_total,
            "max_total": self.max_total,
            "min_percentage": self.min_percentage,
            "max_percentage": self.max_percentage,
        }


@dataclass(frozen=True)
class EvidenceCategory:
    """An evidence category and whether CQC uses it for local authorities."""

    key: str
    name: str
    used: bool
    status: str

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "used": self.used, "status": self.status}
