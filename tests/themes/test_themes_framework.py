"""The theme framework: the shipped adult social care framework, versions, CSV import and
export (every bad row reported, nothing written), retiring without rewriting the past."""

import csv
import io

import pytest

from careloop.core.services import ServiceError
from careloop.themes.forms import ThemeForm
from careloop.themes.models import Category, FeedbackTheme, FrameworkVersion, Theme
from careloop.themes.services import framework as fw

ISSUE_THEMES = [
    "Assessment and care planning",
    "Reviews",
    "Charging and financial assessment",
    "Direct payments",
    "Home care",
    "Residential and nursing care",
    "Hospital discharge",
    "Carers' support",
    "Equipment and adaptations",
    "Safeguarding",
    "Mental capacity and deprivation of liberty",
    "Transitions from children's services",
    "Information and advice",
    "Communication and being kept informed",
    "Staff attitude and conduct",
    "Staff knowledge and competence",
    "Delays and waiting times",
    "Continuity of staff",
    "Accessibility and reasonable adjustments",
    "Equality and discrimination",
    "Commissioned provider quality",
    "Transport",
    "Positive experience and gratitude",
]


def test_the_adult_social_care_framework_ships_with_the_product(db):
    themes = {t.name: t for t in Theme.objects.active()}
    assert sorted(themes) == sorted(ISSUE_THEMES)
    for theme in themes.values():
        assert len(theme.description) > 80, theme.name
        assert len(theme.example_list) >= 5, theme.name
    assert themes["Positive experience and gratitude"].direction == "higher"
    assert themes["Delays and waiting times"].direction == "lower"
    version = FrameworkVersion.objects.get()
    assert version.number == 1 and len(version.snapshot["themes"]) == 23


def test_installing_the_default_twice_does_nothing(db):
    assert fw.framework_install_default() is None
    assert Theme.objects.count() == 23 and FrameworkVersion.objects.count() == 1


def test_export_then_import_changes_nothing(db, users):
    exported = fw.framework_csv()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 23 and rows[0]["key"]
    plan = fw.framework_import(data=exported, user=users["quality_lead"])
    assert plan.errors == [] and plan.changes == []
    assert FrameworkVersion.current_number() == 1


def test_every_bad_row_is_reported_and_nothing_is_written(db, users):
    data = (
        "category,theme,description,examples,direction,key\n"
        "Money,,A description,,lower,\n"  # row 2: no theme
        "Money,Fees,,,lower,\n"  # row 3: no description
        "Money,Fees,Fees again,,sideways,\n"  # row 4: duplicate name and bad direction
        "Money,Grants,About grants,,lower,no-such-key\n"  # row 5: unknown key
        f"Money,Long,About it,{'x' * 301},lower,\n"  # row 6: example too long
    )
    plan = fw.framework_import(data=data, user=users["quality_lead"])
    found = {(e.row, e.column) for e in plan.errors}
    assert found == {
        (2, "theme"),
        (3, "description"),
        (4, "theme"),
        (4, "direction"),
        (5, "key"),
        (6, "examples"),
    }
    assert "row 4, column “direction”: The direction must be lower, higher or neither" in [
        str(e) for e in plan.errors
    ]
    assert Theme.objects.count() == 23 and FrameworkVersion.current_number() == 1
    assert not Category.objects.filter(name="Money").exists()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        ("theme,description\nA,B\n", "needs the columns: category"),
        ("category,theme,description\n", "no themes"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(db, users, data, reason):
    plan = fw.framework_import(data=data, user=users["quality_lead"])
    assert plan.errors and reason in str(plan.errors[0])
    assert FrameworkVersion.current_number() == 1


def test_import_adds_renames_and_retires_as_one_version(db, users):
    rows = list(csv.DictReader(io.StringIO(fw.framework_csv())))
    transport = next(r for r in rows if r["theme"] == "Transport")
    transport["theme"] = "Transport and travel"
    rows = [r for r in rows if r["theme"] != "Reviews"]
    rows.append(
        {
            "category": "Money and payments",
            "theme": "Benefits advice",
            "description": "Help to claim the benefits people are entitled to.",
            "examples": "Nobody told me I could claim Attendance Allowance | benefits check",
            "direction": "lower",
            "key": "",
        }
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*fw.COLUMNS, "in use"])
    writer.writeheader()
    writer.writerows(rows)
    plan = fw.framework_import(
        data=out.getvalue(), user=users["quality_lead"], note="Annual refresh", retire_missing=True
    )
    assert plan.errors == []
    assert plan.added == ["Benefits advice"]
    assert plan.changed == ["Transport and travel"]
    assert plan.retired == ["Reviews"]
    version = FrameworkVersion.objects.get(number=2)
    assert version.note == "Annual refresh" and len(version.changes) == 3
    assert Theme.objects.get(key=transport["key"]).name == "Transport and travel"
    reviews = Theme.objects.get(name="Reviews")
    assert not reviews.is_active and reviews.retired_in == 2
    benefits = Theme.objects.get(name="Benefits advice")
    assert benefits.added_in == 2
    assert benefits.example_list == [
        "Nobody told me I could claim Attendance Allowance",
        "benefits check",
    ]
    # the old version still shows the framework as it was
    old = FrameworkVersion.objects.get(number=1).snapshot["themes"]
    assert any(t["name"] == "Transport" for t in old)


def test_exported_cells_never_run_as_formulas(db, users):
    theme = Theme.objects.get(name="Transport")
    theme.description = '=HYPERLINK("http://evil")'
    theme.save()
    assert "'=HYPERLINK" in fw.framework_csv()


def test_editing_a_theme_publishes_a_version_and_keeps_the_past(classified, theme, users):
    item = classified(text="The transport to the day centre did not turn up again")
    transport = theme("Transport")
    link = FeedbackTheme.objects.get(feedback=item, theme=transport)
    assert link.framework_version == 1
    form = ThemeForm(
        {
            "name": "Transport and travel",
            "category": transport.category_id,
            "description": transport.description,
            "examples": transport.examples,
            "direction": "lower",
        },
        instance=transport,
    )
    assert form.is_valid(), form.errors
    fw.theme_save(form=form, user=users["quality_lead"], note="Wider scope")
    version = FrameworkVersion.objects.get(number=2)
    assert "Renamed theme “Transport” to “Transport and travel”" in version.changes
    with pytest.raises(ServiceError, match="Say why"):
        fw.theme_retire(theme=transport, user=users["quality_lead"], note=" ")
    fw.theme_retire(theme=transport, user=users["quality_lead"], note="Merged elsewhere")
    transport.refresh_from_db()
    assert transport.retired_in == 3 and not transport.is_active
    link.refresh_from_db()
    assert link.theme_id == transport.pk and link.counted  # the past is not rewritten
    assert link.framework_version == 1
    fw.theme_reinstate(theme=transport, user=users["quality_lead"])
    assert Theme.objects.get(pk=transport.pk).is_active


def test_a_theme_name_in_use_cannot_be_reused(db):
    home = Theme.objects.get(name="Home care")
    form = ThemeForm(
        {
            "name": "home care",
            "category": home.category_id,
            "description": "x",
            "examples": "",
            "direction": "lower",
        }
    )
    assert not form.is_valid() and "already has this name" in str(form.errors["name"])
