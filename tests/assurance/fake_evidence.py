"""Evidence facts for tests: a stand-in for an area's `Area.evidence` function."""

from __future__ import annotations

import datetime as dt

from careloop.core.areas import EvidenceFact

FACTS: list[EvidenceFact] = []
FAIL = False


def facts() -> list[EvidenceFact]:
    if FAIL:
        raise RuntimeError("the area's database query failed")
    return list(FACTS)


def fact(key: str, **overrides) -> EvidenceFact:
    values = {
        "key": key,
        "title": "Complaints in 2025-26",
        "summary": "412 complaints were received; 38% were upheld.",
        "date": dt.date.today() - dt.timedelta(days=30),
        "source": "Complaints register",
        "url": "/feedback/",
        "statements": (9,),
        "category": "people",
        "figures": {"kind": "complaints", "received": 412, "upheld_pct": 38},
    }
    values.update(overrides)
    return EvidenceFact(**values)
