"""The public form's limit holds when posts arrive at once (issue 20, probe 9: 12 or 30
simultaneous posts from one address got 10 through a limit of 5)."""

import threading

from careloop.feedback import public
from tests.serving import Server, csrf_token, migrated_database, post_public_form

__all__ = ["migrated_database"]  # the fixture


def test_simultaneous_posts_from_one_address_get_exactly_the_limit(migrated_database, tmp_path):
    server = Server(migrated_database, tmp_path / "server")
    try:
        csrf = csrf_token(server.port)
        start = threading.Barrier(12)
        statuses: list[int] = []

        def send():
            start.wait()
            statuses.append(post_public_form(server.port, csrf).status)

        threads = [threading.Thread(target=send) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.stop()
    assert sorted(statuses) == [302] * public.PER_HOUR + [429] * (12 - public.PER_HOUR)
