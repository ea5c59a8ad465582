"""Office files (Word, Excel, PowerPoint, OpenDocument) are zip archives: checked before
anything opens them, and read with a bounded reader.

A zip bomb (a 187 KB .docx holding 50 MB of XML) is refused by `check_zip` from the archive's
directory alone, before a byte is decompressed: more than `MAX_UNZIPPED_BYTES` in all, or a
member that expands more than `MAX_RATIO` times. `docx_text` reads at most `TEXT_BYTES` of the
document's XML as a stream and takes the words out with a regular expression, so memory and
time stay bounded whatever the file says about itself (python-docx would parse it whole).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

ZIPPED = {".docx", ".xlsx", ".pptx", ".odt", ".ods"}
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
TEXT_BYTES = 2 * 1024 * 1024
_WORDS = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>")


class OfficeFileProblem(ValueError):
    """Why an Office file is refused, in words for the person who uploaded it."""


def check_zip(file) -> None:
    """Refuse an Office file that is not a zip, or would expand too far when opened."""
    if Path(file.name).suffix.lower() not in ZIPPED:
        return
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise OfficeFileProblem("The file is damaged or not really an Office file") from None
    finally:
        file.seek(0)
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise OfficeFileProblem(
            f"The file expands to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB when "
            "opened: save it again from Word or Excel, or split it"
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise OfficeFileProblem(
                "The file expands to far more than its size when opened (it may be a zip "
                "bomb): save it again from Word or Excel"
            )


def docx_text(file, limit: int = 20_000) -> str:
    """The first words of a Word document, read from at most `TEXT_BYTES` of its XML."""
    file.seek(0)
    with zipfile.ZipFile(file) as archive, archive.open("word/document.xml") as xml:
        data = xml.read(TEXT_BYTES)
    words: list[str] = []
    size = 0
    for match in _WORDS.finditer(data):
        if match.group(0).startswith(b"</w:p"):
            text = " "  # a paragraph ends
        else:
            text = html.unescape(match.group(1).decode("utf-8", "replace"))
        words.append(text)
        size += len(text)
        if size >= limit:
            break
    return re.sub(r"\s+", " ", "".join(words)).strip()[:limit]
