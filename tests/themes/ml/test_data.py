"""Reading and validating labelled CSV files."""

import io

from careloop.themes.ml.data import parse_labels, parse_sentiment, read_labelled, read_texts


def _csv(text: str) -> io.StringIO:
    return io.StringIO(text)


def test_reads_none_and_na_as_real_comments():
    data, report = read_labelled(_csv("text,labels,sentiment\nNone,A,1.0\nN/A,A|B,\nok,B,5\n"))
    assert report.ok
    assert data.texts == ["None", "N/A", "ok"]
    assert data.labels == [["A"], ["A", "B"], ["B"]]
    assert data.sentiments == [1, None, 5]


def test_missing_columns_are_reported_not_raised():
    data, report = read_labelled(_csv("comment,theme\nhello,A\n"))
    assert not report.ok
    assert {p.column for p in report.errors} == {"text", "labels"}
    assert len(data) == 0


def test_row_level_problems_name_row_column_and_reason():
    source = _csv(
        "text,labels,sentiment\n"
        "fine,A,2\n"  # row 2 ok
        "no label,,3\n"  # row 3: empty labels
        "odd,Zed,1\n"  # row 4: unknown theme
        "bad mood,A,6\n"  # row 5: sentiment out of range
        "half,B,2.5\n"  # row 6: not a whole number
        "words,B,happy\n"  # row 7: not a number
        "more,A|B,4\n"
    )
    data, report = read_labelled(source, themes=["A", "B"])
    problems = {(p.row, p.column) for p in report.errors}
    assert problems == {
        (3, "labels"),
        (4, "labels"),
        (5, "sentiment"),
        (6, "sentiment"),
        (7, "sentiment"),
    }
    assert "unknown theme 'Zed'" in [p.reason for p in report.errors if p.row == 4][0]
    assert data.texts == ["fine", "more"]
    assert report.rows_read == 7 and report.rows_used == 2
    assert "row 5, column sentiment" in str(report)


def test_rare_themes_are_warnings_and_do_not_block():
    data, report = read_labelled(_csv("text,labels\na,A\nb,A\nc,B\n"))
    assert report.ok
    assert [p.severity for p in report.problems] == ["warning"]
    assert "'B' has 1 example" in report.problems[0].reason


def test_labels_are_trimmed_and_deduplicated_and_bom_is_ignored(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("\ufefftext,labels\nhi, A | B |A||\n", encoding="utf-8")
    data, report = read_labelled(path, min_examples=1)
    assert report.ok and data.labels == [["A", "B"]]


def test_unreadable_file_gives_a_report(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"text,labels\n\xff\xfe\xfa,A\n")
    _, report = read_labelled(path)
    assert not report.ok and report.errors[0].row is None
    _, missing = read_labelled(tmp_path / "absent.csv")
    assert "cannot read" in missing.errors[0].reason


def test_read_texts_needs_only_text_and_keeps_ids():
    data, report = read_texts(_csv("id,text,sentiment\nx1,hello,9\nx2,,\n"))
    assert report.ok and data.ids == ["x1", "x2"] and data.texts == ["hello", ""]
    assert {p.severity for p in report.problems} == {"warning"}


def test_parsers():
    assert parse_labels(" a|b | a |") == ["a", "b"]
    assert parse_sentiment(" 3.0 ") == 3 and parse_sentiment("") is None
