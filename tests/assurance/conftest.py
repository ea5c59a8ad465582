"""Fixtures for the CQC core: the seed page and the CQC wording, committed as test data.

`data/` holds a copy of the public CQC assessment page the product is built around (the
"seed") and CQC's published "we statements" and "I statements", so these tests run in a
fresh clone without the project's shared directory beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SEED_NAME = "cqc-assessment-staffordshire-learning-improvement-innovation.txt"
WORDING_NAME = "cqc-framework-wording.md"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return DATA / SEED_NAME


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_lines(seed_text: str) -> list[str]:
    """The seed's own lines: 0 title, 1 statement, 2-3 score, 4-5 commitment, 6 heading."""
    return seed_text.splitlines()


@pytest.fixture(scope="session")
def seed_paragraphs(seed_lines: list[str]) -> list[str]:
    """The key findings paragraphs exactly as in the seed file (after the heading line)."""
    heading = seed_lines.index("Key findings for this quality statement")
    return [line for line in seed_lines[heading + 1 :] if line.strip()]


@pytest.fixture(scope="session")
def reference_text() -> str:
    """CQC's verbatim wording, in the same sections as the project's reference document."""
    return (DATA / WORDING_NAME).read_text(encoding="utf-8")


# --- Django side: evidence facts from a fake area, the framework, a self-assessment ---------------
@pytest.fixture
def fake_area(monkeypatch):
    """An extra area whose evidence is whatever the test puts in `fake_area.facts`.

    Until the other areas land, this is how the library's gathering is tested; it goes
    through `careloop.core.areas.evidence_facts()` like every real area.
    """
    from careloop.core import areas
    from tests.assurance import fake_evidence

    fake_evidence.FACTS.clear()
    fake_evidence.FAIL = False
    real = areas.all_areas
    area = areas.Area(
        label="Fake area",
        url_name="core:home",
        permission="core.home",
        order=999,
        evidence="tests.assurance.fake_evidence.facts",
    )
    monkeypatch.setattr(areas, "all_areas", lambda: [*real(), area])
    return fake_evidence


@pytest.fixture
def framework(db):
    from careloop.assurance.services import framework_ensure

    return framework_ensure()
