"""The pages: a team manager sees who is overdue for what and acts from the page; bad input is
shown with its errors and nothing is saved."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from careloop.workforce.models import Completion, Course, SupervisionSession
from tests.workforce.factories import CompletionFactory, CourseFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_world(users):
    for role in ("manager", "practitioner"):
        StaffProfileFactory(user=users[role])
    course = CourseFactory(title="Safeguarding adults", renewal_months=36)
    CompletionFactory(person=users["manager"], course=course)
    return users, course


def test_the_team_matrix_shows_who_is_overdue_with_links_to_act(team_world, login):
    users, course = team_world
    client = login(users["manager"])
    response = client.get(reverse("workforce:team", args=[users["manager"].team_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Never done" in body and "Done" in body
    new = reverse("workforce:completion_new")
    record = f"{new}?person={users['practitioner'].pk}&amp;course={course.pk}"
    assert record in body
    assert reverse("workforce:remind", args=[users["practitioner"].pk]) in body
    only = client.get(
        reverse("workforce:team", args=[users["manager"].team_id]) + "?show=action"
    ).content.decode()
    assert "Practitioner Person" in only and "Manager Person</a>" not in only


def test_recording_from_the_matrix_returns_to_it_in_date(team_world, login):
    users, course = team_world
    client = login(users["manager"])
    today = dt.date.today()
    response = client.post(
        reverse("workforce:completion_new"),
        {
            "person": users["practitioner"].pk,
            "course": course.pk,
            "completed_on_0": today.day,
            "completed_on_1": today.month,
            "completed_on_2": today.year,
            "evidence": "Register 12",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("workforce:team", args=[users["manager"].team_id])
    assert Completion.objects.get(person=users["practitioner"]).evidence == "Register 12"


def test_a_future_date_is_refused_with_the_input_kept(team_world, login):
    users, course = team_world
    client = login(users["practitioner"])
    future = dt.date.today() + dt.timedelta(days=10)
    response = client.post(
        reverse("workforce:completion_new"),
        {
            "person": users["practitioner"].pk,
            "course": course.pk,
            "completed_on_0": future.day,
            "completed_on_1": future.month,
            "completed_on_2": future.year,
            "evidence": "Kept evidence text",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "cannot be in the future" in body
    assert "Kept evidence text" in body
    assert not Completion.objects.filter(person=users["practitioner"]).exists()


def test_sending_a_reminder_from_the_page(team_world, login, django_capture_on_commit_callbacks):
    users, _ = team_world
    client = login(users["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:remind", args=[users["practitioner"].pk]))
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {
        "practitioner@northshire.example",
        "manager@northshire.example",
    }


def test_the_dashboard_drills_down_to_teams_for_managers_not_viewers(team_world, login):
    users, _ = team_world
    team_url = reverse("workforce:team", args=[users["manager"].team_id])
    body = login(users["manager"]).get(reverse("workforce:index")).content.decode()
    assert team_url in body and "North Locality Team" in body and "50%" in body
    body = login(users["viewer"]).get(reverse("workforce:index")).content.decode()
    assert "North Locality Team" in body and team_url not in body


def test_a_course_is_added_with_its_renewal_period_and_bad_input_is_kept(team_world, login):
    users, _ = team_world
    client = login(users["manager"])
    bad = client.post(
        reverse("workforce:course_new"),
        {
            "title": "Mental Capacity Act",
            "kind": "classroom",
            "provider": "",
            "renewal_months": "x",
        },
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    assert "Mental Capacity Act" in bad.content.decode()
    assert not Course.objects.filter(title="Mental Capacity Act").exists()
    good = client.post(
        reverse("workforce:course_new"),
        {
            "title": "Mental Capacity Act",
            "kind": "classroom",
            "provider": "Social Work Learning Academy",
            "renewal_months": "24",
            "mandatory": "on",
            "audience_stages": ["asye", "social_worker"],
            "is_active": "on",
        },
    )
    course = Course.objects.get(title="Mental Capacity Act")
    assert good.status_code == 302 and good.url == course.get_absolute_url()
    assert (course.renewal_months, course.mandatory, course.audience_stages) == (
        24,
        True,
        ["asye", "social_worker"],
    )


def test_a_supervision_is_recorded_and_a_future_date_refused(team_world, login):
    users, _ = team_world
    client = login(users["manager"])
    future = dt.date.today() + dt.timedelta(days=3)
    data = {
        "supervisee": users["practitioner"].pk,
        "supervisor": users["manager"].pk,
        "held_on_0": future.day,
        "held_on_1": future.month,
        "held_on_2": future.year,
        "kind": "reflective",
        "agreed_actions": "Bring the case to the quality circle",
    }
    response = client.post(reverse("workforce:supervision_new"), data)
    assert response.status_code == 200 and "cannot be in the future" in response.content.decode()
    assert not SupervisionSession.objects.exists()
    today = dt.date.today()
    data.update(held_on_0=today.day, held_on_1=today.month, held_on_2=today.year)
    response = client.post(reverse("workforce:supervision_new"), data)
    session = SupervisionSession.objects.get()
    assert response.url == session.get_absolute_url() and session.kind == "reflective"
