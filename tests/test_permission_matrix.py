"""Every URL of the site, requested as every role, answers as the matrix says.

The rows live beside each area's tests (tests/<area>/matrix.py); this test also fails when a
URL of the site has no row, so a new page cannot ship without its permissions being decided.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory
from tests.matrix import ROLE_ORDER, World, all_rows, area_modules

# URLs that are not the product's own pages: the developers' Django admin, and DRF's
# format-suffix variants of API routes.
IGNORED_PREFIXES = ("admin:",)


def site_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith(IGNORED_PREFIXES)}


def test_every_url_of_the_site_has_a_row():
    covered = {row.url_name for row in all_rows()}
    missing = sorted(site_url_names() - covered)
    assert not missing, f"URLs with no permission-matrix row: {missing}"


@pytest.fixture
def world(db, users, team):
    world = World(users=users, team=team, secrets=[])
    for module in area_modules():
        if hasattr(module, "setup"):
            module.setup(world)
    return world


@pytest.mark.parametrize("row", all_rows(), ids=lambda row: row.id)
def test_matrix(row, world, client):
    kwargs = row.kwargs(world) if callable(row.kwargs) else row.kwargs
    url = reverse(row.url_name, kwargs=kwargs)
    query = row.query(world) if callable(row.query) else row.query
    if query:
        url += "?" + _encode(query)
    data = row.data(world) if callable(row.data) else row.data
    got = {}
    for role in ROLE_ORDER:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = client.generic(
            row.method, url, data=data and _encode(data), content_type=_type(data)
        )
        got[role] = response.status_code
        if response.status_code in (403, 404):
            body = response.content.decode(errors="replace")
            for secret in world.secrets:
                assert secret not in body, f"{role} {url}: refusal shows {secret!r}"
    assert got == row.statuses(), url


def _encode(data):
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)


def _type(data):
    return "application/x-www-form-urlencoded" if data else "application/octet-stream"


def test_unknown_urls_answer_404_with_the_product_page(client, users):
    client.force_login(users["viewer"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_403_page_is_the_product_page_without_data(client, users):
    client.force_login(users["viewer"])
    response = client.get(reverse("core:user_show", args=[users["admin"].pk]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "You do not have permission to see this page" in body
    assert users["admin"].email not in body and users["admin"].full_name not in body


def test_a_person_with_no_role_is_refused_everywhere(client, db):
    person = UserFactory(role="")
    client.force_login(person)
    assert client.get(reverse("core:home")).status_code == 403
