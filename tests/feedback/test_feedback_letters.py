"""Letters: editable templates with safe placeholders, rendered to PDF on the record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careloop.core.attachments import attachments_for
from careloop.feedback.models import LetterTemplate
from careloop.feedback.services import letters
from tests.feedback.factories import make_feedback


@pytest.fixture(autouse=True)
def _default_letters(db):
    """As on a new installation (the data migration's rows may have been flushed)."""
    letters.ensure_default_templates()


def test_default_templates_exist_and_are_valid(db):
    names = set(LetterTemplate.objects.values_list("purpose", flat=True))
    assert {"acknowledgement", "response", "holding", "compliment"} <= names
    for template in LetterTemplate.objects.all():
        letters.check_template(template.body)


@pytest.mark.parametrize(
    "body,message",
    [
        ("{% load static %}Hello", "only use placeholders"),
        ("{{ settings.SECRET_KEY }}", "Unknown placeholder"),
        ("Dear {{ person_name }} {{ passwords }}", "Unknown placeholder: passwords"),
        ("Dear {{ person_name", "not closed"),
    ],
)
def test_templates_refuse_anything_but_known_placeholders(body, message):
    with pytest.raises(ValidationError, match=message):
        letters.check_template(body)


def test_placeholders_are_filled_from_the_record(users):
    item = make_feedback(
        from_name="Mary Pike", received_on=dt.date(2026, 4, 2), summary="Late carers"
    )
    text = letters.fill(
        "Dear {{ person_name }}, {{ reference }} received {{ received_date }}; reply by "
        "{{response_due_date}}. {{ ombudsman_rights }} {{ officer_name }}",
        feedback=item,
        user=users["quality_lead"],
    )
    assert text.startswith(f"Dear Mary Pike, {item.reference} received 2 April 2026; reply by ")
    assert "Local Government and Social Care Ombudsman" in text
    assert text.endswith("Quality lead Person")


def test_a_letter_is_checked_edited_and_stored_as_a_pdf(login, users):
    item = make_feedback(from_name="Mary Pike", from_address="1 High Street\nNorthtown")
    template = LetterTemplate.objects.get(purpose="acknowledgement")
    client = login(users["quality_lead"])
    url = reverse("feedback:letter_new", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"template": template.pk})
    text = response.context["form"].initial["text"]
    assert "Dear Mary Pike" in text and item.reference in text
    edited = text.replace("I am sorry", "I am very sorry")
    response = client.post(url, {"template": template.pk, "text": edited})
    assert response.status_code == 302
    [letter] = attachments_for(item, role="letter")
    assert letter.file.read().startswith(b"%PDF")
    assert letter.title.startswith("Acknowledgement of a complaint")
    download = client.get(reverse("core:attachment_download", args=[letter.pk]))
    assert download.status_code == 200


def test_a_letter_with_a_placeholder_left_in_is_refused(login, users):
    item = make_feedback()
    template = LetterTemplate.objects.get(purpose="response")
    client = login(users["quality_lead"])
    response = client.post(
        reverse("feedback:letter_new", args=[item.pk]),
        {"template": template.pk, "text": "Dear {{ person_name }}"},
    )
    assert "still has a placeholder" in response.content.decode()
    response = client.post(
        reverse("feedback:letter_new", args=[item.pk]),
        {"template": template.pk, "text": "What we found: [describe what was found]."},
    )
    assert "instructions in square brackets" in response.content.decode()
    assert not attachments_for(item, role="letter").exists()


def test_the_quality_lead_edits_a_template_and_bad_placeholders_are_refused(login, users):
    template = LetterTemplate.objects.get(purpose="compliment")
    client = login(users["quality_lead"])
    url = reverse("feedback:template_edit", args=[template.pk])
    data = {
        "name": template.name,
        "purpose": "compliment",
        "is_active": "on",
        "body": "Dear {{ person_name }}, thanks! {{ secret }}",
    }
    response = client.post(url, data)
    assert "Unknown placeholder: secret" in response.content.decode()
    data["body"] = "Dear {{ person_name }}, thank you."
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.body == "Dear {{ person_name }}, thank you."


def test_clock_settings_are_edited_and_checked(login, users):
    client = login(users["quality_lead"])
    url = reverse("feedback:clock_edit")
    data = {
        "statutory_response_days": 25,
        "six_month_warning_days": 20,
        "stage1_ack_days": 0,
        "stage1_response_days": 10,
        "stage1_extension_days": 10,
        "stage2_ack_days": 5,
        "stage2_response_days": 20,
        "stage2_extension_days": 10,
        "member_response_days": 10,
    }
    assert "between 1 and 130" in client.post(url, data).content.decode()
    data["stage1_ack_days"] = 3
    assert client.post(url, data).status_code == 302
    from careloop.feedback.models import ClockSettings

    assert ClockSettings.current().stage1_ack_days == 3
