"""The dashboard and the comments behind it: the same counts from the summaries and from the
records, restricted feedback kept from people who may not see it, equality groups only in
aggregate and only when big enough, bad filters answered with a message, exports audited."""

import datetime as dt

from django.urls import reverse

from careloop.core.models import AuditEntry
from careloop.feedback.models import Organisation
from careloop.themes import selectors
from careloop.themes.models import Theme
from careloop.themes.selectors import Filters

LAST_MONTH = dt.date.today().replace(day=1) - dt.timedelta(days=1)
MONTH = LAST_MONTH.replace(day=1)


def charging():
    return Theme.objects.get(name="Charging and financial assessment")


def row(grid, name):
    return next(r for r in grid.rows if r.theme.name == name)


def test_summary_and_record_counts_agree(classified, users, team):
    provider = Organisation.objects.create(name="Meadowbank", kind="provider")
    for kind, text in [
        ("complaint", "The bill for my care went up and nobody explained the charges"),
        ("complaint", "The charges on my care bill doubled without warning"),
        ("compliment", "Thank you for sorting out the charges on my bill"),
    ]:
        classified(kind=kind, text=text, service=team.service, team=team, provider=provider)
    lead = users["quality_lead"]
    one = selectors.grid(lead, Filters(kind="complaint"))
    assert one.source == "summary"
    two = selectors.grid(lead, Filters(kind="complaint", service=str(team.service_id)))
    assert two.source == "summary"  # pairs of filters are counted ahead too
    three = selectors.grid(
        lead, Filters(kind="complaint", service=str(team.service_id), provider=str(provider.pk))
    )
    assert three.source == "live"
    name = "Charging and financial assessment"
    assert row(one, name).counts == row(two, name).counts == row(three, name).counts
    other = selectors.grid(lead, Filters(kind="compliment", provider=str(provider.pk)))
    assert other.source == "summary" and row(other, name).counts[-1] == 1
    assert row(one, name).counts[-1] == 2 and one.totals[-1] == 2
    everything = selectors.grid(lead, Filters())
    assert row(everything, name).total == 3 and everything.total == 3


def test_restricted_feedback_counts_only_for_people_who_may_see_it(classified, users, login):
    classified(text="Charges on my bill are wrong")
    classified(
        text="Charges taken from my account without consent Zanzibar",
        is_restricted=True,
        restriction_reason="Financial abuse enquiry",
    )
    name = "Charging and financial assessment"
    assert row(selectors.grid(users["quality_lead"], Filters()), name).total == 2
    assert row(selectors.grid(users["practitioner"], Filters()), name).total == 1
    client = login(users["practitioner"])
    url = f"{reverse('themes:comments')}?theme={charging().pk}&month={MONTH:%Y-%m}"
    body = client.get(url).content.decode()
    assert "Charges on my bill are wrong" in body and "Zanzibar" not in body
    body = client.get(reverse("themes:comments") + "?q=Zanzibar").content.decode()
    assert "0 comments" in body and "without consent" not in body
    lead = login(users["quality_lead"])
    assert "Zanzibar" in lead.get(url).content.decode()


def test_small_equality_groups_are_not_shown(classified, users, login, team):
    where = {"service": team.service, "team": team}
    for i in range(9):
        classified(text=f"Charges on my bill {i}", equality={"ethnicity": "asian"}, **where)
    lead = users["quality_lead"]
    small = selectors.grid(lead, Filters(equality="ethnicity:asian"))
    assert small.suppressed and small.total == 0
    assert all(not any(r.counts) for r in small.rows)
    classified(text="Charges on my bill 9", equality={"ethnicity": "asian"}, **where)
    big = selectors.grid(lead, Filters(equality="ethnicity:asian"))
    assert not big.suppressed and big.total == 10 and big.source == "summary"
    by_team = selectors.grid(lead, Filters(equality="ethnicity:asian", team=str(team.pk)))
    assert by_team.source == "summary" and by_team.total == 10
    live = selectors.grid(
        lead, Filters(equality="ethnicity:asian", kind="complaint", team=str(team.pk))
    )
    assert live.source == "live" and live.total == 10
    assert [r.counts for r in live.rows] == [r.counts for r in by_team.rows]
    assert [r.counts for r in by_team.rows] == [r.counts for r in big.rows]
    page = login(lead).get(reverse("themes:index") + "?equality=ethnicity:asian")
    assert page.status_code == 200
    client = login(users["manager"])  # may not filter by equality group
    response = client.get(reverse("themes:index") + "?equality=ethnicity:asian")
    assert response.status_code == 200 and "Equality group" not in response.content.decode()


def test_comments_are_never_listed_by_equality_group(classified, users, login):
    classified(text="Charges on my bill", equality={"ethnicity": "black"})
    classified(text="Charges for day care", equality={"ethnicity": "white"})
    body = (
        login(users["quality_lead"])
        .get(reverse("themes:comments") + "?equality=ethnicity:black")
        .content.decode()
    )
    assert "never listed by equality group" in body
    assert "Charges on my bill" in body and "Charges for day care" in body


def test_bad_filters_get_a_message_not_a_crash(login, users, db):
    response = login(users["quality_lead"]).get(
        reverse("themes:index") + "?months=7&kind=spaceship&service=abc&end=1999-13"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Select a valid choice" in body
    assert (
        login(users["quality_lead"])
        .get(reverse("themes:comments") + "?month=notamonth")
        .status_code
        == 404
    )


def test_search_finds_comments_and_cells_link_to_them(classified, users, login):
    classified(text="The stairlift was never fitted")
    classified(text="Charges on my bill")
    client = login(users["manager"])
    body = client.get(reverse("themes:comments") + "?q=stairlift").content.decode()
    assert "The stairlift was never fitted" in body and "Charges on my bill" not in body
    dashboard = client.get(reverse("themes:index")).content.decode()
    assert f"?theme={charging().pk}&amp;month={MONTH:%Y-%m}" in dashboard


def test_exports_are_audited_and_hold_the_counts(classified, users, login):
    classified(text="Charges on my bill")
    client = login(users["manager"])
    response = client.get(reverse("themes:export") + "?format=csv")
    text = b"".join(response.streaming_content).decode()
    assert "Charging and financial assessment" in text and "All feedback" in text
    response = client.get(reverse("themes:comments_export") + f"?theme={charging().pk}&format=csv")
    text = b"".join(response.streaming_content).decode()
    assert "Charges on my bill" in text and "Charging and financial assessment (suggested)" in text
    assert AuditEntry.objects.filter(action="export").count() == 2
    assert client.get(reverse("themes:export") + "?format=pdf").status_code == 404
