"""Shared pieces every area uses: attachments, PDFs, email, periodic jobs, charts."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import timezone

from careloop.core import notify, scheduler
from careloop.core.attachments import (
    AttachmentForm,
    attachment_add_file,
    attachment_add_link,
    attachment_add_record,
    attachment_remove,
    attachments_for,
)
from careloop.core.documents import render_pdf
from careloop.core.models import Attachment, ScheduledRun
from careloop.core.services import ServiceError
from careloop.stats import xmr
from tests.testapp.models import Note


def upload(name="minutes.pdf", content=b"%PDF-1.4 minutes"):
    return SimpleUploadedFile(name, content)


def test_files_are_served_only_to_people_who_may_see_the_record(client, users):
    note = Note.objects.create(title="Open note")
    secret = Note.objects.create(title="Safeguarding", is_restricted=True)
    shared = attachment_add_file(
        record=note,
        file=upload(),
        title="Minutes",
        user=users["admin"],
        view_permission="core.view_org",
    )
    hidden = attachment_add_file(
        record=secret,
        file=upload("sar.pdf"),
        title="SAR",
        user=users["admin"],
        view_permission="core.view_org",
    )
    client.force_login(users["practitioner"])
    response = client.get(f"/attachments/{shared.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]
    assert client.get(f"/attachments/{hidden.pk}/").status_code == 404
    client.force_login(users["quality_lead"])
    assert client.get(f"/attachments/{hidden.pk}/").status_code == 200
    only_admins = attachment_add_file(
        record=note,
        file=upload("x.pdf"),
        title="Admin",
        user=users["admin"],
        view_permission="core.manage_org",
    )
    assert client.get(f"/attachments/{only_admins.pk}/").status_code == 404


def test_bad_files_are_refused_and_nothing_is_stored(users, settings):
    note = Note.objects.create(title="Note")
    settings.CARELOOP_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ServiceError, match="smaller than"):
        attachment_add_file(
            record=note,
            file=upload(),
            title="Big",
            user=users["admin"],
            view_permission="core.view_org",
        )
    settings.CARELOOP_MAX_UPLOAD_BYTES = 10_000
    with pytest.raises(ServiceError, match="must be a PDF"):
        attachment_add_file(
            record=note,
            file=upload("run.exe", b"MZ"),
            title="Exe",
            user=users["admin"],
            view_permission="core.view_org",
        )
    assert Attachment.objects.count() == 0
    form = AttachmentForm({"title": "Nothing"}, {})
    assert not form.is_valid() and "Upload a file or give a web link" in str(form.errors)


def test_links_and_record_links(users):
    note, other = Note.objects.create(title="A"), Note.objects.create(title="B")
    attachment_add_link(
        record=note,
        url="https://example.org/policy",
        title="Policy",
        user=users["admin"],
        view_permission="core.view_org",
    )
    linked = attachment_add_record(
        record=note,
        target=other,
        title="",
        user=users["admin"],
        view_permission="core.view_org",
        role="evidence",
    )
    assert linked.target == other and linked.title == "B"
    assert [a.title for a in attachments_for(note)] == ["B", "Policy"]
    assert [a.title for a in attachments_for(note, role="evidence")] == ["B"]
    attachment_remove(attachment=linked)
    assert attachments_for(note).count() == 1


def test_pdf_documents_render_from_templates():
    pdf = render_pdf("documents/base.html", {"title": "Meeting pack"})
    assert pdf.startswith(b"%PDF") and len(pdf) > 500


def test_email_goes_to_active_people_and_the_log_holds_no_address(users, caplog):
    caplog.set_level(logging.INFO)
    users["viewer"].is_active = False
    sent = notify.send(
        to=[users["manager"], users["viewer"], "partner@example.org"],
        subject="Action due",
        template="registration/password_reset_subject.txt",
    )
    assert sent == 2 and sorted(m.to[0] for m in mail.outbox) == [
        "manager@northshire.example",
        "partner@example.org",
    ]
    assert "northshire.example" not in caplog.text and "example.org" not in caplog.text


def test_periodic_jobs_fall_due_once_per_period(db, monkeypatch):
    ran = []

    class FakeTask:
        def enqueue(self):
            ran.append(1)

    monkeypatch.setattr(
        scheduler,
        "all_jobs",
        lambda: [
            scheduler.Periodic("test.daily", "tests.core.test_shared_pieces.TASK", at=dt.time(7))
        ],
    )
    monkeypatch.setattr("tests.core.test_shared_pieces.TASK", FakeTask(), raising=False)
    tz = timezone.get_current_timezone()
    early = dt.datetime(2026, 11, 25, 6, 0, tzinfo=tz)
    later = dt.datetime(2026, 11, 25, 9, 0, tzinfo=tz)
    next_day = dt.datetime(2026, 11, 26, 7, 30, tzinfo=tz)
    assert scheduler.run_due(early) == []
    assert scheduler.run_due(later) == ["test.daily"]
    assert scheduler.run_due(later + dt.timedelta(hours=3)) == []
    assert scheduler.run_due(next_day) == ["test.daily"]
    assert len(ran) == 2 and ScheduledRun.objects.get().last_run_at == next_day


def test_spc_chart_tag_renders_svg_and_its_table():
    result = xmr([5, 6, 5, 7, 6, 5, 6, 20], periods=[f"M{i}" for i in range(8)], direction="lower")
    html = Template('{% load charts %}{% spc_chart result title="Complaints" %}').render(
        Context({"result": result})
    )
    assert 'role="img"' in html and "<table" in html and "Show the figures as a table" in html
    assert html.count('<tr class="govuk-table__row"><th scope="row"') == 8


def test_a_null_character_in_an_address_is_refused_with_a_reason(client, users):
    """PostgreSQL refuses text with a null character: a search for one must not be a 500."""
    client.force_login(users["admin"])
    page = client.get("/administration/people/", {"q": "Pers\x00on"})
    assert page.status_code == 400
    assert "null character" in page.content.decode()
    api = client.get("/api/v1/me/", {"search": "\x00"})
    assert api.status_code == 400
    assert "null character" in api.json()["detail"]
    assert client.get("/administration/people/", {"q": "Person"}).status_code == 200
