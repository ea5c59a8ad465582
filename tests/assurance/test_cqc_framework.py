"""The framework data, checked against the reference document rather than against itself."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from careloop.assurance.cqc import framework as fw

# The table in reference/cqc-framework.md, typed out independently of the implementation.
TABLE = [
    (1, "Working with people", "Assessing needs"),
    (2, "Working with people", "Supporting people to live healthier lives"),
    (3, "Working with people", "Equity in experience and outcomes"),
    (4, "Providing support", "Care provision, integration and continuity"),
    (5, "Providing support", "Partnerships and communities"),
    (6, "Ensuring safety", "Safe pathways, systems and transitions"),
    (7, "Ensuring safety", "Safeguarding"),
    (8, "Leadership", "Governance, management and sustainability"),
    (9, "Leadership", "Learning, improvement and innovation"),
]


def _section(reference: str, heading: str) -> str:
    start = reference.index(heading)
    end = reference.find("\n## ", start + 1)
    return reference[start : end if end != -1 else None]


def test_nine_statements_in_four_themes_as_in_the_reference_table() -> None:
    assert [t.name for t in fw.THEMES] == [
        "Working with people",
        "Providing support",
        "Ensuring safety",
        "Leadership",
    ]
    got = [(qs.number, qs.theme.name, qs.name) for qs in fw.iter_statements()]
    assert got == TABLE
    assert [qs.number for qs in fw.statements_in_theme(4)] == [8, 9]
    assert fw.get_statement(9).name == "Learning, improvement and innovation"
    with pytest.raises(KeyError):
        fw.get_statement(10)


def test_commitments_are_verbatim_from_the_reference(reference_text: str) -> None:
    section = _section(reference_text, '## "The local authority commitment"')
    quoted = dict(re.findall(r'^\d\. ([^:\n]+): "(.+)"$', section, re.M))
    assert len(quoted) == 9
    for qs in fw.QUALITY_STATEMENTS:
        assert qs.commitment == quoted[qs.name]


def test_i_statements_are_verbatim_and_absent_for_8_and_9(reference_text: str) -> None:
    section = _section(reference_text, '## "What people expect"')
    expected = {
        name: tuple(re.findall(r'"([^"]+)"', quotes))
        for name, quotes in re.findall(r'^- ([^:\n]+): (".+")$', section, re.M)
    }
    assert len(expected) == 7
    for qs in fw.QUALITY_STATEMENTS[:7]:
        assert qs.what_people_expect == expected[qs.name]
    assert fw.get_statement(8).what_people_expect == ()
    assert fw.get_statement(9).what_people_expect == ()


def test_score_wordings_and_the_2025_variant() -> None:
    assert [level.line for level in fw.SCORE_LEVELS] == [
        "1 - Evidence shows significant shortfalls",
        "2 - Evidence shows some shortfalls",
        "3 - Evidence shows a good standard",
        "4 - Evidence shows an exceptional standard",
    ]
    assert fw.score_level(1).line_2025 == "1 -Inadequate: Evidence shows significant shortfalls"
    assert fw.score_level(4).rating == "Outstanding"
    assert fw.score_level(0) is None
    assert fw.score_level(5) is None
    assert fw.score_level(True) is None


def test_evidence_categories_with_status() -> None:
    names = [c.name for c in fw.EVIDENCE_CATEGORIES]
    assert names == [
        "People's experience",
        "Feedback from staff and leaders",
        "Feedback from partners",
        "Processes",
        "Outcomes",
    ]
    outcomes = fw.EVIDENCE_CATEGORIES[-1]
    assert not outcomes.used and "not used" in outcomes.status
    assert all(c.used for c in fw.EVIDENCE_CATEGORIES[:4])
    assert not fw.OBSERVATION.used


def test_slugs_follow_cqc_urls() -> None:
    assert fw.get_statement(9).slug == "theme4/learning"
    assert fw.THEMES[3].numbered_slug == "4-leadership"
    slugs = [qs.slug for qs in fw.QUALITY_STATEMENTS]
    assert len(set(slugs)) == 9
    assert all(
        slug.startswith(f"theme{qs.theme_number}/")
        for qs, slug in zip(fw.QUALITY_STATEMENTS, slugs, strict=True)
    )
    for qs in fw.QUALITY_STATEMENTS:
        assert fw.canonical_statement(qs.slug) == qs.name


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Learning, improvement and innovation", "Learning, improvement and innovation"),
        ("LEARNING, IMPROVEMENT AND INNOVATION", "Learning, improvement and innovation"),
        ("  learning,improvement  and innovation. ", "Learning, improvement and innovation"),
        ("Safe systems, pathways and transitions", "Safe pathways, systems and transitions"),
        ("Safe pathways – systems & transitions", "Safe pathways, systems and transitions"),
        ("Supporting people to lead healthier lives", "Supporting people to live healthier lives"),
        ("Governance — management and sustainability", "Governance, management and sustainability"),
        (
            "Care provision, integration, and continuity",
            "Care provision, integration and continuity",
        ),
        ("theme4/learning", "Learning, improvement and innovation"),
        (
            "4-leadership/learning-improvement-and-innovation",
            "Learning, improvement and innovation",
        ),
        (
            "Theme 4: Leadership – Learning, improvement and innovation",
            "Learning, improvement and innovation",
        ),
        ("3-ensuring-safety/safeguarding", "Safeguarding"),
        ("Ensuring safety within the system: Safeguarding", "Safeguarding"),
        ("Quality statement 1: Assessing needs", "Assessing needs"),
        ("QS7", "Safeguarding"),
        (".../reports/blackpool-0825/theme4/learning", "Learning, improvement and innovation"),
    ],
)
def test_canonical_statement_accepts_variants(given: str, expected: str) -> None:
    assert fw.canonical_statement(given) == expected


def test_canonical_statement_tolerates_typographic_apostrophes() -> None:
    name = "People’s Assessing needs"  # not a statement: apostrophes must not make it one
    assert fw.canonical_statement(name) is None
    assert fw.normalise_name("People’s ‘needs’") == fw.normalise_name("Peoples' needs")


@pytest.mark.parametrize(
    "given",
    [
        "",
        None,
        "Wellbeing",
        "4-leadership",
        "Theme 1: Safeguarding",
        "9. Assessing needs",
        "theme1/learning",
        "Leadership",
    ],
)
def test_canonical_statement_returns_none_for_unknown_or_inconsistent(given: str | None) -> None:
    assert fw.canonical_statement(given) is None


def test_canonical_theme_variants() -> None:
    assert fw.canonical_theme("4-leadership") == "Leadership"
    assert fw.canonical_theme("Ensuring safety within the system") == "Ensuring safety"
    assert fw.canonical_theme("Theme 1") == "Working with people"
    assert fw.canonical_theme("Safeguarding") is None


def test_data_is_immutable_and_serialisable() -> None:
    qs = fw.get_statement(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        qs.name = "changed"  # type: ignore[misc]
    data = json.loads(json.dumps(fw.as_dict()))
    assert data["version"] == fw.FRAMEWORK_VERSION
    assert len(data["quality_statements"]) == 9
    assert data["quality_statements"][8]["slug"] == "theme4/learning"
    assert data["quality_statements"][8]["what_people_expect"] == []
    assert [b["rating"] for b in data["rating_bands"]] == list(fw.RATINGS)
