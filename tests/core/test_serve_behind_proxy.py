"""`careloop serve` behind a reverse proxy (issue 20, probe 5): waitress dropped the proxy's
headers, so every visitor shared one public-form limit and no HSTS was sent over https."""

import http.client

import pytest

from careloop.feedback import public
from tests.serving import Proxy, Server, csrf_token, migrated_database, post_public_form

__all__ = ["migrated_database"]  # the fixture

FIRST, SECOND = "127.0.0.2", "127.0.0.3"  # two visitors (any 127.x.x.x is this machine)


@pytest.fixture
def served(migrated_database, tmp_path):
    running = []

    def start(**env):
        server = Server(migrated_database, tmp_path / f"server{len(running)}", **env)
        proxy = Proxy(server.port, proto="https")
        running.append((server, proxy))
        return proxy.port

    yield start
    for server, proxy in running:
        proxy.stop()
        server.stop()


def hsts(port: int) -> str | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/feedback/tell-us/", headers={"Host": f"127.0.0.1:{port}"})
    answer = conn.getresponse()
    answer.read()
    return answer.getheader("Strict-Transport-Security")


def test_behind_a_proxy_each_visitor_has_their_own_limit_and_https_gets_hsts(served):
    port = served(CARELOOP_BEHIND_PROXY="true", CARELOOP_TRUSTED_PROXIES="1")
    csrf = csrf_token(port)
    first = [
        post_public_form(port, csrf, source=FIRST, scheme="https").status
        for _ in range(public.PER_HOUR + 1)
    ]
    assert first == [302] * public.PER_HOUR + [429]
    # What the visitor writes in X-Forwarded-For themselves does not move them elsewhere.
    forged = {"X-Forwarded-For": "203.0.113.9"}
    assert post_public_form(port, csrf, source=FIRST, scheme="https", headers=forged).status == 429
    assert post_public_form(port, csrf, source=SECOND, scheme="https").status == 302
    assert hsts(port) == "max-age=31536000; includeSubDomains"


def test_without_the_setting_the_proxy_headers_are_not_trusted(served):
    port = served()
    csrf = csrf_token(port)
    for _ in range(public.PER_HOUR):
        assert post_public_form(port, csrf, source=FIRST).status == 302
    # Everyone arrives from the proxy's address, so the second visitor shares the limit ...
    assert post_public_form(port, csrf, source=SECOND).status == 429
    # ... and a claim of https from an untrusted hop earns no HSTS.
    assert hsts(port) is None
