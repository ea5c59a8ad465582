"""Turn a saved CQC page (HTML or plain text) into blocks: one per heading or paragraph."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

# fmt: off
_SKIP = frozenset((
    "script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside",
    "iframe", "object", "button", "form", "select",
))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = _HEADINGS | frozenset((
    "p", "div", "li", "ul", "ol", "section", "article", "main", "header", "br", "tr", "td",
    "th", "table", "blockquote", "dd", "dt", "dl", "figcaption", "figure", "hr", "summary",
    "details", "pre", "address", "caption", "body", "html", "title",
))
_VOID = frozenset((
    "br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed",
    "param", "track", "base",
))
# fmt: on
_LOOKS_HTML = re.compile(
    r"<\s*(?:!doctype|html|body|head|p|div|h[1-6]|main|article|section|span|li|br)\b", re.I
)


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of page text; `heading` is known for HTML, guessed for text."""

    text: str
    heading: bool = False


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:20000]))


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._skip_depth = 0
        self._heading_depth = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        self._parts = []
        if text:
            self.blocks.append(Block(text, heading=self._heading_depth > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP or (self._skip_depth and tag not in _VOID):
            if tag not in _VOID:
                self._skip_depth += 1
            return
        if (
            any(
                name == "hidden" or (name == "aria-hidden" and value == "true")
                for name, value in attrs
            )
            and tag not in _VOID
        ):
            self._skip_depth += 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag not in _VOID:
                self._skip_depth -= 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS and self._heading_depth:
            self._heading_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_blocks(html: str) -> list[Block]:
    """Visible text of an HTML page as blocks; scripts, styles, navigation and footers dropped."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    return "\n".join(block.text for block in html_to_blocks(html))


def text_to_blocks(text: str, is_marker: Callable[[str], bool] | None = None) -> list[Block]:
    """Plain text as blocks: one per line, or per blank-line-separated block when hard-wrapped.

    A file is treated as hard-wrapped when it has blank lines and some run of lines between
    them (and between `is_marker` lines, which always stand alone) spans several lines none
    longer than 100 characters.
    """
    lines = [line.replace("\u00a0", " ").strip() for line in text.splitlines()]
    runs: list[list[str]] = [[]]
    for line in lines:
        if not line or (is_marker is not None and is_marker(line)):
            runs.append([line] if line else [])
            runs.append([])
        else:
            runs[-1].append(line)
    runs = [run for run in runs if run]
    wrapped = "" in lines and any(
        len(run) > 1 and max(len(line) for line in run) <= 100 for run in runs
    )
    if not wrapped:
        return [Block(line) for line in lines if line]
    return [Block(_join_wrapped(run)) for run in runs]


def _join_wrapped(lines: list[str]) -> str:
    """Rejoin hard-wrapped lines; "evidence-" + "based" becomes "evidence-based"."""
    text = lines[0]
    for line in lines[1:]:
        glued = re.search(r"[A-Za-z]-$", text) and line[:1].islower()
        text += line if glued else f" {line}"
    return text


def to_blocks(
    text: str, is_marker: Callable[[str], bool] | None = None
) -> tuple[list[Block], bool]:
    """Blocks of a page and whether it was read as HTML."""
    if looks_like_html(text):
        return html_to_blocks(text), True
    return text_to_blocks(text, is_marker), False
