"""The register: intake, references, editing with conflict detection, soft delete,
restriction, the list's filters and search."""

import datetime as dt

import pytest
from django.urls import reverse

from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.feedback import services
from careloop.feedback.models import Feedback
from tests.feedback.factories import make_feedback, make_provider


def test_intake_gives_references_in_sequence_per_year_and_keeps_the_text(users):
    text = "  The carer   didn't come on Tuesday!!\n\nNobody rang.  "
    first = make_feedback(text=text, received_on=dt.date(2026, 1, 5))
    second = make_feedback(received_on=dt.date(2026, 2, 1))
    older = make_feedback(received_on=dt.date(2025, 12, 30))
    assert first.reference == "FB-2026-00001"
    assert second.reference == "FB-2026-00002"
    assert older.reference == "FB-2025-00001"
    assert Feedback.objects.get(pk=first.pk).text == text  # as written, never altered


def test_empty_text_is_refused_and_nothing_is_saved(users):
    with pytest.raises(ServiceError, match="what the person said"):
        make_feedback(text="   ")
    assert Feedback.all_objects.count() == 0


def test_anonymous_feedback_keeps_no_contact_details(users):
    item = make_feedback(from_anonymous=True, from_name="Ann", from_email="ann@example.org")
    assert (item.from_name, item.from_email, item.from_display) == ("", "", "Anonymous")


def test_an_edit_is_audited_and_bumps_the_version(users):
    item = make_feedback(summary="Old")
    saved = services.feedback_update(
        feedback=item,
        changes={"summary": "New"},
        user=users["quality_lead"],
        version=1,
        original={"summary": "Old"},
    )
    assert saved.version == 2 and saved.summary == "New"
    entry = AuditEntry.objects.for_object(item).filter(action="update").first()
    assert entry.changes["summary"] == ["Old", "New"]


def test_simultaneous_edits_to_different_fields_are_merged(users):
    item = make_feedback(summary="Start", about_name="")
    original = services.snapshot(item)
    # Someone else saves first…
    services.feedback_update(
        feedback=item,
        changes={"about_name": "Mr Pike"},
        user=users["manager"],
        version=1,
        original=original,
    )
    # …then this person saves their form, which still has the old about_name.
    mine = {**{k: getattr(item, k) for k in services.EDITABLE}, "summary": "Mine"}
    saved = services.feedback_update(
        feedback=item, changes=mine, user=users["quality_lead"], version=1, original=original
    )
    assert (saved.summary, saved.about_name) == ("Mine", "Mr Pike")


def test_simultaneous_edits_to_the_same_field_are_a_conflict_and_nothing_is_lost(users):
    item = make_feedback(summary="Start")
    original = services.snapshot(item)
    services.feedback_update(
        feedback=item,
        changes={"summary": "Theirs"},
        user=users["manager"],
        version=1,
        original=original,
    )
    with pytest.raises(services.EditConflict) as caught:
        services.feedback_update(
            feedback=item,
            changes={"summary": "Mine"},
            user=users["quality_lead"],
            version=1,
            original=original,
        )
    [conflict] = caught.value.conflicts
    assert (conflict.yours, conflict.theirs) == ("Mine", "Theirs")
    assert Feedback.objects.get(pk=item.pk).summary == "Theirs"


def test_the_edit_page_shows_both_versions_and_keeps_the_input(login, users):
    item = make_feedback(summary="Start", received_on=dt.date(2026, 3, 2))
    client = login(users["quality_lead"])
    url = reverse("feedback:edit", args=[item.pk])
    form = client.get(url).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("received_on", "event_on")
    }
    data.update(
        {
            "received_on_0": "2",
            "received_on_1": "3",
            "received_on_2": "2026",
            "summary": "My careful summary",
        }
    )
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items() if v not in (False,)}
    services.feedback_update(
        feedback=item,
        changes={"summary": "Someone else's"},
        user=users["manager"],
        version=item.version,
        original=services.snapshot(item),
    )
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved changes" in body
    assert "My careful summary" in body and "Someone else&#x27;s" in body
    assert Feedback.objects.get(pk=item.pk).summary == "Someone else's"
    # Saving again is deliberate, and now succeeds.
    again = dict(response.context["form"].data.items())
    assert client.post(url, again).status_code == 302
    assert Feedback.objects.get(pk=item.pk).summary == "My careful summary"


def test_soft_delete_needs_a_reason_hides_the_record_and_is_audited(login, users):
    item = make_feedback()
    client = login(users["quality_lead"])
    response = client.post(reverse("feedback:delete", args=[item.pk]), {"reason": ""})
    assert response.status_code == 200 and "Enter the reason" in response.content.decode()
    assert not Feedback.all_objects.get(pk=item.pk).is_deleted
    client.post(reverse("feedback:delete", args=[item.pk]), {"reason": "Duplicate of FB-1"})
    gone = Feedback.all_objects.get(pk=item.pk)
    assert gone.is_deleted and gone.deletion_reason == "Duplicate of FB-1"
    assert not Feedback.objects.filter(pk=item.pk).exists()
    assert client.get(reverse("feedback:show", args=[item.pk])).status_code == 404
    entry = AuditEntry.objects.for_object(gone).filter(action="update").first()
    assert entry.changes["deletion_reason"] == ["", "Duplicate of FB-1"]


def test_restricted_records_are_seen_by_leads_and_the_owner_only(users):
    secret = make_feedback(
        is_restricted=True, restriction_reason="Safeguarding", owner=users["practitioner"]
    )
    for role, sees in [("quality_lead", True), ("practitioner", True), ("manager", False)]:
        assert Feedback.objects.visible_to(users[role]).filter(pk=secret.pk).exists() is sees


def test_list_filters_search_and_sorting(login, users, team):
    provider = make_provider()
    a = make_feedback(summary="Late carers", provider=provider, received_on=dt.date(2026, 1, 5))
    b = make_feedback(
        kind="compliment",
        summary="Lovely staff",
        team=team,
        service=team.service,
        received_on=dt.date(2026, 2, 5),
    )
    c = make_feedback(
        summary="Charging letter", owner=users["manager"], received_on=dt.date(2026, 3, 5)
    )
    client = login(users["manager"])

    def refs(**params):
        response = client.get(reverse("feedback:index"), params)
        return [f.reference for f in response.context["page_obj"]]

    assert refs() == [c.reference, b.reference, a.reference]
    assert refs(sort="received") == [a.reference, b.reference, c.reference]
    assert refs(kind="compliment") == [b.reference]
    assert refs(provider=str(provider.pk)) == [a.reference]
    assert refs(team=str(team.pk)) == [b.reference]
    assert refs(owner="me") == [c.reference]
    assert refs(q="charging") == [c.reference]
    assert refs(q=a.reference) == [a.reference]
    assert refs(
        received_from_0="1",
        received_from_1="2",
        received_from_2="2026",
        received_to_0="28",
        received_to_1="2",
        received_to_2="2026",
    ) == [b.reference]
    overdue = refs(due="overdue")
    assert a.reference in overdue and b.reference not in overdue  # compliments have no clock


def test_export_is_neutralised_and_audited(login, users):
    make_feedback(summary='=HYPERLINK("http://evil")', text="+44 call me", from_name="@bob")
    client = login(users["quality_lead"])
    response = client.get(reverse("feedback:export"), {"format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'+44 call me" in body and "'@bob" in body
    assert AuditEntry.objects.filter(action="export").count() == 1
    response = client.get(reverse("feedback:export"), {"format": "xlsx"})
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [c.value for c in sheet[2]]
    assert '\'=HYPERLINK("http://evil")' in values
    assert AuditEntry.objects.filter(action="export").count() == 2
