"""The product's settings, with one test-only fault: saving a recurring meeting whose name
starts with SLOW waits inside the service's transaction, so that a test can kill the web
process in the middle of a request that writes (tests/core/test_serve_faults.py)."""

import os
import time
from pathlib import Path

from django.db.models.signals import post_save

from careloop.settings import *  # noqa: F403

SLOW = "SLOW"
INSIDE = "inside-the-transaction"  # a file in the data folder: the row is written, not committed


def _wait_inside_the_transaction(sender, instance, **kwargs):
    if sender.__name__ == "MeetingSeries" and str(instance.name).startswith(SLOW):
        (Path(os.environ["CARELOOP_DATA_DIR"]) / INSIDE).touch()
        time.sleep(60)  # the test kills the server long before this ends


post_save.connect(_wait_inside_the_transaction, dispatch_uid="serve-slow-settings")
