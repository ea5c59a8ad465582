"""`careloop cqc rating | import-report | report`: the real command, its output and exit code."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from careloop.assurance import services
from careloop.core.models import AuditEntry

REPO = Path(__file__).resolve().parents[2]


def careloop(*args: str, tmp_path: Path, stdin: str | None = None):
    """Run `careloop …` as a person would, in a throwaway data directory."""
    env = {**os.environ, "CARELOOP_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    return subprocess.run(
        [sys.executable, "-m", "careloop", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("cqc", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rating_as_a_person_runs_it(tmp_path):
    """One run of the real `careloop` process for each outcome: the exact JSON, and exit 2."""
    done = careloop("cqc", "rating", *["3"] * 9, "--json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == '{"total": 27, "percentage": 75, "rating": "Good"}\n'
    assert done.stderr == ""
    bad = careloop("cqc", "rating", *["3"] * 8, "5", tmp_path=tmp_path)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("error: Score 9 is 5; each score must be from 1 to 4.")
    assert "usage: careloop cqc rating" in bad.stderr


def test_rating_human_output():
    out, err = run("rating", *["1", "1", "1", "1", "1", "2", "2", "2", "2"])
    assert (out, err) == ("36% Inadequate (total 13 of 36)\n", "")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["3"] * 8, "exactly nine"),
        (["3"] * 10, "exactly nine"),
        (["3"] * 8 + ["5"], "from 1 to 4"),
        (["3"] * 8 + ["-1"], "from 1 to 4"),
        (["3"] * 8 + ["0"], "from 1 to 4"),
        (["3"] * 8 + ["three"], "not a score"),
        (["3"] * 8 + ["2.5"], "not a score"),
        (["3"] * 9 + ["--pdf"], "Unknown option"),
    ],
)
def test_rating_refuses_bad_input_with_exit_code_2(args, phrase):
    with pytest.raises(CommandError) as caught:
        run("rating", *args)
    assert caught.value.returncode == 2
    assert str(caught.value).startswith("error: ") and phrase in str(caught.value)
    assert "usage: careloop cqc rating" in str(caught.value)


def test_rating_through_call_command():
    out, err = run("rating", *["4"] * 9, "--json")
    assert json.loads(out) == {"total": 36, "percentage": 100, "rating": "Outstanding"}
    with pytest.raises(CommandError) as caught:
        run("rating", "3", "3")
    assert caught.value.returncode == 2 and "exactly nine" in str(caught.value)


def test_every_combination_of_nine_scores_through_the_command():
    """All 4^9 combinations give CQC's total, percentage and band (checked on the totals,
    which is all the rule depends on, and through the command for one per total)."""
    import itertools

    from careloop.assurance.cqc.rating import overall_rating

    bands = {t: ("Inadequate" if t <= 13 else "Requires improvement" if t <= 22 else
                 "Good" if t <= 31 else "Outstanding") for t in range(9, 37)}  # fmt: skip
    seen = set()
    for scores in itertools.product((1, 2, 3, 4), repeat=9):
        result = overall_rating(list(scores))
        total = sum(scores)
        assert (result.total, result.rating) == (total, bands[total])
        assert result.percentage == int(total / 36 * 100 + 0.5)
        if total not in seen:
            seen.add(total)
            out, _ = run("rating", *map(str, scores), "--json")
            assert json.loads(out) == result.as_dict()
    assert len(seen) == 28


def test_import_report_prints_the_seed_exactly(tmp_path, seed_path, seed_paragraphs, seed_lines):
    done = careloop("cqc", "import-report", str(seed_path), "--json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["council"] == "Staffordshire County Council"
    assert data["quality_statement"] == "Learning, improvement and innovation"
    assert data["score"] == 3 and isinstance(data["score"], int)
    assert data["score_wording"] == "Evidence shows a good standard"
    assert data["commitment"] == seed_lines[5]
    assert data["key_findings"] == seed_paragraphs and len(data["key_findings"]) == 10
    assert done.stderr == ""


def test_import_report_refuses_other_pages(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Team meeting notes.\n")
    for path, phrase in [
        (notes, "is not a CQC local authority assessment page"),
        (tmp_path / "nope.txt", "Cannot read"),
    ]:
        with pytest.raises(CommandError) as caught:
            run("import-report", str(path), "--json")
        assert caught.value.returncode == 2 and phrase in str(caught.value)


def test_import_report_reads_standard_input(seed_text, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(seed_text))
    out, _ = run("import-report", "-", "--json")
    assert json.loads(out)["score"] == 3


def test_import_report_through_call_command(seed_path):
    out, _ = run("import-report", str(seed_path))
    assert "Council: Staffordshire County Council" in out
    assert "Score: 3 - Evidence shows a good standard" in out


def test_unknown_or_missing_subcommand():
    with pytest.raises(CommandError, match="unknown subcommand 'ratings'"):
        run("ratings", "3")
    with pytest.raises(CommandError, match="name a subcommand"):
        run()


@pytest.fixture
def assessment(db, users, framework):
    assessment = services.assessment_create(
        title="Self-assessment 2026", as_at=dt.date.today(), user=users["admin"], draft=False
    )
    for sa in assessment.statements.all():
        sa.score, sa.key_findings = 3, "Staff told us it was good."
        sa.save()
    return assessment


def test_report_prints_cqc_format_text(assessment):
    out, _ = run("report")
    assert out.startswith("DRAFT: this self-assessment is not signed off.")
    assert "Overall rating for Northshire County Council: 75%" in out
    assert out.count("Key findings for this quality statement") == 9


def test_report_writes_pdf_and_word(assessment, tmp_path):
    pdf, word = tmp_path / "report.pdf", tmp_path / "report.docx"
    out, _ = run("report", "--pdf", str(pdf), "--docx", str(word))
    assert out == f"Wrote {pdf}\nWrote {word}\n"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Score: 3" in [p.text for p in docx.Document(str(word)).paragraphs]
    assert AuditEntry.objects.filter(action="export").for_object(assessment).count() == 2


def test_report_refuses_when_there_is_nothing_or_bad_options(db, tmp_path, assessment):
    with pytest.raises(CommandError, match="no self-assessment number 999"):
        run("report", "--self-assessment", "999")
    with pytest.raises(CommandError, match="unrecognized arguments"):
        run("report", "--pfd", "x.pdf")
    with pytest.raises(CommandError, match="cannot write"):
        run("report", "--pdf", str(tmp_path / "no-such-dir" / "r.pdf"))


def test_report_with_no_self_assessment(db):
    with pytest.raises(CommandError) as caught:
        run("report")
    assert caught.value.returncode == 2 and "no self-assessment yet" in str(caught.value)
