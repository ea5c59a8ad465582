"""Benchmarks of coproduction: the public page, a project page, the personal-details check."""

from __future__ import annotations

import time

from django.test import Client

from careloop.coproduction.models import Participant, Project
from careloop.coproduction.services import personal_details_in
from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.models import User


@needs_world()
def public_pages(repeat: int):
    client = Client(SERVER_NAME="localhost")  # nobody signed in
    yield from timed_requests(
        "coproduction.public_you_said_we_did",
        client,
        "/coproduction/you-said-we-did/",
        repeat=repeat,
    )
    yield from timed_requests(
        "coproduction.public_you_said_we_did_easy_read",
        client,
        "/coproduction/you-said-we-did/?format=easy-read",
        repeat=repeat,
    )


@needs_world()
def project_page(repeat: int):
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email="manager@northshire.example"))
    project = Project.objects.get(title__startswith="Living Well Together")
    yield from timed_requests("coproduction.dashboard", client, "/coproduction/", repeat=repeat)
    yield from timed_requests(
        "coproduction.project_page", client, project.get_absolute_url(), repeat=repeat
    )


def personal_details_check(repeat: int):
    """Publishing checks a statement against every participant's name: with 5,000 held."""
    if Participant.objects.count() < 5000:
        Participant.objects.bulk_create(
            Participant(full_name=f"Person {i} Surname{i}", consent=True) for i in range(5000)
        )
    text = "Carers told us breaks are hard to arrange at short notice. " * 20
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert personal_details_in(text) == []
        runs.append((time.perf_counter() - start) * 1000)
    yield measure("coproduction.publish_check_5000_participants", runs, "ms")


BENCHMARKS = [public_pages, project_page, personal_details_check]
