"""Fixtures for the CQC core: the shared seed page and reference facts, read from disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "cqc-assessment-staffordshire-learning-improvement-innovation.txt"


def _shared_dir() -> Path | None:
    candidates = [os.environ.get("CARELOOP_SHARED_DIR"), REPO.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seed" / SEED_NAME).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    found = _shared_dir()
    if found is None:
        pytest.skip("shared/ (seed and reference) not found beside the repository")
    return found


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / SEED_NAME


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
def reference_text(shared_dir: Path) -> str:
    return (shared_dir / "reference" / "cqc-framework.md").read_text(encoding="utf-8")


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
