"""Benchmarks of the learning academy: the compliance matrix of a large team, the service
figures over 24 months, and the pages that show them."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.test import Client

from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.models import ServiceArea, Team, User
from careloop.workforce import compliance, selectors
from careloop.workforce.models import Completion, Course, StaffProfile

LARGE_TEAM = "Benchmark large team"
# the demo steps these benchmarks need: the council, Learn and act's actions, the academy
WORLD = ("org", "learning", "workforce")


def _client(email="manager@northshire.example"):
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email=email))
    return client


def _large_team(people: int = 200):
    """A team of `people` staff with three years of completions of every mandatory course."""
    service = ServiceArea.objects.first()
    team, created = Team.objects.get_or_create(service=service, name=LARGE_TEAM)
    if not created:
        return team
    rng = random.Random(7)
    users = User.objects.bulk_create(
        User(
            email=f"bench{i}@northshire.example",
            full_name=f"Bench Person {i}",
            team=team,
            role="practitioner",
        )
        for i in range(people)
    )
    users = list(User.objects.filter(team=team))
    StaffProfile.objects.bulk_create(
        StaffProfile(user=u, staff_number=f"B{u.pk}", career_stage="social_worker") for u in users
    )
    today = dt.date.today()
    rows = []
    for course in Course.objects.mandatory():
        for user in users:
            day = today - dt.timedelta(days=rng.randint(1, 400))
            for _ in range(3):
                rows.append(
                    Completion(
                        person=user,
                        course=course,
                        completed_on=day,
                        expires_on=course.expiry_for(day),
                    )
                )
                day -= dt.timedelta(days=(course.renewal_months or 36) * 30)
    Completion.objects.bulk_create(rows, batch_size=2000)
    return team


@needs_world(*WORLD)
def compliance_matrix(repeat: int):
    """The matrix of a 200-person team (every mandatory course) and its 24-month series."""
    team = _large_team()
    people = list(selectors.team_people(team))
    runs, series = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        compliance.Training(people).rows()
        runs.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        compliance.training_series(people)
        compliance.supervision_series(people)
        series.append((time.perf_counter() - start) * 1000)
    yield measure("workforce.matrix_200_people", runs, "ms", people=len(people))
    yield measure("workforce.team_series_24_months", series, "ms", people=len(people))
    yield from timed_requests(
        "workforce.team_page_200_people",
        _client(),
        f"/workforce/teams/{team.pk}/",
        repeat=repeat,
        requests=10,
    )


@needs_world(*WORLD)
def service(repeat: int):
    """The service dashboard: every team's figures and the service series over 24 months."""
    people = list(selectors.staff())
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        selectors.team_figures()
        compliance.training_series(people)
        compliance.supervision_series(people)
        runs.append((time.perf_counter() - start) * 1000)
    yield measure("workforce.service_figures", runs, "ms", people=len(people))
    yield from timed_requests(
        "workforce.dashboard", _client(), "/workforce/", repeat=repeat, requests=10
    )


BENCHMARKS = [compliance_matrix, service]
