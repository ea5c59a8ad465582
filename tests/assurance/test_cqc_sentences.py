"""Sentence splitting and evidence-source tagging of key findings."""

from __future__ import annotations

import pytest

from careloop.assurance.cqc.sentences import (
    citations,
    evidence_sources,
    split_sentences,
    tag_paragraphs,
)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("One thing. Another thing.", ["One thing.", "Another thing."]),
        (
            "Care was good, e.g. Staffordshire. Next point.",
            ["Care was good, e.g. Staffordshire.", "Next point."],
        ),
        ("Waits fell by 2.5 weeks. Staff agreed.", ["Waits fell by 2.5 weeks.", "Staff agreed."]),
        (
            "It was on track. 36 complaints were made.",
            ["It was on track.", "36 complaints were made."],
        ),
        (
            "See para. 4 and No. 5 of the plan. Done.",
            ["See para. 4 and No. 5 of the plan.", "Done."],
        ),
        ("The U.K. Government agreed. Done.", ["The U.K. Government agreed.", "Done."]),
        (
            "A person said “it helped. A lot.” Then more.",
            ["A person said “it helped. A lot.”", "Then more."],
        ),
        (
            "Plans existed (see the 2023 plan. It was long.) Next.",
            ["Plans existed (see the 2023 plan. It was long.)", "Next."],
        ),
        ("Was it safe? Yes! Mostly.", ["Was it safe?", "Yes!", "Mostly."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_seed_sentences_rejoin_to_the_paragraphs(seed_paragraphs: list[str]) -> None:
    counts = []
    for paragraph in seed_paragraphs:
        sentences = split_sentences(paragraph)
        assert " ".join(sentences) == paragraph
        counts.append(len(sentences))
    assert counts == [3, 5, 2, 5, 4, 5, 7, 3, 5, 3]


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("All staff and partners told us there was a positive culture.", ("staff", "partners")),
        (
            "Staff, partners, and people told us about coproduced work.",
            ("people", "staff", "partners"),
        ),
        ("Leaders were aware more work was needed.", ("leaders",)),
        ("Additionally, leaders told us staff were involved with learning.", ("leaders",)),
        ("For example, a provider told us they had been involved.", ("partners",)),
        ("Unpaid carers said assessments were slow.", ("people",)),
        ("The approach was described by staff as non-blaming.", ("staff",)),
        ("According to partners, referrals were handled well.", ("partners",)),
        (
            "62% of people were satisfied (Adult Social Care Survey, October 2024).",
            ("national_data",),
        ),
        (
            "Data from the Survey of Adult Carers in England showed 30% were satisfied.",
            ("national_data",),
        ),
        ("Local authority data showed 95% of reviews were on time.", ("local_data",)),
        ("Plans were in place to mitigate risk.", ("unattributed",)),
        ("Leaders oversaw quality of practice and monitored feedback.", ("unattributed",)),
        (
            "However, peoples’ experiences of coproduction were mixed: some said it was late.",
            ("people",),
        ),
    ],
)
def test_evidence_sources(sentence: str, sources: tuple[str, ...]) -> None:
    assert evidence_sources(sentence) == sources


def test_citations_only_name_data_sources() -> None:
    assert citations("Rates rose (ASCOF 2023-24) and fell (since April 2023).") == ["ASCOF 2023-24"]


def test_seed_sentences_are_tagged(seed_paragraphs: list[str]) -> None:
    tagged = tag_paragraphs(seed_paragraphs)
    assert len(tagged) == 42
    assert tagged[0].sources == ("staff", "partners") and tagged[0].paragraph == 0
    by_source = {s for t in tagged for s in t.sources}
    assert {"people", "staff", "leaders", "partners", "unattributed"} <= by_source
    lgsco = next(t for t in tagged if t.text.startswith("36 complaints"))
    assert lgsco.paragraph == 8
