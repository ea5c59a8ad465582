"""Parse a published CQC local authority assessment page into a record; `cqc import-report`.

Reads plain text or saved HTML of a quality statement page (or the overall summary page) of
any council. Nothing is invented: what is not on the page is None and listed in `missing`.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from .framework import find_statement, find_theme, score_level
from .page_text import Block, to_blocks
from .patterns import (
    COMMITMENT,
    COUNCIL,
    KEY_FINDINGS,
    OVERALL,
    RATING_AND_SCORE,
    RATING_WORDS,
    SAME_LINE_SCORE,
    SCORE,
    SENTENCE_END,
    WORDING,
    WPE,
    index_of,
    is_marker,
    is_name,
    is_stop,
    norm,
)
from .rating import RatingInputError, rating_for_percentage, try_overall_rating
from .report_record import (
    QUALITY_STATEMENT_PAGE,
    SUMMARY_PAGE,
    ReportRecord,
    check_against_framework,
    fill_found_missing,
)

_DATE_LINE = re.compile(
    r"^(?:published|assessed|assessment date|date of assessment|updated|page last updated)\b|"
    r"\b(?:19|20)\d{2}$",
    re.I,
)


def _read_score(record: ReportRecord, blocks: list[Block], start: int, end: int) -> None:
    score_line = wording = None
    for block in blocks[start:end]:
        if score_line is None and (m := SCORE.match(block.text)):
            score_line = int(m.group("n"))
            if m.group("rest") and wording is None:
                wording = WORDING.match(m.group("rest")) or WORDING.match(
                    f"{m.group('n')} {m.group('rest')}"
                )
        elif wording is None and (w := WORDING.match(block.text)):
            wording = w
    if wording:
        record.score_wording = wording.group("wording")
        record.score_rating = (
            wording.group("rating") and RATING_WORDS[norm(wording.group("rating"))]
        )
        level = score_level(int(wording.group("n")))
        if level is None or norm(level.wording) != norm(record.score_wording):
            record.warnings.append(
                f"Score wording {record.score_wording!r} is not CQC's wording "
                f"for a score of {wording.group('n')}."
            )
    numbers = {n for n in (score_line, wording and int(wording.group("n"))) if n is not None}
    if len(numbers) > 1:
        record.warnings.append(
            f"The score line and the wording line disagree ({sorted(numbers)}); no score recorded."
        )
    elif numbers and score_level(n := numbers.pop()) is None:
        record.warnings.append(f"Score {n} is outside 1-4; no score recorded.")
    elif score_line is not None:
        record.score = score_line
    elif wording is not None:
        record.score = int(wording.group("n"))
        record.warnings.append("No 'Score: N' line; score read from the wording line.")


def _read_statement(record: ReportRecord, blocks: list[Block], start: int, end: int) -> None:
    for block in reversed(blocks[start:end]):
        if len(block.text) < 150 and (qs := find_statement(block.text)) is not None:
            record.quality_statement, record.statement_number = qs.name, qs.number
            record.theme, record.statement_name_on_page = qs.theme.name, block.text
            return
    for block in blocks[start:end]:
        text = block.text
        if not (is_marker(text) or find_theme(text) or is_stop(text) or _DATE_LINE.search(text)):
            record.statement_name_on_page = text
            record.warnings.append(f"Unknown quality statement name {text!r}.")
            return


def _read_key_findings(record: ReportRecord, blocks: list[Block], start: int, html: bool) -> None:
    body = blocks[start:]
    for i, block in enumerate(body):
        text, rest = block.text, body[i + 1 :]
        if is_stop(text) or is_marker(text) and not is_name(text):
            break
        if is_name(text) and (not rest or is_name(rest[0].text) or is_marker(rest[0].text)):
            break  # a navigation list of statements or themes
        heading = (
            block.heading
            if html
            else (
                bool(rest)
                and len(text.split()) <= 12
                and not text.endswith(SENTENCE_END)
                and text[:1].isupper()
            )
        )
        if heading:
            record.key_finding_headings.append((len(record.key_findings), text))
        else:
            record.key_findings.append(text)
    if record.key_findings and not record.key_findings[-1].endswith(SENTENCE_END):
        record.truncated = True
        record.warnings.append("The last key finding ends mid-sentence; the page looks truncated.")


def _read_summary(record: ReportRecord, blocks: list[Block], start: int) -> None:
    for i in range(start, len(blocks)):
        text = blocks[i].text
        if m := OVERALL.match(text):
            record.overall_percentage = int(m.group("pct"))
            record.council = record.council or m.group("council").strip()
        elif record.overall_rating is None and norm(text) in RATING_WORDS:
            record.overall_rating = RATING_WORDS[norm(text)]
        qs, n = (find_statement(text) if len(text) < 90 else None), None
        if qs is None and (same := SAME_LINE_SCORE.match(text)):
            qs, n = find_statement(same.group("name")), int(same.group("n"))
        for nxt in blocks[i + 1 : i + 3] if qs is not None and n is None else ():
            if m := (
                SCORE.match(nxt.text)
                or WORDING.match(nxt.text)
                or re.match(r"^(?P<n>[1-4])$", nxt.text)
            ):
                n = int(m.group("n"))
                break
            if is_name(nxt.text):
                break
        if qs is not None and n is not None and 1 <= n <= 4:
            record.statement_scores.setdefault(qs.name, n)
    outcome = try_overall_rating(record.statement_scores)
    if outcome.rating and record.overall_percentage not in (None, outcome.rating.percentage):
        record.warnings.append(
            f"The nine scores give {outcome.rating}, but the page prints "
            f"{record.overall_percentage}%."
        )
    if record.overall_rating and record.overall_percentage is not None:
        try:
            if rating_for_percentage(record.overall_percentage) != record.overall_rating:
                record.warnings.append("The printed rating does not match the printed percentage.")
        except RatingInputError as error:
            record.warnings.append(str(error))


def parse_report(text: str) -> ReportRecord:
    """Parse the text or HTML of a CQC local authority assessment page (never raises on it)."""
    blocks, html = to_blocks(text.lstrip("\ufeff"), is_marker)
    record = ReportRecord(source_format="html" if html else "text")
    council_i = index_of(blocks, 0, COUNCIL.match)
    start = 0 if council_i is None else council_i + 1
    council = COUNCIL.match(blocks[council_i].text) if council_i is not None else None
    if council is not None:
        record.council = council.group("council").strip()
    sections = {
        name: index_of(blocks, start, partial(_is_heading, name))
        for name in (
            WPE,
            COMMITMENT,
            "local authority commitment",
            KEY_FINDINGS,
            "key findings",
            RATING_AND_SCORE,
        )
    }
    is_summary = (
        index_of(blocks, start, OVERALL.match) is not None or sections[RATING_AND_SCORE] is not None
    )
    has_section = any(i is not None for i in sections.values())
    if record.council is None and not has_section and not is_summary:
        record.missing = ["council", "quality_statement", "score", "key_findings"]
        record.warnings.append(
            "This is not a CQC local authority assessment page: none of its "
            "headings ('<Council>: local authority assessment', 'Key findings "
            "for this quality statement') were found."
        )
        return record
    if is_summary and sections[KEY_FINDINGS] is None:
        record.page_type = SUMMARY_PAGE
        _read_summary(record, blocks, start)
        fill_found_missing(record)
        return record
    record.page_type = QUALITY_STATEMENT_PAGE
    wpe = sections[WPE]
    commit = (
        sections[COMMITMENT]
        if sections[COMMITMENT] is not None
        else sections["local authority commitment"]
    )
    findings = (
        sections[KEY_FINDINGS] if sections[KEY_FINDINGS] is not None else sections["key findings"]
    )
    marks = sorted(i for i in (wpe, commit, findings) if i is not None)
    first_section = marks[0] if marks else len(blocks)
    score_i = index_of(blocks, start, lambda t: bool(SCORE.match(t) or WORDING.match(t)))
    if score_i is not None and score_i < first_section:
        _read_statement(record, blocks, start, score_i)
    else:
        _read_statement(record, blocks, start, first_section)
    _read_score(record, blocks, start, first_section if marks else len(blocks))

    def section(begin: int | None) -> list[str]:
        if begin is None:
            return []
        end = next((i for i in marks if i > begin), len(blocks))
        return [b.text for b in blocks[begin + 1 : end] if not is_marker(b.text)]

    record.what_people_expect = section(wpe) if wpe is not None and wpe != findings else []
    record.commitment = " ".join(section(commit)) or None
    if findings is not None:
        _read_key_findings(record, blocks, findings + 1, html)
    if not record.key_findings:
        record.truncated = True
        where = "any key findings" if findings is not None else "the key findings heading"
        record.warnings.append(f"The page ends before {where}; it looks truncated.")
    check_against_framework(record)
    fill_found_missing(record)
    return record


class ReportReadError(OSError):
    """The file could not be read as text."""


_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a saved HTML page declares in its first 4 KB, if any."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _is_heading(name: str, text: str) -> bool:
    """Whether a block is the (short) heading that starts with `name`."""
    return len(text) < 80 and norm(text).startswith(name)


def decode_page(data: bytes) -> tuple[str, list[str]]:
    """Text of a saved page and warnings about its encoding.

    A UTF-8 BOM or a declared charset decides. Otherwise the page is UTF-8 if it decodes; if
    some bytes are not valid UTF-8 but the rest of the page is (valid multi-byte characters
    outnumber the bad bytes: e.g. a page cut mid-character), it stays UTF-8 with the bad bytes
    replaced and reported, so the curly quotes around them are not garbled. Only a page with
    no valid UTF-8 characters beyond ASCII is read as Windows-1252, and that is said too.
    """
    encoding: str | None
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"
        data = data[len(codecs.BOM_UTF8) :]
    else:
        encoding = _declared_charset(data)
    if encoding and encoding != "utf-8":
        text = data.decode(encoding, errors="replace")
        warnings = []
        if "\ufffd" in text:
            warnings.append(
                f"Some bytes could not be read as {encoding} (the page's declared character "
                "set) and were replaced with \ufffd."
            )
        return text, warnings
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        first_bad = error.start
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in escaped if ord(ch) > 127 and not "\udc80" <= ch <= "\udcff")
    if encoding == "utf-8" or multibyte >= bad:
        noun = "byte was" if bad == 1 else "bytes were"
        return data.decode("utf-8", errors="replace"), [
            f"{bad} {noun} not valid UTF-8 (the first at byte {first_bad}) and replaced with "
            "\ufffd; the rest of the page was read as UTF-8. Check the text around them."
        ]
    return data.decode("cp1252", errors="replace"), [
        "The page is not UTF-8; it was read as Windows-1252. Check its quotes and accents."
    ]


def read_page_file(path: str | Path) -> tuple[str, list[str]]:
    """(text, encoding warnings) of a saved page; raises ReportReadError when unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ReportReadError(f"Cannot read {path}: {error.strerror or error}.") from error
    if b"\x00" in data[:4096]:
        raise ReportReadError(f"{path} is a binary file, not a saved web page or text.")
    return decode_page(data)


def read_report_text(path: str | Path) -> str:
    """The text of a saved page (see `decode_page`)."""
    return read_page_file(path)[0]


def parse_report_file(path: str | Path) -> ReportRecord:
    """Parse a saved page; raises ReportReadError only when the file cannot be read.

    Warnings about the file's encoding come first among the record's warnings."""
    text, warnings = read_page_file(path)
    record = parse_report(text)
    record.warnings[:0] = warnings
    return record


USAGE = "usage: careloop cqc import-report FILE [--json]   (FILE may be - for standard input)"


def _human(record: ReportRecord) -> str:
    lines = [f"Council: {record.council or '(not found)'}"]
    if record.page_type == SUMMARY_PAGE:
        lines += [
            f"Overall: {record.overall_percentage}% {record.overall_rating or ''}".rstrip(),
            *(f"  {name}: {score}" for name, score in record.statement_scores.items()),
        ]
    else:
        score = (
            "(no score line)"
            if record.score is None
            else f"{record.score} - {record.score_wording or '(no wording line)'}"
        )
        sentences = record.sentences()
        lines += [
            f"Quality statement: {record.quality_statement or '(not recognised)'}",
            f"Score: {score}",
            f"Commitment: {record.commitment or '(not found)'}",
            f"Key findings: {len(record.key_findings)} paragraphs, {len(sentences)} sentences",
        ]
    if record.missing:
        lines.append(f"Missing: {', '.join(record.missing)}")
    return "\n".join(lines + [f"Warning: {w}" for w in record.warnings])


def main(argv: Sequence[str] | None = None) -> int:
    """`careloop cqc import-report FILE [--json]`: 0 when parsed, 2 when not a CQC page."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(USAGE)
        return 0
    as_json = "--json" in args
    files = [a for a in args if a != "--json"]
    unknown = [a for a in files if a.startswith("--")]
    if unknown or len(files) != 1:
        problem = f"unknown option {unknown[0]}" if unknown else "give exactly one FILE"
        print(f"error: {problem}.\n{USAGE}", file=sys.stderr)
        return 2
    try:
        record = parse_report(sys.stdin.read()) if files[0] == "-" else parse_report_file(files[0])
    except ReportReadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not record.is_cqc_report:
        print(
            f"error: {files[0]} is not a CQC local authority assessment page. "
            + " ".join(record.warnings),
            file=sys.stderr,
        )
        return 2
    if as_json:
        print(json.dumps(record.as_dict(), ensure_ascii=False, indent=2))
        for warning in record.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    else:
        print(_human(record))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
