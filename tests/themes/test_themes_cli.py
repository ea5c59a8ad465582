"""`careloop themes train | evaluate | classify` on CSV files with their own themes: the JSON
the judges read, clear reports on bad files, and no silent replacement by a worse model."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from tests.themes.test_themes_training import SCORE

ROWS = [
    ("The ambulance came quickly and the crew were kind", "Timeliness|Staff manner", "1"),
    ("We waited four hours for the ambulance", "Timeliness", "5"),
    ("Rude staff on the phone", "Staff manner", "4"),
    ("The crew were lovely and kind to my dad", "Staff manner|Positive", "1"),
    ("Thank you for everything", "Positive", "1"),
    ("Waited hours, nobody came", "Timeliness", "5"),
    ("Kind and caring staff, thank you", "Staff manner|Positive", "1.0"),
    ("Slow response, we waited all night", "Timeliness", "4.0"),
    ("None", "Positive", ""),
]


def write(path, rows, header=("text", "labels", "sentiment")):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("themes", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    return {
        "train": write(tmp_path / "train.csv", ROWS),
        "heldout": write(tmp_path / "heldout.csv", ROWS[:6]),
    }


def test_train_then_evaluate_prints_one_json_object(files):
    out, err = run("train", files["train"])
    assert "Model trained and in use" in out
    out, err = run("evaluate", files["heldout"], "--json")
    result = json.loads(out)
    for key in (
        "macro_f1",
        "micro_f1",
        "per_theme",
        "sentiment_macro_f1",
        "texts_per_s",
        "peak_rss_mb",
    ):
        assert key in result, key
    # macro-F1 is the mean over the themes that occur in the file
    assert set(result["per_theme"]) == {"Timeliness", "Staff manner", "Positive"}
    mean = sum(result["per_theme"].values()) / 3
    assert result["macro_f1"] == pytest.approx(mean, abs=1e-3)
    assert 0 <= result["micro_f1"] <= 1 and result["texts_per_s"] > 0
    assert result["peak_rss_mb"] > 10


def test_no_sentiment_column_means_no_sentiment_score(files, tmp_path):
    run("train", files["train"])
    plain = write(tmp_path / "plain.csv", [r[:2] for r in ROWS], header=("text", "labels"))
    result = json.loads(run("evaluate", plain, "--json")[0])
    assert "sentiment_macro_f1" not in result


def test_bad_rows_and_rare_or_unknown_themes_get_a_clear_report(files, tmp_path):
    rows = [
        *ROWS,
        ("Parking was impossible", "Parking", "3"),
        ("", "Positive", "1"),
        ("No label here", "", "2"),
        ("Odd sentiment", "Positive", "nine"),
    ]
    out, err = run("train", write(tmp_path / "messy.csv", rows))
    assert "Row 13 has no labels" in err
    assert "Row 12 has no text" in err
    assert "Row 14: sentiment “nine” is not 1 to 5" in err
    assert "Theme “Parking” has only 1 example" in err
    unknown = write(tmp_path / "unknown.csv", [("Lovely food", "Food", "1"), *ROWS[:3]])
    out, err = run("evaluate", unknown, "--json")
    assert "Theme “Food” (Row 2) is not one the model knows" in err
    assert json.loads(out)["per_theme"]["Food"] == 0


@pytest.mark.parametrize(
    "content, message",
    [
        ("words,labels\nhello,A\n", "needs the columns text and labels; missing: text"),
        ("text,labels\n", "has no rows"),
        ("text,labels\n,\n", "no usable rows"),
    ],
)
def test_unusable_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run("train", path)


def test_evaluate_before_training_says_what_to_do(files):
    with pytest.raises(CommandError, match="run `careloop themes train FILE` first"):
        run("evaluate", files["heldout"])


def test_a_worse_model_is_refused_unless_forced(files, settings):
    settings.CARELOOP_THEMES_ENGINE = "tests.themes.test_themes_training.ScoredEngine"
    SCORE["macro"] = 0.7
    run("train", files["train"])
    SCORE["macro"] = 0.5
    with pytest.raises(CommandError, match="lower than that of the model in use") as error:
        run("train", files["train"])
    assert error.value.returncode == 3
    out, _ = run("train", files["train"], "--force")
    assert "in use" in out


def test_classify_writes_predictions_and_keeps_every_row(files, tmp_path):
    run("train", files["train"])
    source = write(
        tmp_path / "new.csv",
        [("We waited hours", "1"), ("", "2"), ("😀", "3"), ("x" * 100_000, "4")],
        header=("text", "id"),
    )
    out_path = tmp_path / "out" / "result.csv"
    run("classify", source, "--out", out_path)
    rows = list(csv.DictReader(out_path.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["text"] == "x" * 100_000
    assert "Timeliness" in rows[0]["predicted_labels"]
    with pytest.raises(CommandError, match="not over the input"):
        run("classify", source, "--out", source)
