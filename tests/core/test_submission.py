"""A form sent twice (double click, back and send again) makes one record: every posting form
carries a one-time token (`{% csrf_token %}`), and `web.submit` answers its second use with the
first's record."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from careloop.core.models import SubmissionToken
from careloop.learning.models import Action
from careloop.workforce.models import Course

TODAY = dt.date.today()


def token_on(page) -> str:
    found = re.search(r'name="_submission" value="([^"]+)"', page.content.decode())
    assert found, "the form carries no submission token"
    return found.group(1)


def dates(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


CASES = {
    "workforce:course_new": (
        "manager",
        lambda users: {
            "title": "Mental Capacity Act",
            "kind": "classroom",
            "provider": "Social Work Learning Academy",
            "renewal_months": "24",
            "is_active": "on",
        },
        lambda: Course.objects.filter(title="Mental Capacity Act"),
    ),
    "learning:action_new": (
        "manager",
        lambda users: {
            "title": "Rewrite the charging leaflet",
            "owner": users["practitioner"].pk,
            "priority": "high",
            **dates("start_on", TODAY),
            **dates("due_on", TODAY + dt.timedelta(days=30)),
        },
        lambda: Action.objects.filter(title="Rewrite the charging leaflet"),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_create_form_sent_twice_makes_one_record_and_answers_with_it(name, login, users):
    role, data, made = CASES[name]
    client = login(users[role])
    form = client.get(reverse(name))
    sent = {**data(users), "_submission": token_on(form)}
    first = client.post(reverse(name), sent)
    second = client.post(reverse(name), sent)  # the double click, or back and send again
    assert made().count() == 1
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == made().get().get_absolute_url()
    assert "already sent" in client.get(second.url).content.decode()


def test_a_refused_form_keeps_its_token_unused_so_it_can_be_corrected(login, users):
    client = login(users["manager"])
    token = token_on(client.get(reverse("workforce:course_new")))
    bad = client.post(
        reverse("workforce:course_new"),
        {"title": "Mental Capacity Act", "kind": "classroom", "renewal_months": "x"},
    )
    assert bad.status_code == 200 and not SubmissionToken.objects.exists()
    good = CASES["workforce:course_new"][1](users)
    assert (
        client.post(reverse("workforce:course_new"), {**good, "_submission": token}).status_code
        == 302
    )
    assert Course.objects.filter(title="Mental Capacity Act").count() == 1


def test_another_person_sending_the_same_token_does_not_get_the_first_record(login, users):
    client = login(users["manager"])
    token = token_on(client.get(reverse("workforce:course_new")))
    good = {**CASES["workforce:course_new"][1](users), "_submission": token}
    client.post(reverse("workforce:course_new"), good)
    other = login(users["quality_lead"]).post(reverse("workforce:course_new"), good)
    assert other.status_code == 200 and "This form was already sent" in other.content.decode()
    assert Course.objects.filter(title="Mental Capacity Act").count() == 1
