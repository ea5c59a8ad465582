"""The evidence library: gathering every area's facts, documents and links, confirming tags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.assurance import services, tasks
from careloop.assurance.models import EvidenceItem, RefreshRun
from careloop.core import scheduler
from careloop.core.models import Attachment, AuditEntry
from careloop.core.services import ServiceError
from tests.assurance.fake_evidence import fact


def test_refresh_adds_each_fact_once_and_updates_it_in_place(fake_area, framework):
    fake_area.FACTS[:] = [fact("feedback:complaints:2025-26"), fact("learning:actions")]
    run = services.evidence_refresh()
    assert (run.created, run.updated, run.unchanged, run.stale, run.error) == (2, 0, 0, 0, "")
    item = EvidenceItem.objects.get(key="feedback:complaints:2025-26")
    assert item.kind == "fact" and item.area == "feedback" and item.url == "/feedback/"
    assert item.figures == {"kind": "complaints", "received": 412, "upheld_pct": 38}
    assert item.suggested_statements[0] == 9 and item.suggested_category == "people_experience"
    assert not item.is_confirmed

    fake_area.FACTS[0] = fact("feedback:complaints:2025-26", summary="430 complaints received.")
    run = services.evidence_refresh()
    assert (run.created, run.updated, run.unchanged) == (0, 1, 1)
    assert EvidenceItem.objects.count() == 2
    item.refresh_from_db()
    assert item.summary == "430 complaints received."
    change = AuditEntry.objects.for_object(item).filter(action="update").get()
    assert change.changes["summary"][1] == "430 complaints received."


def test_a_refresh_keeps_a_persons_confirmed_tags(fake_area, framework, users):
    fake_area.FACTS[:] = [fact("k:1")]
    services.evidence_refresh()
    item = EvidenceItem.objects.get()
    services.evidence_confirm(
        item=item, user=users["quality_lead"], statements=[8], category="processes"
    )
    fake_area.FACTS[:] = [fact("k:1", statements=(5,), title="Complaints (revised)")]
    services.evidence_refresh()
    item.refresh_from_db()
    assert item.statement_numbers() == [8] and item.category == "processes"
    assert item.suggested_statements[0] == 5 and item.is_confirmed


def test_facts_no_longer_reported_are_marked_then_restored(fake_area, framework):
    fake_area.FACTS[:] = [fact("k:1"), fact("k:2")]
    services.evidence_refresh()
    fake_area.FACTS[:] = [fact("k:1")]
    run = services.evidence_refresh()
    assert run.stale == 1
    gone = EvidenceItem.objects.get(key="k:2")
    assert gone.stale_since is not None and not gone.is_reported
    assert EvidenceItem.objects.reported().count() == 1
    services.evidence_refresh()  # still gone: marked once only
    assert RefreshRun.objects.first().stale == 0
    fake_area.FACTS[:] = [fact("k:1"), fact("k:2")]
    services.evidence_refresh()
    gone.refresh_from_db()
    assert gone.stale_since is None


def test_documents_are_never_marked_stale_by_a_refresh(fake_area, framework, users):
    doc = services.evidence_add(
        user=users["quality_lead"],
        kind="document",
        title="Carers strategy",
        date=dt.date.today(),
        source="Northshire",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
    )
    services.evidence_refresh()
    doc.refresh_from_db()
    assert doc.is_reported


def test_a_failing_area_changes_nothing_and_the_run_says_why(fake_area, framework):
    fake_area.FACTS[:] = [fact("k:1")]
    services.evidence_refresh()
    fake_area.FAIL = True
    run = services.evidence_refresh()
    assert run.error.startswith("RuntimeError") and run.finished_at is not None
    assert EvidenceItem.objects.get().is_reported  # not marked stale by a failed gathering


def test_duplicate_keys_keep_the_first_and_blank_keys_are_ignored(fake_area, framework):
    fake_area.FACTS[:] = [fact("k:1", title="First"), fact("k:1", title="Second"), fact("")]
    services.evidence_refresh()
    assert list(EvidenceItem.objects.values_list("title", flat=True)) == ["First"]


def test_figures_with_dates_are_stored_as_json(fake_area, framework):
    fake_area.FACTS[:] = [fact("k:1", figures={"period_end": dt.date(2026, 3, 31), "n": 3})]
    services.evidence_refresh()
    assert EvidenceItem.objects.get().figures == {"period_end": "2026-03-31", "n": 3}


def test_the_refresh_task_and_its_nightly_schedule(fake_area, framework, users):
    fake_area.FACTS[:] = [fact("k:1")]
    result = tasks.refresh_evidence.enqueue(users["quality_lead"].pk)
    run = RefreshRun.objects.get(pk=result.return_value)
    assert run.created == 1 and run.requested_by == users["quality_lead"]
    entry = AuditEntry.objects.filter(action="create", object_repr="Complaints in 2025-26").get()
    assert entry.source == "task" and entry.actor == users["quality_lead"]
    jobs = {job.name: job for job in scheduler.all_jobs()}
    assert jobs["assurance.refresh_evidence"].every == "daily"
    assert jobs["assurance.refresh_evidence"].task == "careloop.assurance.tasks.refresh_evidence"


def test_upload_a_document_with_a_survey_figure(framework, users):
    item = services.evidence_add(
        user=users["manager"],
        kind="document",
        title="Adult Social Care Survey 2025-26 results",
        summary="Results of the national survey of people who use services.",
        date=dt.date(2026, 3, 31),
        source="Adult Social Care Survey",
        file=SimpleUploadedFile("ascs.pdf", b"%PDF-1.4 survey"),
        figure={"measure": "of people felt in control of their daily life", "value_pct": 58,
                "comparator_pct": 64, "survey": "Adult Social Care Survey", "date": "March 2026"},
    )  # fmt: skip
    attachment = Attachment.objects.get()
    assert attachment.record == item and attachment.view_permission == "assurance.view"
    assert item.url == reverse("core:attachment_download", args=[attachment.pk])
    assert item.figures["kind"] == "survey" and not item.is_confirmed
    assert item.suggested_category == "people_experience"


def test_chosen_tags_count_as_confirmed_by_the_person(framework, users):
    item = services.evidence_add(
        user=users["manager"],
        kind="link",
        title="Partnership Board minutes",
        date=dt.date.today(),
        source="Learning Disability Partnership Board",
        url="https://www.northshire.example/board",
        statements=[5, 9],
        category="partners",
    )
    assert item.statement_numbers() == [5, 9] and item.category == "partners"
    assert item.confirmed_by == users["manager"] and item.url.endswith("/board")
    assert Attachment.objects.get().kind == "link"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "document", "file": None}, "Choose the file"),
        ({"kind": "link", "url": ""}, "Give the web link"),
        ({"kind": "fact"}, "documents and web links"),
        ({"category": "gossip"}, "not an evidence category"),
        ({"statements": [12]}, "numbered 1 to 9"),
        ({"file": SimpleUploadedFile("virus.exe", b"MZ")}, "must be a PDF"),
        ({"figure": {"measure": "of people", "value_pct": "lots"}}, "cannot be written up"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(framework, users, changes, message):
    values = {
        "user": users["manager"],
        "kind": "document",
        "title": "Policy",
        "date": dt.date.today(),
        "source": "Council",
        "file": SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
        **changes,
    }
    with pytest.raises(ServiceError, match=message):
        services.evidence_add(**values)
    assert not EvidenceItem.objects.exists() and not Attachment.objects.exists()


def test_accepting_suggestions_in_bulk_leaves_the_undecidable(fake_area, framework, users):
    fake_area.FACTS[:] = [
        fact("k:1"),
        fact("k:2", title="Zzz", summary="", statements=(), category="", figures={}),
    ]
    services.evidence_refresh()
    accepted, skipped = services.evidence_accept_suggestions(
        items=EvidenceItem.objects.all(), user=users["quality_lead"]
    )
    assert (accepted, skipped) == (1, 1)
    done = EvidenceItem.objects.get(key="k:1")
    assert done.statement_numbers() == done.suggested_statements
    assert done.confirmed_by == users["quality_lead"]
    assert not EvidenceItem.objects.get(key="k:2").is_confirmed


def test_facts_cannot_be_deleted_or_edited_but_documents_can(framework, users, fake_area):
    fake_area.FACTS[:] = [fact("k:1")]
    services.evidence_refresh()
    item = EvidenceItem.objects.get()
    with pytest.raises(ServiceError, match="next refresh"):
        services.evidence_delete(item=item)
    with pytest.raises(ServiceError, match="come from careloop"):
        services.evidence_update(item=item, title="x", date=dt.date.today(), source="y")
    doc = services.evidence_add(
        user=users["manager"],
        kind="document",
        title="Old",
        date=dt.date.today(),
        source="Council",
        file=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
    )
    services.evidence_delete(item=doc)
    assert not Attachment.objects.exists() and EvidenceItem.objects.count() == 1


def test_restricted_evidence_is_hidden_from_other_roles(client, framework, users):
    item = services.evidence_add(
        user=users["quality_lead"],
        kind="document",
        title="Case file audit",
        date=dt.date.today(),
        source="QA team",
        file=SimpleUploadedFile("audit.pdf", b"%PDF-1.4"),
        is_restricted=True,
        restriction_reason="Names people",
    )
    client.force_login(users["manager"])
    assert client.get(item.get_absolute_url()).status_code == 404
    listing = client.get(reverse("assurance:evidence_index")).content.decode()
    assert "Case file audit" not in listing
    assert client.get(item.url).status_code == 404  # the file itself
    client.force_login(users["quality_lead"])
    assert "Case file audit" in client.get(reverse("assurance:evidence_index")).content.decode()


def test_upload_form_errors_keep_the_input(client, framework, users):
    client.force_login(users["manager"])
    response = client.post(
        reverse("assurance:evidence_new", args=["document"]),
        {"title": "Carers strategy", "source": "", "date_0": "31", "date_1": "13", "date_2": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert 'value="Carers strategy"' in body
    assert "Date must include a year" in body and "Choose the file" in body
    assert "Enter who produced it" in body
    assert not EvidenceItem.objects.exists()


def test_upload_through_the_page_then_confirm(client, framework, users):
    client.force_login(users["manager"])
    response = client.post(
        reverse("assurance:evidence_new", args=["document"]),
        {
            "title": "Safeguarding adults board annual report",
            "summary": "The board reviewed two safeguarding adults reviews about self-neglect.",
            "date_0": "31",
            "date_1": "3",
            "date_2": "2026",
            "source": "Northshire Safeguarding Adults Board",
            "file": SimpleUploadedFile("sab.pdf", b"%PDF-1.4 sab"),
        },
    )
    item = EvidenceItem.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert 7 in item.suggested_statements
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Confirm the tags" in page and "Safeguarding" in page
    bad = client.post(reverse("assurance:evidence_confirm", args=[item.pk]), {"statements": [7]})
    assert "Choose the evidence category" in bad.content.decode()
    client.post(
        reverse("assurance:evidence_confirm", args=[item.pk]),
        {"statements": [7, 8], "category": "processes"},
    )
    item.refresh_from_db()
    assert item.statement_numbers() == [7, 8] and item.confirmed_by == users["manager"]
    history = AuditEntry.objects.for_object(item).filter(action="update")
    assert any("statements" in e.changes for e in history)


def test_library_filters(client, fake_area, framework, users):
    fake_area.FACTS[:] = [
        fact("k:1", title="Complaints figures"),
        fact("k:2", title="Hoarding training", summary="Staff trained", statements=(7,)),
    ]
    services.evidence_refresh()
    services.evidence_confirm(
        item=EvidenceItem.objects.get(key="k:2"),
        user=users["quality_lead"],
        statements=[7],
        category="staff_leaders",
    )
    client.force_login(users["viewer"])
    url = reverse("assurance:evidence_index")
    by_statement = client.get(url, {"statement": 7}).content.decode()
    assert "Hoarding training" in by_statement and "Complaints figures" not in by_statement
    unconfirmed = client.get(url, {"state": "unconfirmed"}).content.decode()
    assert "Complaints figures" in unconfirmed and "Hoarding training" not in unconfirmed
    words = client.get(url, {"q": "hoard"}).content.decode()
    assert "Hoarding training" in words and "Complaints figures" not in words
    nonsense = client.get(url, {"statement": "x", "state": "bogus", "kind": "z"})
    assert nonsense.status_code == 200 and "Complaints figures" in nonsense.content.decode()


def test_bulk_accept_through_the_page(client, fake_area, framework, users):
    fake_area.FACTS[:] = [fact("k:1")]
    services.evidence_refresh()
    item = EvidenceItem.objects.get()
    client.force_login(users["quality_lead"])
    response = client.post(
        reverse("assurance:evidence_accept"), {"items": [item.pk], "next": "https://evil.example/"}
    )
    assert response.url == reverse("assurance:evidence_index")
    item.refresh_from_db()
    assert item.is_confirmed
    empty = client.post(reverse("assurance:evidence_accept"), {}, follow=True)
    assert "Select the evidence items" in empty.content.decode()


def test_the_evidence_log_downloads_with_the_lists_filters(client, fake_area, framework, users):
    fake_area.FACTS[:] = [fact("k:1", title="Complaints figures"), fact("k:2", title="=HYPERLINK")]
    services.evidence_refresh()
    services.evidence_confirm(
        item=EvidenceItem.objects.get(key="k:1"),
        user=users["quality_lead"],
        statements=[9, 8],
        category="people_experience",
    )
    client.force_login(users["viewer"])
    response = client.get(reverse("assurance:evidence_export"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    lines = text.splitlines()
    assert lines[0].startswith("Evidence,Kind,Source,Date,What it shows,Quality statements")
    assert "Governance, management and sustainability; Learning, improvement and innovation" in text
    assert "'=HYPERLINK" in text  # a spreadsheet formula is neutralised
    only = client.get(reverse("assurance:evidence_export"), {"format": "csv", "state": "confirmed"})
    assert len(b"".join(only.streaming_content).decode().splitlines()) == 2
    assert AuditEntry.objects.filter(
        action="export", object_repr__startswith="Evidence library"
    ).exists()
