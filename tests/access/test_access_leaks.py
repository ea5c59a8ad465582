"""The leak test: every role and designation over every record kind and every way out.

Each restricted record carries a unique marker (tests/access/world.py). For every person,
every way out is read and the marker must appear exactly where the access rule
(careloop/core/access.py) says the person may read the record, and nowhere else: pages (list,
search, show), exports (CSV and XLSX, decoded), documents (PDF and Word, their text decoded:
the annual complaints report, the QA meeting's pack and minutes, CQC-format reports, letters),
the API as JSON and as the browsable API with its forms (`?format=api`, over every router
registration, so a new viewset is covered without a line here), choice lists, the audit
trail, the evidence library and self-assessment drafts, job pages, emails sent by every
scheduled task (by recipient), and headline figures and "my work" (a restricted record is
not counted for a person who may not read it where the figure links to a list). Asserting the
"yes" side too means a way out that hides everything cannot pass.

The world is built once for the module; each test's writes are rolled back.
"""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pypdf
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

from careloop.core import access, areas, scheduler
from careloop.core.api_urls import router
from careloop.feedback.models import Feedback
from careloop.learning import services as learning_services
from careloop.learning.models import Action
from careloop.learning.selectors import report as annual_report
from tests.access.world import (
    ACTION,
    COMPLAINT,
    DELETED,
    MARKERS,
    PEOPLE,
    PRIVATE,
    READERS,
    SAFEGUARD,
    build,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("leak-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, media):
    """The world's files (letters) stay where the module's world put them."""
    settings.MEDIA_ROOT = media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        built = build()
        mail.outbox = []
        yield built
        call_command("flush", interactive=False, verbosity=0)


def _decode(content: bytes) -> str:
    """The text a file lets out: a PDF's or a Word file's words, an XLSX file's cells."""
    if content[:5] == b"%PDF-":
        return " ".join(
            page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages
        )
    if content[:2] == b"PK":
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        if "word/document.xml" in names:
            document = docx.Document(io.BytesIO(content))
            cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
            return " ".join([p.text for p in document.paragraphs] + cells)
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", "replace")


def _text(response) -> str:
    """What a response lets out, decoded: HTML, JSON, CSV, or a document's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return _decode(content)


def _api_lists() -> list[str]:
    """Every viewset the API router holds, as JSON and as the browsable API with its forms."""
    urls = []
    for prefix, _viewset, _basename in router.registry:
        urls += [f"/api/v1/{prefix}/", f"/api/v1/{prefix}/?format=api"]
    return urls


def _ways_out(records, session) -> dict[str, list[str]]:
    """Every way out, by the marker it could leak."""
    complaint, safeguarding, action = (
        records["complaint"],
        records["safeguarding"],
        records["action"],
    )
    meeting, assessment = records["meeting"], records["assessment"]
    year = annual_report.available_years()[
        1
    ]  # the last complete year: the complaints were received in it
    feedback_lists = [
        reverse("feedback:index"),
        reverse("feedback:index") + "?q=MARKER",
        reverse("feedback:export") + "?format=csv",
        reverse("feedback:export") + "?format=xlsx",
        "/api/v1/feedback/?search=MARKER",
        reverse("feedback:new"),  # the "Complaint" choice list
        reverse("themes:comments"),  # what people said, by theme
        reverse("themes:comments_export"),
        reverse("learning:report_year", args=[year]),
        reverse("learning:report_pdf", args=[year]),
    ]
    everywhere = [
        *_api_lists(),
        reverse("core:home"),  # "my work" and the headline figures
        reverse("core:audit_index"),
        reverse("core:audit_index") + "?q=MARKER",
        reverse("assurance:evidence_index"),
        reverse("assurance:evidence_index") + "?q=MARKER",
        reverse("assurance:evidence_export") + "?format=csv",
        reverse("assurance:assessment_show", args=[assessment.pk]),
        reverse("assurance:report", args=[assessment.pk]),
        reverse("themes:run", args=[records["run"].pk]),  # a job's page
        *[
            reverse("assurance:report_download", args=[assessment.pk, fmt])
            for fmt in ("pdf", "docx", "txt")
        ],
    ]
    return {
        COMPLAINT: [
            *feedback_lists,
            *everywhere,
            reverse("feedback:show", args=[complaint.pk]),
            f"/api/v1/feedback/{complaint.pk}/",
            f"/api/v1/feedback/{complaint.pk}/?format=api",
            reverse("themes:feedback", args=[complaint.pk]),
            reverse("core:attachment_download", args=[records["letter"].pk]),
            reverse("core:import_show", args=[records["import"].pk]),  # a job's page
            reverse("core:import_errors", args=[records["import"].pk]),  # its row report
        ],
        SAFEGUARD: [
            *feedback_lists,
            *everywhere,
            reverse("feedback:show", args=[safeguarding.pk]),
            f"/api/v1/feedback/{safeguarding.pk}/",
        ],
        DELETED: [
            *feedback_lists,
            *everywhere,
            reverse("feedback:edit", args=[safeguarding.pk]),
        ],
        ACTION: [
            *everywhere,
            reverse("learning:index"),
            reverse("learning:action_index"),
            reverse("learning:action_index") + "?status=overdue",
            reverse("learning:action_show", args=[action.pk]),
            f"/api/v1/actions/{action.pk}/",
            reverse("learning:meeting_index"),
            reverse("learning:meeting_show", args=[meeting.pk]),
            reverse("learning:meeting_pack", args=[meeting.pk]),
            reverse("learning:meeting_minutes", args=[meeting.pk]),
        ],
        PRIVATE: [
            *everywhere,
            reverse("workforce:supervision_show", args=[session.pk]),
            reverse("workforce:supervision_index"),
            reverse("workforce:supervision_export") + "?format=csv",
            reverse("workforce:supervision_export") + "?format=xlsx",
            f"/api/v1/supervisions/{session.pk}/",
        ],
    }


# The way out where a reader must see the record (so that the test can fail).
WHERE_READERS_SEE = {
    COMPLAINT: lambda records, session: reverse("feedback:show", args=[records["complaint"].pk]),
    SAFEGUARD: lambda records, session: f"/api/v1/feedback/{records['safeguarding'].pk}/",
    ACTION: lambda records, session: reverse("learning:action_show", args=[records["action"].pk]),
    PRIVATE: lambda records, session: reverse("workforce:supervision_show", args=[session.pk]),
}


def _read_all(client, urls) -> dict[str, str]:
    """Each way out read once (several markers share one), its decoded text by URL."""
    seen = {}
    for url in dict.fromkeys(urls):
        response = client.get(url)
        assert response.status_code < 500, url
        seen[url] = _text(response) if response.status_code == 200 else ""
    return seen


@pytest.mark.parametrize("who", PEOPLE)
def test_no_way_out_lets_a_marker_reach_someone_the_rule_excludes(world, client, who):
    people, records, session = world
    client.force_login(people[who])
    ways = _ways_out(records, session)
    seen = _read_all(client, [url for urls in ways.values() for url in urls])
    leaks = [
        f"{marker} via {url}"
        for marker, urls in ways.items()
        if who not in READERS[marker]
        for url in urls
        if marker in seen[url]
    ]
    assert leaks == [], f"{who} reads what the rule forbids"


@pytest.mark.parametrize("who", PEOPLE)
def test_each_reader_does_see_the_record(world, client, who):
    people, records, session = world
    client.force_login(people[who])
    for marker, where in WHERE_READERS_SEE.items():
        url = where(records, session)
        response = client.get(url)
        assert (marker in _text(response)) is (who in READERS[marker]), f"{who} at {url}"


def test_documents_are_decoded_so_that_the_test_can_fail(world, client):
    """The PDF and Word readers find a reader's marker: a decoder that read nothing would
    let every document pass."""
    people, records, _session = world
    client.force_login(people["quality_lead"])
    letter = client.get(reverse("core:attachment_download", args=[records["letter"].pk]))
    assert COMPLAINT in _text(letter)
    pack = client.get(reverse("learning:meeting_pack", args=[records["meeting"].pk]))
    assert ACTION in _text(pack)
    word = client.get(reverse("assurance:report_download", args=[records["assessment"].pk, "docx"]))
    assert "Learning, improvement and innovation" in _text(word)


def test_every_scheduled_email_reaches_only_the_records_readers(
    world, django_capture_on_commit_callbacks
):
    """Run every scheduled task (reminders, escalations, alerts, digests); each email may
    carry a marker only to a reader of its record."""
    people, _records, _session = world
    by_address = {person.email: who for who, person in people.items()}
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        for job in scheduler.all_jobs():
            import_string(job.task).call()
        # And the emails a step sends: the action done, its sign-off is asked of others.
        action, lead = _records["action"], people["quality_lead"]
        learning_services.action_add_evidence(
            action=action, user=lead, figures=[{"label": "Staff trained", "value": 9, "out_of": 9}]
        )
        learning_services.action_complete(action=action, user=lead, note="Training delivered")
    assert mail.outbox, "the overdue action sends reminders at least"
    leaks, carried = [], set()
    for message in mail.outbox:
        for address in message.to:
            who = by_address.get(address, address)
            for marker in MARKERS:
                if marker in f"{message.subject}\n{message.body}":
                    carried.add(marker)
                    if who not in READERS[marker]:
                        leaks.append(f"{marker} to {who}: {message.subject}")
    assert leaks == []
    assert ACTION in carried  # the owner is told of the overdue action, in its words


# Pages of aggregate figures, which count every record by design (restricted ones included,
# never listed): a headline figure linking to one of them is an aggregate too.
AGGREGATE_PAGES = {"feedback:figures"}


def _counted(person) -> dict[str, object]:
    """The figures a person is shown that link to a list, and how much "my work" holds."""
    aggregates = {reverse(name) for name in AGGREGATE_PAGES}
    figures = {
        f"{area.label}: {figure.label}": figure.value
        for area, shown in areas.headlines(person)
        for figure in shown
        if figure.url and figure.url.split("?")[0] not in aggregates
    }
    figures["my work"] = len(areas.my_work(person))
    return figures


@pytest.mark.parametrize("who", PEOPLE)
def test_figures_that_link_to_a_list_do_not_count_what_the_person_may_not_read(world, who):
    """Remove the restricted records: every figure a non-reader sees stays the same."""
    people, records, session = world
    person = people[who]
    before = _counted(person)
    if who not in READERS[COMPLAINT]:
        Feedback.all_objects.filter(
            pk__in=[records["complaint"].pk, records["safeguarding"].pk]
        ).delete()
    if who not in READERS[ACTION]:
        Action.objects.filter(pk=records["action"].pk).delete()
    assert _counted(person) == before


@pytest.mark.parametrize("who", PEOPLE)
def test_the_rule_and_the_promise_agree(world, who):
    """`may_read` answers as the table above, for the record and for the private part."""
    people, records, session = world
    person = people[who]
    assert access.may_read(person, records["complaint"]) is (who in READERS[COMPLAINT])
    assert access.may_read(person, records["action"]) is (who in READERS[ACTION])
    assert access.may_read(person, session, "private") is (who in READERS[PRIVATE])
    visible = access.visible(person, Feedback.objects.all())
    assert (records["complaint"] in visible) is (who in READERS[COMPLAINT])
