"""careloop's suggestions of statements and category, from an item's words and its source."""

from __future__ import annotations

import pytest

from careloop.assurance.suggest import suggest


@pytest.mark.parametrize(
    ("title", "summary", "statements", "category"),
    [
        (
            "Safeguarding Adults Review: Mr A",
            "Hoarding and self-neglect; recommendations on multi-agency working.",
            7,
            "processes",
        ),
        (
            "Adult Social Care Survey 2025-26",
            "58% of people who use services felt in control of their daily life.",
            None,
            "people_experience",
        ),
        (
            "Hospital discharge pathway",
            "How people move from hospital to home: the discharge pathway and handovers.",
            6,
            "processes",
        ),
        (
            "Staff survey: supervision and training",
            "Staff told us supervision was regular and training useful.",
            9,
            "staff_leaders",
        ),
        (
            "Healthwatch report on home care",
            "Partners told us home care providers struggle to recruit.",
            4,
            "partners",
        ),
        (
            "Accessible information: easy read leaflets",
            "Interpreting and translation for people whose first language is not English.",
            3,
            None,
        ),
    ],
)
def test_words_suggest_statements_and_category(title, summary, statements, category):
    result = suggest(title=title, summary=summary)
    if statements is not None:
        assert result.statements[0] == statements, result
    if category is not None:
        assert result.category == category, result
    assert len(result.statements) <= 3


def test_the_areas_own_suggestion_comes_first_and_is_explained():
    result = suggest(
        title="Complaints in 2025-26",
        summary="412 complaints, 38% upheld; learning from complaints shared with teams.",
        area_statements=(8,),
        area_category="people",
    )
    assert result.statements[0] == 8 and 9 in result.statements
    assert result.category == "people_experience"
    assert "area that reported it" in result.reason and "complaints" in result.reason


def test_nothing_recognisable_suggests_nothing():
    result = suggest(title="Zzz", summary="")
    assert result.statements == () and result.category == "" and result.reason == ""


def test_title_words_count_double():
    assert suggest(title="Safeguarding", summary="about training").statements == (7,)
    assert suggest(title="Training", summary="about safeguarding").statements == (9,)
