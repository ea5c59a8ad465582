"""Performance facts for the CQC evidence library (the Outcomes category)."""

from careloop.core.areas import EvidenceFact

from . import selectors


def facts() -> list[EvidenceFact]:
    return selectors.evidence()
