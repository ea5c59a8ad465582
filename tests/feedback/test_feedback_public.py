"""The public feedback form: no sign-in, spam protection without a captcha, nothing lost."""

import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careloop.feedback import public, tasks
from careloop.feedback.models import EqualityMonitoring, Feedback, PublicSubmission
from tests.feedback.factories import make_feedback

URL = "/feedback/tell-us/"


def form_data(client, **extra):
    page = client.get(URL)
    assert page.status_code == 200
    data = {
        "kind": "complaint",
        "text": "My mum's carers keep missing visits and nobody tells us why.",
        "for_someone_else": "yes",
        "about_name": "Edna Marsh",
        "relationship": "Daughter",
        "name": "Karen Marsh",
        "email": "karen@example.org",
        "phone": "",
        "website": "",
        "ts": page.context["form"]["ts"].value(),
    }
    data.update(extra)
    return data


def later(seconds=10):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds), tick=False)


def test_a_member_of_the_public_gets_a_reference_and_an_email(
    client, db, django_capture_on_commit_callbacks
):
    data = form_data(client)
    with later(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data, follow=True)
    item = Feedback.objects.get()
    body = response.content.decode()
    assert item.reference in body and "within 3 working days" in body
    assert (item.kind, item.channel, item.from_name, item.representative_name) == (
        "complaint",
        "web",
        "Edna Marsh",
        "Karen Marsh",
    )
    assert item.text == data["text"] and item.acknowledgement_due_on
    [email] = mail.outbox
    assert email.to == ["karen@example.org"] and item.reference in email.body


def test_a_form_sent_too_quickly_is_shown_again_with_everything_kept(client, db):
    data = form_data(client)
    response = client.post(URL, data)
    body = response.content.decode()
    assert "That was very quick" in body and "Edna Marsh" in body and "nobody tells us" in body
    assert Feedback.objects.count() == 0
    kept = response.context["form"]["ts"].value()
    with later():
        client.post(URL, {**data, "ts": kept})
    assert Feedback.objects.count() == 1


def test_a_stale_page_is_shown_again_with_everything_kept(client, db):
    data = form_data(client)
    with later(13 * 3600):
        response = client.post(URL, data)
    assert "open for a long time" in response.content.decode()
    assert "Edna Marsh" in response.content.decode() and Feedback.objects.count() == 0
    assert response.context["form"]["ts"].value() != data["ts"]  # a fresh token


def test_the_honeypot_stops_bots(client, db):
    data = form_data(client, website="http://spam.example")
    with later():
        response = client.post(URL, data)
    assert "Leave this empty" in response.content.decode() and Feedback.objects.count() == 0


def test_a_forged_token_is_refused(client, db):
    with later():
        response = client.post(URL, form_data(client, ts="form:1abc:forged"))
    assert "Something went wrong with this page" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_the_rate_limit_per_address_keeps_the_input(client, db):
    for _ in range(public.PER_HOUR):
        data = form_data(client)
        with later():
            assert client.post(URL, data).status_code == 302
    data = form_data(client, text="One more thing I forgot to say.")
    with later():
        response = client.post(URL, data)
    assert response.status_code == 429
    assert "One more thing I forgot to say." in response.content.decode()
    assert Feedback.objects.count() == public.PER_HOUR
    assert PublicSubmission.objects.exclude(address_hash__contains="127.0.0.1").count() == 5


def test_bad_input_gets_the_error_summary(client, db):
    data = form_data(
        client, kind="", text="", email="not-an-email", for_someone_else="yes", about_name=""
    )
    with later():
        response = client.post(URL, data)
    body = response.content.decode()
    assert "There is a problem" in body
    for message in [
        "Select what you would like to do",
        "Tell us what happened",
        "Enter an email address in the correct format",
        "Enter the name of the person the feedback is about",
    ]:
        assert message in body
    assert "Karen Marsh" in body


def test_anonymous_feedback_keeps_no_details(client, db):
    data = form_data(
        client,
        kind="compliment",
        name="",
        email="",
        for_someone_else="no",
        about_name="",
        relationship="",
    )
    with later():
        client.post(URL, data)
    item = Feedback.objects.get()
    assert item.from_anonymous and item.from_display == "Anonymous" and not mail.outbox


def test_equality_answers_are_stored_apart(client, db):
    data = form_data(client)
    with later():
        client.post(URL, data)
    token = client.session["public_feedback"]["equality"]
    url = reverse("feedback:public_equality", args=[token])
    assert client.get(url).status_code == 200
    client.post(url, {"age_band": "45-64", "carer": "yes"})
    answers = EqualityMonitoring.objects.get()
    assert (answers.feedback, answers.age_band, answers.sex) == (
        Feedback.objects.get(),
        "45-64",
        "",
    )
    assert client.get(reverse("feedback:public_equality", args=["forged"])).status_code == 404


def test_the_done_page_without_a_submission_goes_back_to_the_form(client, db):
    assert client.get(reverse("feedback:public_done")).url == URL


def test_reminders_tell_owners_what_is_due(users):
    today = dt.date(2026, 3, 9)  # a Monday
    with time_machine.travel(dt.datetime(2026, 3, 9, 7, 0), tick=False):
        make_feedback(
            kind="complaint", received_on=today - dt.timedelta(days=7), owner=users["manager"]
        )
        make_feedback(kind="compliment", received_on=today, owner=users["manager"])
        mail.outbox.clear()
        assert tasks.send_reminders.call() == 1
    [email] = mail.outbox
    assert email.to == [users["manager"].email] and "(overdue)" in email.body
    assert "My mother" not in email.body  # references only, no personal details


# --- Whose address the rate limit counts: REMOTE_ADDR, or X-Forwarded-For behind proxies --------
def _address(rf, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return public.client_address(rf.get(URL, **extra))


def test_directly_on_the_internet_the_forwarded_header_is_ignored(rf, settings):
    settings.CARELOOP_BEHIND_PROXY = False
    assert _address(rf, "203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert public.address_hash(
        rf.get(URL, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    ) == public.address_hash(rf.get(URL, REMOTE_ADDR="203.0.113.7"))


def test_behind_proxies_the_rightmost_untrusted_address_counts(rf, settings):
    settings.CARELOOP_BEHIND_PROXY = True
    settings.CARELOOP_TRUSTED_PROXIES = 1  # one load balancer, REMOTE_ADDR 10.0.0.5
    assert _address(rf, "10.0.0.5", "198.51.100.1") == "198.51.100.1"
    # What a visitor forges to the left is ignored: the proxy appended the real address.
    assert _address(rf, "10.0.0.5", "1.2.3.4, 198.51.100.1") == "198.51.100.1"
    assert _address(rf, "10.0.0.5", " 2001:db8::1 ") == "2001:db8::1"
    settings.CARELOOP_TRUSTED_PROXIES = 2  # a CDN (10.9.9.9) in front of the load balancer
    assert _address(rf, "10.0.0.5", "1.2.3.4, 198.51.100.1, 10.9.9.9") == "198.51.100.1"
    # No header, a chain shorter than the proxies, or nonsense: the nearest address.
    assert _address(rf, "10.0.0.5") == "10.0.0.5"
    assert _address(rf, "10.0.0.5", "10.9.9.9") == "10.0.0.5"
    settings.CARELOOP_TRUSTED_PROXIES = 1
    assert _address(rf, "10.0.0.5", "not-an-address") == "10.0.0.5"


def test_behind_a_proxy_one_visitor_reaching_the_limit_does_not_stop_another(client, db, settings):
    settings.CARELOOP_BEHIND_PROXY = True
    settings.CARELOOP_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for _ in range(public.PER_HOUR):
        data = form_data(client)
        with later():
            assert client.post(URL, data, **first).status_code == 302
    data = form_data(client)
    with later():
        assert client.post(URL, data, **first).status_code == 429
    data = form_data(client)
    with later():
        second = client.post(URL, data, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert second.status_code == 302
    assert Feedback.objects.count() == public.PER_HOUR + 1
