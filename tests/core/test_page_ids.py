"""Page URLs take record ids with core's `<id:...>` converter: a number too big for the database
is a 404 (before, a page with `<int:pk>` passed it to the query, and SQLite failed: a 500)."""

from pathlib import Path

import pytest
from django.urls import resolve, reverse

import careloop
from careloop.core.web import MAX_ID

TOO_BIG = str(MAX_ID + 1)  # 2**63, 19 digits
BIGGEST = "9" * 18  # the longest id the converter takes: a record no database holds

# One record page of each app (and core's), with an id in place of `{}`.
PAGES = [
    "/administration/people/{}/",
    "/feedback/{}/",
    "/themes/feedback/{}/",
    "/learning/reviews/{}/",
    "/workforce/people/{}/",
    "/innovation/{}/",
    "/coproduction/projects/{}/",
    "/assurance/evidence/{}/",
    "/learning/ombudsman/figures/{}/",  # a year, not a record id: the same converter
]


@pytest.mark.parametrize("page", PAGES)
def test_an_id_too_big_for_the_database_is_not_found(users, login, page):
    client = login(users["admin"])
    assert client.get(page.format(TOO_BIG)).status_code == 404
    assert client.get(page.format(BIGGEST)).status_code == 404


def test_the_converter_gives_and_takes_ids():
    assert resolve("/learning/reviews/12/").kwargs == {"pk": 12}
    assert reverse("learning:review_show", args=[12]) == "/learning/reviews/12/"


DOWNLOADS = [
    "/feedback/export/",
    "/themes/export/",
    "/themes/comments/export/",
    "/assurance/evidence/export/",
    "/workforce/completions/export/",
    "/workforce/supervision/export/",
]


@pytest.mark.parametrize("page", DOWNLOADS)
def test_a_list_download_in_a_format_careloop_does_not_make_is_not_found(users, login, page):
    """`web.download`: CSV or XLSX; workforce's downloads answered ?format=pdf with a 500."""
    client = login(users["admin"])
    assert client.get(page, {"format": "pdf"}).status_code == 404
    answer = client.get(page, {"format": "csv"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")


def test_no_page_route_takes_an_unbounded_int():
    """A route written with `<int:...>` would bring the 500 back: every route uses `<id:...>`."""
    root = Path(careloop.__file__).parent
    offenders = [
        str(p.relative_to(root)) for p in root.rglob("urls.py") if "<int:" in p.read_text()
    ]
    assert offenders == []
