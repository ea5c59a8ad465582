"""Template-drafted key-findings sentences keep their figures and evidence links."""

from __future__ import annotations

import datetime as dt

import pytest

from careloop.assurance.cqc.draft import DraftError, draft_paragraph, draft_sentence


def test_complaints_sentence_with_evidence_ids() -> None:
    sentence = draft_sentence(
        {
            "kind": "complaints",
            "received": 412,
            "upheld_pct": 38,
            "period_end": "2026-03-31",
            "evidence_ids": [11, 12],
        }
    )
    assert sentence.text == (
        "The local authority received 412 complaints in the year to March 2026, of which 38% "
        "were upheld."
    )
    assert sentence.evidence_ids == (11, 12) and sentence.kind == "complaints"


def test_counts_are_formatted_and_shares_computed() -> None:
    text = draft_sentence(
        {
            "kind": "complaints",
            "received": 1200,
            "upheld": 300,
            "period_end": dt.date(2026, 3, 31),
            "on_time_pct": 82.5,
        }
    ).text
    assert text == (
        "The local authority received 1,200 complaints in the year to March 2026, of which 300 "
        "(25%) were upheld. 82.5% of complaints were responded to within the agreed timescale."
    )


def test_ombudsman_sentence_matches_cqc_style() -> None:
    text = draft_sentence({"kind": "ombudsman", "received": 36, "upheld": 19}).text
    assert text == (
        "36 complaints were made to the Local Government and Social Care Ombudsman (LGSCO) of "
        "which 19 were upheld."
    )


def test_survey_sentence_compares_and_cites() -> None:
    text = draft_sentence(
        {
            "kind": "survey",
            "value_pct": 58,
            "comparator_pct": 64,
            "measure": "of people who use services felt in control of their daily life",
            "survey": "Adult Social Care Survey",
            "date": "October 2024",
        }
    ).text
    assert text == (
        "58% of people who use services felt in control of their daily life, lower than the "
        "England average of 64% (Adult Social Care Survey, October 2024)."
    )


def test_paragraph_and_other_kinds() -> None:
    paragraph = draft_paragraph(
        [
            {"kind": "compliments", "received": 1, "period": "in 2025-26"},
            {"kind": "actions", "total": 48, "completed": 41, "overdue": 1},
            {
                "kind": "change",
                "measure": "Monthly complaints",
                "before": 24,
                "after": 9,
                "after_what": "extra training",
                "significant": True,
            },
            {"kind": "pilot", "name": "a night support service"},
        ]
    )
    assert paragraph == (
        "The local authority received 1 compliment in 2025-26. Of 48 improvement actions arising "
        "from reviews, complaints and audits, 41 (85%) had been completed and 1 was overdue. "
        "Monthly complaints fell from 24 to 9 after extra training, a statistically significant "
        "reduction. The local authority piloted a night support service."
    )


@pytest.mark.parametrize(
    ("fact", "phrase"),
    [
        ({"kind": "horoscope"}, "Unknown kind"),
        ({"kind": "complaints"}, "needs received"),
        ({"kind": "complaints", "received": -3}, "received must be"),
        ({"kind": "complaints", "received": 3, "period_end": "March"}, "not a date"),
        ({"kind": "survey", "value_pct": "lots", "measure": "x", "survey": "y"}, "percentage"),
    ],
)
def test_bad_facts_raise_draft_error(fact: dict, phrase: str) -> None:
    with pytest.raises(DraftError, match=phrase):
        draft_sentence(fact)


def test_complaints_decided_and_referred() -> None:
    text = draft_sentence(
        {
            "kind": "complaints",
            "received": 412,
            "decided": 380,
            "upheld": 152,
            "on_time_pct": 81,
            "referred": 1,
            "period": "in 2025-26",
        }
    ).text
    assert text == (
        "The local authority received 412 complaints in 2025-26. Of the 380 decided, 152 (40%) "
        "were upheld. 81% of complaints were responded to within the agreed timescale. "
        "1 complaint was referred to the Local Government and Social Care Ombudsman (LGSCO)."
    )


def test_actions_one_or_none_completed() -> None:
    one = draft_sentence({"kind": "actions", "total": 1, "completed": 0, "source": "the audit"})
    assert one.text == "The improvement action arising from the audit had not yet been completed."
    none = draft_sentence({"kind": "actions", "total": 4, "completed": 0, "overdue": 1})
    assert none.text == (
        "Of 4 improvement actions arising from reviews, complaints and audits, none had yet "
        "been completed and 1 was overdue."
    )
