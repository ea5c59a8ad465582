"""Parsing published CQC pages: the seed exactly, HTML, damaged pages, variants and the CLI."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from careloop.assurance.cqc.report_parser import decode_page, main, parse_report, parse_report_file

REFERENCE_COMMITMENT_9 = (
    "We focus on continuous learning, innovation and improvement across our organisation and the "
    "local system. We encourage creative ways of delivering equality of experience, outcome and "
    "quality of life for people. We actively contribute to safe, effective practice and research."
)


def test_seed_parses_exactly(seed_text: str, seed_lines: list[str], seed_paragraphs) -> None:
    record = parse_report(seed_text)
    assert record.page_type == "quality_statement"
    assert record.council == "Staffordshire County Council"
    assert record.quality_statement == "Learning, improvement and innovation"
    assert record.statement_number == 9 and record.theme == "Leadership"
    assert record.score == 3
    assert record.score_wording == "Evidence shows a good standard"
    assert record.commitment == seed_lines[5] == REFERENCE_COMMITMENT_9
    assert record.what_people_expect == []
    assert record.key_findings == seed_paragraphs
    assert len(record.key_findings) == 10
    assert record.key_finding_headings == []
    assert record.missing == [] and record.warnings == [] and record.complete
    assert "score" in record.found and "key_findings" in record.found


def _seed_html(lines: list[str]) -> str:
    def esc(text: str) -> str:
        return html.escape(text, quote=False).replace("’", "&rsquo;").replace("‘", "&#8216;")

    paragraphs = "\n".join(f"  <p>\n    {esc(p)}\n  </p>" for p in lines[7:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{esc(lines[0])} | CQC</title>
<style>p {{ color: red; }} /* Score: 1 */</style>
<script>document.write("<p>Score: 1</p>");</script></head>
<body><nav><ul><li><a href="/a">Assessing needs</a></li><li><a href="/b">Safeguarding</a></li>
</ul></nav>
<main><h1>{esc(lines[0])}</h1>
<h2>{esc(lines[1])}</h2>
<div class="score"><p>Score: <strong>3</strong></p><p>{esc(lines[3])}</p></div>
<h3>{esc(lines[4])}</h3><p>{esc(lines[5])}</p>
<h3>{esc(lines[6])}</h3>
{paragraphs}
<script>var x = "<p>not text</p>";</script>
</main><footer><p>Back to top</p><p>&copy; Care Quality Commission</p></footer></body></html>"""


def test_html_version_of_the_seed(seed_lines: list[str], seed_paragraphs: list[str]) -> None:
    record = parse_report(_seed_html(seed_lines))
    assert record.source_format == "html"
    assert record.council == "Staffordshire County Council"
    assert record.quality_statement == "Learning, improvement and innovation"
    assert (record.score, record.score_wording) == (3, "Evidence shows a good standard")
    assert record.commitment == REFERENCE_COMMITMENT_9
    assert record.key_findings == seed_paragraphs
    assert record.complete


def test_html_subheadings_are_kept_apart_from_paragraphs(seed_lines: list[str]) -> None:
    page = _seed_html(seed_lines).replace(
        "<h3>Key findings for this quality statement</h3>",
        "<h2>Key findings for this quality statement</h2><h3>Learning culture</h3>",
        1,
    )
    record = parse_report(page)
    assert record.key_finding_headings == [(0, "Learning culture")]
    assert len(record.key_findings) == 10


def test_windows_line_endings_bom_and_blank_lines(seed_lines, seed_paragraphs) -> None:
    record = parse_report("\ufeff" + "\r\n\r\n".join(seed_lines) + "\r\n")
    assert record.key_findings == seed_paragraphs and record.score == 3


def test_hard_wrapped_text(seed_lines: list[str], seed_paragraphs: list[str]) -> None:
    import textwrap

    wrapped = (
        "\n".join(seed_lines[:7])
        + "\n\n"
        + "\n\n".join(textwrap.fill(p, 78) for p in seed_paragraphs)
    )
    record = parse_report(wrapped)
    assert record.key_findings == seed_paragraphs
    assert record.score == 3 and record.commitment == REFERENCE_COMMITMENT_9


def test_page_truncated_in_the_header(seed_lines: list[str]) -> None:
    record = parse_report("\n".join(seed_lines[:3]))
    assert record.is_cqc_report and not record.complete and record.truncated
    assert record.council == "Staffordshire County Council"
    assert record.score == 3
    assert record.score_wording is None
    assert {"score_wording", "commitment", "key_findings"} <= set(record.missing)
    assert any("truncated" in w for w in record.warnings)


def test_page_truncated_mid_paragraph(seed_text: str, seed_paragraphs: list[str]) -> None:
    cut = seed_text.index(seed_paragraphs[3]) + 120
    record = parse_report(seed_text[:cut])
    assert record.key_findings[:3] == seed_paragraphs[:3]
    assert record.key_findings[3] == seed_paragraphs[3][:120]
    assert record.truncated and not record.complete
    assert any("mid-sentence" in w for w in record.warnings)


def test_page_without_a_score_line(seed_lines: list[str]) -> None:
    record = parse_report("\n".join(seed_lines[:2] + seed_lines[4:]))
    assert record.score is None and record.score_wording is None
    assert "score" in record.missing and "score_wording" in record.missing
    assert record.quality_statement == "Learning, improvement and innovation"
    assert len(record.key_findings) == 10


def test_score_read_from_wording_line_only_says_so(seed_lines: list[str]) -> None:
    record = parse_report("\n".join(seed_lines[:2] + seed_lines[3:]))
    assert record.score == 3
    assert any("wording line" in w for w in record.warnings)


def test_conflicting_score_lines_give_no_score(seed_lines: list[str]) -> None:
    lines = [*seed_lines]
    lines[3] = "2 - Evidence shows some shortfalls"
    record = parse_report("\n".join(lines))
    assert record.score is None and "score" in record.missing
    assert any("disagree" in w for w in record.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Shopping list\nMilk\nScore: 3\n",
        "<html><body><p>Hello world.</p></body></html>",
        "Minutes of the Quality Assurance meeting.\nKey actions agreed.",
    ],
)
def test_text_that_is_not_a_cqc_report(text: str) -> None:
    record = parse_report(text)
    assert record.page_type == "not_cqc" and not record.is_cqc_report
    assert record.score is None and record.key_findings == []
    assert "council" in record.missing
    assert any("not a CQC" in w for w in record.warnings)


def test_unknown_statement_name(seed_lines: list[str]) -> None:
    record = parse_report("\n".join([seed_lines[0], "Wellbeing and happiness", *seed_lines[2:]]))
    assert record.quality_statement is None
    assert record.statement_name_on_page == "Wellbeing and happiness"
    assert "quality_statement" in record.missing
    assert any("Unknown quality statement" in w for w in record.warnings)
    assert record.score == 3  # the rest of the page is still read


def test_2025_score_line_and_what_people_expect() -> None:
    page = "\n".join(
        [
            "Northshire County Council: local authority assessment",
            "Safe systems, pathways and transitions",
            "Score: 1",
            "1 -Inadequate: Evidence shows significant shortfalls",
            "What people expect",
            "When I move between services, settings or areas, there is a plan for what happens "
            "next and who will do what, and all the practical arrangements are in place.",
            "I feel safe and am supported to understand and manage any risks.",
            "The local authority commitment",
            "We work with people and our partners to establish and maintain safe systems of care, "
            "in which safety is managed, monitored and assured. We ensure continuity of care, "
            "including when people move between different services.",
            "Key findings for this quality statement",
            "Partners told us hospital discharge was delayed. Waiting lists had grown (Adult "
            "Social Care Survey, October 2024).",
        ]
    )
    record = parse_report(page)
    assert record.quality_statement == "Safe pathways, systems and transitions"
    assert record.statement_name_on_page == "Safe systems, pathways and transitions"
    assert (record.score, record.score_rating) == (1, "Inadequate")
    assert record.score_wording == "Evidence shows significant shortfalls"
    assert len(record.what_people_expect) == 2
    assert record.complete and record.warnings == []
    sentences = record.sentences()
    assert [s.sources for s in sentences] == [("partners",), ("national_data",)]
    assert sentences[1].citations == ("Adult Social Care Survey, October 2024",)


def test_overall_summary_page() -> None:
    names = [
        "Assessing needs",
        "Supporting people to live healthier lives",
        "Equity in experience and outcomes",
        "Care provision, integration and continuity",
        "Partnerships and communities",
        "Safe systems, pathways and transitions",
        "Safeguarding",
        "Governance, management and sustainability",
        "Learning, improvement and innovation",
    ]
    lines = [
        "Staffordshire County Council: local authority assessment",
        "Local authority rating and score",
        "Good",
        "Overall rating for Staffordshire County Council: 75%",
        "Quality statement scores",
    ]
    for name in names:
        lines += [name, "Score: 3", "3 - Evidence shows a good standard"]
    record = parse_report("\n".join(lines))
    assert record.page_type == "summary"
    assert (record.overall_percentage, record.overall_rating) == (75, "Good")
    assert record.statement_scores["Safe pathways, systems and transitions"] == 3
    assert len(record.statement_scores) == 9 and record.complete
    record = parse_report("\n".join(lines).replace("75%", "72%"))
    assert any("72%" in w for w in record.warnings)


def test_text_subheadings_and_trailing_navigation() -> None:
    page = "\n".join([
        "Northshire County Council: local authority assessment",
        "Theme 1: How the local authority works with people",
        "Assessing needs",
        "Score: 2 2 - Evidence shows some shortfalls",
        "Key findings for this quality statement",
        "Assessment, care planning and review arrangements",
        "People told us it was slow.",
        "Timeliness of assessments",
        "Staff said waiting lists were shrinking.",
        "Back to top",
        "Assessing needs",
        "Supporting people to live healthier lives",
    ])  # fmt: skip
    record = parse_report(page)
    assert record.quality_statement == "Assessing needs"
    assert (record.score, record.score_wording) == (2, "Evidence shows some shortfalls")
    assert record.key_findings == [
        "People told us it was slow.",
        "Staff said waiting lists were shrinking.",
    ]
    assert record.key_finding_headings == [
        (0, "Assessment, care planning and review arrangements"),
        (1, "Timeliness of assessments"),
    ]
    assert "what_people_expect" in record.missing and "commitment" in record.missing


def test_cli_reads_standard_input(seed_text: str, monkeypatch, capsys) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(seed_text))
    assert main(["-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"] == 3


def test_cli_json(seed_path: Path, seed_paragraphs, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(seed_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["council"] == "Staffordshire County Council"
    assert data["quality_statement"] == "Learning, improvement and innovation"
    assert data["score"] == 3 and isinstance(data["score"], int)
    assert data["score_wording"] == "Evidence shows a good standard"
    assert data["commitment"] == REFERENCE_COMMITMENT_9
    assert data["key_findings"] == seed_paragraphs
    assert data["missing"] == [] and data["complete"] is True
    assert {s["paragraph"] for s in data["sentences"]} == set(range(10))


def test_cli_human(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "Council: Staffordshire County Council" in out
    assert "Score: 3 - Evidence shows a good standard" in out


def test_cli_rejects_what_it_cannot_use(tmp_path: Path, capsys) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("Team meeting notes.\nNothing about CQC here.\n", encoding="utf-8")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    for argv in (
        [str(other), "--json"],
        [str(tmp_path / "missing.txt")],
        [str(binary)],
        [],
        [str(other), "--strict"],
    ):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("error:")


# --- Encoding of saved files: one bad byte must not garble the whole page ------------------------
def _cut_mid_character(seed_text: str) -> tuple[bytes, int]:
    """The seed's bytes cut inside its last curly quote (a 3-byte UTF-8 character)."""
    data = seed_text.encode("utf-8")
    at = data.rindex("\u2019".encode())
    return data[: at + 2], at


def test_file_cut_mid_character_stays_utf8_and_says_so(
    tmp_path: Path, seed_text: str, seed_paragraphs: list[str], capsys
) -> None:
    data, at = _cut_mid_character(seed_text)
    page = tmp_path / "cut.txt"
    page.write_bytes(data)
    record = parse_report_file(page)
    # Every complete paragraph before the cut is exact: its curly quotes are not "â€™".
    complete = [
        p for p in seed_paragraphs if seed_text.encode().index(p.encode()) + len(p.encode()) < at
    ]
    assert complete and record.key_findings[: len(complete)] == complete
    assert not any("\u00e2\u20ac" in p for p in record.key_findings)
    assert record.key_findings[-1].endswith("\ufffd")
    assert record.warnings[0].startswith(f"2 bytes were not valid UTF-8 (the first at byte {at})")
    assert main([str(page), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["key_findings"][: len(complete)] == complete
    assert "warning: 2 bytes were not valid UTF-8" in err


def test_one_stray_byte_in_a_utf8_page(seed_text: str, seed_paragraphs: list[str]) -> None:
    data = seed_text.encode("utf-8")
    middle = data.index(seed_paragraphs[4].encode())
    text, warnings = decode_page(data[:middle] + b"\x93" + data[middle:])
    assert (
        text
        == seed_text[: seed_text.index(seed_paragraphs[4])]
        + "\ufffd"
        + seed_text[seed_text.index(seed_paragraphs[4]) :]
    )
    assert warnings == [
        f"1 byte was not valid UTF-8 (the first at byte {middle}) and replaced with \ufffd; the "
        "rest of the page was read as UTF-8. Check the text around them."
    ]


def test_windows_1252_page_is_read_as_such_and_said(seed_text: str) -> None:
    text, warnings = decode_page(seed_text.encode("cp1252"))
    assert text == seed_text
    assert warnings == [
        "The page is not UTF-8; it was read as Windows-1252. Check its quotes and accents."
    ]


def test_declared_charset_and_bom_decide(seed_text: str) -> None:
    html_page = '<html><head><meta charset="windows-1252"></head><body>it\u2019s</body></html>'
    assert decode_page(html_page.encode("cp1252")) == (html_page, [])
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">caf\u00e9'
    assert decode_page(meta.encode("latin-1")) == (meta, [])
    text, warnings = decode_page(b"\xef\xbb\xbf" + seed_text.encode("utf-8"))
    assert (text, warnings) == (seed_text, [])
    # A BOM says UTF-8 even when almost nothing else on the page is.
    text, warnings = decode_page(b"\xef\xbb\xbfcaf\xe9")
    assert text == "caf\ufffd" and "1 byte was not valid UTF-8" in warnings[0]
