"""A Word zip bomb (a small .docx whose XML expands to 50 MB) is refused before anything
opens it, and Word files are read with a bounded reader (core.office)."""

import datetime as dt
import io
import tracemalloc
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.assurance import services
from careloop.assurance.models import EvidenceItem
from careloop.core import office
from careloop.core.services import ServiceError

PARAGRAPH = b"<w:p><w:r><w:t>Self-neglect and safeguarding adults reviews</w:t></w:r></w:p>"


def word_file(paragraphs: int, name="report.docx") -> SimpleUploadedFile:
    """A Word document with `paragraphs` paragraphs, built in the test (never committed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as xml:
            xml.write(b'<w:document xmlns:w="urn:w"><w:body>')
            chunk = PARAGRAPH * 1000
            for _ in range(paragraphs // 1000):
                xml.write(chunk)
            xml.write(b"</w:body></w:document>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_word_zip_bomb_is_refused_on_the_form_and_nothing_is_stored(client, framework, users):
    bomb = word_file(64_000)  # 5 MB of XML in a few KB
    assert bomb.size < 1024 * 1024
    client.force_login(users["manager"])
    response = client.post(
        reverse("assurance:evidence_new", args=["document"]),
        {
            "title": "Annual report",
            "date_0": "31",
            "date_1": "3",
            "date_2": "2026",
            "source": "Northshire Safeguarding Adults Board",
            "file": bomb,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "zip bomb" in body and 'value="Annual report"' in body
    assert not EvidenceItem.objects.exists()


def test_the_service_refuses_a_zip_bomb_too(framework, users):
    result = None
    try:
        result = services.evidence_add(
            user=users["quality_lead"],
            kind="document",
            title="Annual report",
            date=dt.date(2026, 3, 31),
            source="Board",
            file=word_file(64_000),
        )
    except ServiceError as error:
        assert "zip bomb" in str(error)
    assert result is None and not EvidenceItem.objects.exists()


def test_word_text_is_read_with_bounded_memory_and_still_suggests_tags(framework, users):
    large = word_file(60_000)  # about 5 MB of XML: only the first 2 MB are read
    tracemalloc.start()
    text = office.docx_text(large)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert text.startswith("Self-neglect and safeguarding adults reviews Self-neglect")
    assert len(text) <= 20_000
    assert peak < 4 * office.TEXT_BYTES  # far below the 5 MB the XML holds
    item = services.evidence_add(
        user=users["quality_lead"],
        kind="document",
        title="Safeguarding report",
        date=dt.date(2026, 3, 31),
        source="Board",
        file=word_file(2_000),
    )
    assert 7 in item.suggested_statements  # Safeguarding, from the document's words
