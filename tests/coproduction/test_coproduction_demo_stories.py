"""The seed's stories in Northshire's demo, computed rather than stored: one strategy involved
people from the start and one late; a dozen published "you said, we did" statements; three
pilots whose evaluations read as a clear success, inconclusive and too short to tell.

The demo is the shared one (tests/conftest.py's ``northshire``), restored for the module.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from careloop.coproduction.models import Participant, Project, Statement
from careloop.demo import coproduction as coproduction_demo
from careloop.demo import innovation as pilots_demo
from careloop.innovation import analysis
from careloop.innovation.models import Pilot

pytestmark = pytest.mark.xdist_group("northshire")


@pytest.fixture
def loaded(northshire, db):
    return None


def test_one_strategy_involved_people_early_and_one_late(loaded):
    carers = Project.objects.get(title=coproduction_demo.CARERS)
    living = Project.objects.get(title=coproduction_demo.LIVING_WELL)
    assert carers.late_involvement() == []
    reasons = living.late_involvement()
    assert reasons and "after the work was drafted" in reasons[0]
    assert living.late_response  # leaders say what they are doing about it


def test_a_dozen_published_you_said_we_did_statements(loaded):
    published = Statement.objects.filter(status=Statement.Status.PUBLISHED)
    assert published.count() == 12
    assert all(s.you_said and s.we_did for s in published)


def test_three_pilots_clear_success_inconclusive_too_short(loaded):
    verdicts = {
        title: analysis.overall(analysis.analyse_pilot(Pilot.objects.get(title=title)))
        for title in (pilots_demo.NIGHT, pilots_demo.SENSORS, pilots_demo.ROBOT)
    }
    assert verdicts == {
        pilots_demo.NIGHT: "improved",
        pilots_demo.SENSORS: "no clear change",
        pilots_demo.ROBOT: "too little data",
    }
    assert Pilot.objects.count() == 3


def personal_details(person: Participant) -> list[str]:
    return [d for d in (person.full_name, person.email, person.phone, person.known_as) if d]


def test_public_pages_never_show_participants_personal_details(loaded, client):
    people = list(Participant.objects.all())
    assert people  # the demo has participants involved in the projects behind the statements
    pages = [
        reverse("coproduction:public_index"),
        reverse("coproduction:public_index") + "?format=easy-read",
    ]
    for statement in Statement.objects.published():
        url = reverse("coproduction:public_show", args=[statement.pk])
        pages += [url, url + "?format=easy-read"]
    for topic in Statement.objects.published().values_list("topic", flat=True).distinct():
        pages.append(reverse("coproduction:public_index") + f"?topic={topic}")
    assert len(pages) > 20
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for person in people:
            for detail in personal_details(person):
                assert detail not in body, f"{url} shows {detail!r}"
            if person.address:
                assert person.address.splitlines()[0] not in body
