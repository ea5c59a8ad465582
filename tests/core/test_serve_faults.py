"""The web process killed (SIGKILL) by the operating system (issue 20, faults): what the server
confirmed to the person is there when it starts again on the same database, and a request
killed in the middle of its write leaves nothing of it (all or nothing)."""

from __future__ import annotations

import http.client
import re
import sqlite3
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import pytest

from tests.core.serve_slow_settings import INSIDE, SLOW
from tests.factories import PASSWORD
from tests.serving import ROOT, Server, _env, migrated_database

__all__ = ["migrated_database"]  # the fixture

SETTINGS = {"DJANGO_SETTINGS_MODULE": "tests.core.serve_slow_settings"}
EMAIL = "quality.lead@northshire.example"


class Browser:
    """Just enough of a browser: cookies, and the hidden fields of the page's form."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None, timeout: float = 30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        content = answer.read().decode("utf-8", "replace")
        for key, value in answer.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return answer.status, answer.getheader("Location"), content

    def form(self, path: str) -> dict[str, str]:
        """The page's hidden fields (the CSRF and one-time submission tokens)."""
        status, _, page = self.request("GET", path)
        assert status == 200, path
        hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
        return dict(hidden)

    def sign_in(self) -> None:
        fields = self.form("/accounts/login/")
        status, location, _ = self.request(
            "POST", "/accounts/login/", {**fields, "username": EMAIL, "password": PASSWORD}
        )
        assert status == 302 and "/accounts/login/" not in (location or ""), "signed in"

    def set_up_meeting(self, name: str, timeout: float = 30):
        fields = self.form("/learning/meetings/series/new/")
        return self.request(
            "POST",
            "/learning/meetings/series/new/",
            {**fields, "name": name, "frequency": "monthly", "is_active": "on"},
            timeout=timeout,
        )


def _rows(folder, sql: str, *args) -> list:
    with sqlite3.connect(folder / "careloop.sqlite3") as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture
def folder(migrated_database, tmp_path):
    """A database with the quality lead in it, for servers started one after the other."""
    place = tmp_path / "server"
    place.mkdir()
    (place / "careloop.sqlite3").write_bytes(migrated_database.read_bytes())
    make_lead = (
        "from careloop.core.models import User; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r}, full_name='Quality Lead', "
        "role='quality_lead')"
    )
    subprocess.run(
        [sys.executable, "-m", "careloop", "shell", "-c", make_lead],
        cwd=ROOT,
        env=_env(place),
        check=True,
        timeout=120,
    )
    return place


def test_a_confirmed_save_survives_the_server_being_killed(migrated_database, folder):
    server = Server(migrated_database, folder, **SETTINGS)
    try:
        browser = Browser(server.port)
        browser.sign_in()
        status, location, _ = browser.set_up_meeting("Quality assurance board")
        assert status == 302, "the server confirmed the save"
    finally:
        server.kill()
    again = Server(migrated_database, folder, **SETTINGS)
    try:
        browser = Browser(again.port)
        browser.sign_in()
        status, _, page = browser.request("GET", location)
        assert status == 200 and "Quality assurance board" in page
    finally:
        again.stop()
    assert _rows(folder, "select count(*) from learning_meetingseries") == [(1,)]


def test_a_request_killed_in_the_middle_of_its_write_leaves_nothing(migrated_database, folder):
    server = Server(migrated_database, folder, **SETTINGS)
    answers: list = []
    try:
        browser = Browser(server.port)
        browser.sign_in()
        slow = threading.Thread(
            target=lambda: answers.append(_attempt(browser, f"{SLOW} board")), daemon=True
        )
        slow.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (folder / INSIDE).exists():
            time.sleep(0.05)
        assert (folder / INSIDE).exists(), "the save reached its transaction"
    finally:
        server.kill()
    slow.join(timeout=10)
    assert answers and answers[0] is None, "the person was never told it was saved"
    again = Server(migrated_database, folder, **SETTINGS)
    try:
        browser = Browser(again.port)
        browser.sign_in()
        status, _, page = browser.request("GET", "/learning/meetings/")
        assert status == 200 and f"{SLOW} board" not in page
        assert browser.set_up_meeting("After the fault")[0] == 302, "the database is usable"
    finally:
        again.stop()
    assert _rows(folder, "select name from learning_meetingseries") == [("After the fault",)]
    audited = _rows(
        folder, "select count(*) from core_auditentry where object_repr like ?", "SLOW%"
    )
    assert audited == [(0,)], "no audit entry of the half-done save"


def _attempt(browser: Browser, name: str):
    try:
        return browser.set_up_meeting(name, timeout=30)
    except (ConnectionError, http.client.HTTPException, OSError):
        return None
