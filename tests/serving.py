"""`careloop serve` for real, in a subprocess, with a small reverse proxy in front of it.

For what only a real server shows: waitress's handling of proxy headers, and requests that
arrive at the same moment on several threads. The database is a migrated SQLite file (made
once a test session, copied for each server); the settings are the product's own."""

from __future__ import annotations

import http.client
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
import time_machine

ROOT = Path(__file__).resolve().parent.parent
SECRET = "careloop-serve-test-secret-key-not-for-production"  # noqa: S105 - a test's own key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARELOOP_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(CARELOOP_DATA_DIR=str(data_dir), SECRET_KEY=SECRET, CARELOOP_LOG_LEVEL="WARNING")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve-template")
    subprocess.run(
        [sys.executable, "-m", "careloop", "migrate", "-v0"],
        cwd=ROOT,
        env=_env(folder),
        check=True,
        timeout=600,
    )
    return folder / "careloop.sqlite3"


class Server:
    """A running `careloop serve` on 127.0.0.1."""

    def __init__(self, template: Path, folder: Path, **env: str):
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "careloop.sqlite3").exists():  # a restart keeps its database
            shutil.copy(template, folder / "careloop.sqlite3")
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careloop", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=_env(folder, **env),
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("careloop serve did not start")

    def kill(self) -> None:
        """SIGKILL, as the operating system's out-of-memory killer or a power cut would."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Proxy:
    """A reverse proxy as a council would run one: it terminates HTTPS (here: says it did),
    appends the client's address to X-Forwarded-For and forwards to careloop."""

    def __init__(self, upstream: int, proto: str = "https"):
        class Handler(http.server.BaseHTTPRequestHandler):
            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                chain = self.headers.get("X-Forwarded-For")
                peer = self.client_address[0]
                headers["X-Forwarded-For"] = f"{chain}, {peer}" if chain else peer
                headers["X-Forwarded-Proto"] = proto
                upstream_conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
                upstream_conn.request(self.command, self.path, body=body, headers=headers)
                answer = upstream_conn.getresponse()
                content = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Handler)  # noqa: S104 - 127.x peers
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def public_form_token() -> str:
    """A form token signed by the server's key, opened a minute ago (past the 3-second
    check), so that tests need not wait. By the real clock: the server's is not a test's."""
    from django.test import override_settings

    from careloop.feedback import public

    a_minute_ago = time_machine.escape_hatch.time.time() - 60
    with override_settings(SECRET_KEY=SECRET), time_machine.travel(a_minute_ago):
        return public.new_token()


def csrf_token(port: int) -> str:
    """A CSRF cookie value from the public form page (any later post may use it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/feedback/tell-us/", headers={"Host": f"127.0.0.1:{port}"})
    page = conn.getresponse()
    page.read()
    conn.close()
    cookies = (page.getheader("Set-Cookie") or "").replace(",", ";").split(";")
    return next(c.split("=", 1)[1] for c in cookies if c.strip().startswith("csrftoken="))


def post_public_form(
    port: int, csrf: str, *, source: str = "127.0.0.1", scheme: str = "http", headers=None
):
    """Send the public feedback form from the address `source` (any 127.x.x.x is this
    machine), as a browser on `scheme` would. Returns the response."""
    body = urlencode(
        {"csrfmiddlewaretoken": csrf, "ts": public_form_token(), "kind": "comment", "text": "Hi"}
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    conn.request(
        "POST",
        "/feedback/tell-us/",
        body=body,
        headers={
            "Host": f"127.0.0.1:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": f"{scheme}://127.0.0.1:{port}",
            **(headers or {}),
        },
    )
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer
