"""A real `careloop worker` killed (SIGKILL) in the middle of a job: after recovery no job is
left running, nothing is half written, the retry completes, and later work is not refused.

The worker and the set-up run as subprocesses against their own SQLite file, as in production
(the database task queue); the test reads the database file directly.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = 4000

SETUP_IMPORT = f"""
from django.core.files.uploadedfile import SimpleUploadedFile
from careloop.core import jobs
from careloop.core.imports import engine, get_importer
from careloop.core.imports.tasks import TASK
from careloop.core.models import ImportJob
from careloop.core.permissions import Role
from careloop.core.models import User
user = User.objects.create_user(email="admin@example.org", password="x", role=Role.ADMIN)
rows = "".join(f"R{{i}},Note {{i}}\\n" for i in range({ROWS}))
upload = SimpleUploadedFile("notes.csv", ("Reference,Title\\n" + rows).encode())
job = engine.create_job(importer=get_importer("test-slow-notes"), upload=upload,
                        source="Killed", user=user)
job.status = ImportJob.Status.QUEUED
job.save()
jobs.enqueue(job, TASK, {{"job_id": job.pk}}, at_commit=False)
"""

SETUP_TRAIN = """
from careloop.core import audit
from careloop.core.models import User
from careloop.core.permissions import Role
from careloop.themes import services
user = User.objects.create_user(email="lead@example.org", password="x", role=Role.QUALITY_LEAD)
with audit.acting_as(user, "test"):
    services.train_start(user=user, note="killed")
"""

TRAIN_AGAIN = """
from careloop.core import audit
from careloop.core.models import User
from careloop.themes import services
user = User.objects.get(email="lead@example.org")
with audit.acting_as(user, "test"):
    print("queued run", services.train_start(user=user, note="later").pk)
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CARELOOP_DATA_DIR": str(folder),
        "CARELOOP_JOB_LEASE_SECONDS": "1.5",
    }
    manage(env, "migrate", "-v0")
    return folder, env


def manage(env, *args, **more):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "careloop", *args],
        cwd=ROOT,
        env={**env, **more},
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )


def start_worker(env, **more):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "careloop", "worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env={**env, **more},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def query(folder, sql, *params):
    with sqlite3.connect(folder / "db.sqlite3", timeout=20) as db:
        return db.execute(sql, params).fetchall()


def wait_for(check, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def idle(folder):
    """The worker has finished every task it took (so killing it now kills nothing)."""
    sql = "select count(*) from django_tasks_database_dbtaskresult where status in (?, ?)"
    return query(folder, sql, "READY", "RUNNING") == [(0,)]


def kill(worker):
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def test_an_import_killed_mid_write_writes_nothing_then_is_retried_to_the_end(world):
    folder, env = world
    manage(env, "shell", "-c", SETUP_IMPORT)
    worker = start_worker(env, CARELOOP_TEST_WRITE_PAUSE="0.3")
    try:
        wait_for(lambda: query(folder, "select 1 from core_importjob where status='writing'"))
        time.sleep(1.0)  # several batches written in the open transaction
    finally:
        kill(worker)
    assert query(folder, "select status from core_importjob") == [("writing",)]
    assert query(folder, "select count(*) from testapp_note") == [(0,)]  # nothing half written

    worker = start_worker(env)
    try:
        wait_for(lambda: query(folder, "select 1 from core_importjob where status='done'"))
        wait_for(lambda: idle(folder))
    finally:
        kill(worker)
    status, created, attempts = query(
        folder, "select status, created_count, attempts from core_importjob"
    )[0]
    assert (status, created, attempts) == ("done", ROWS, 2)
    assert query(folder, "select count(*) from testapp_note") == [(ROWS,)]
    assert query(folder, "select count(distinct body) from testapp_note") == [(ROWS,)]
    assert query(
        folder, "select count(*) from django_tasks_database_dbtaskresult where status='RUNNING'"
    ) == [(0,)]


def test_a_retrain_killed_mid_run_is_retried_and_later_retrains_are_not_refused(world):
    folder, env = world
    manage(env, "shell", "-c", SETUP_TRAIN)
    worker = start_worker(env, CARELOOP_TEST_TRAIN_PAUSE="30")
    try:
        wait_for(
            lambda: query(folder, "select 1 from themes_classificationrun where status='running'")
        )
        time.sleep(0.5)
    finally:
        kill(worker)
    assert query(folder, "select status from themes_modelversion") == [("training",)]

    worker = start_worker(env)
    try:
        wait_for(
            lambda: query(folder, "select 1 from themes_classificationrun where status='done'")
        )
        assert "queued run" in manage(env, "shell", "-c", TRAIN_AGAIN).stdout  # not refused
        wait_for(
            lambda: (
                query(folder, "select count(*) from themes_classificationrun where status='done'")
                == [(2,)]
            )
        )
        # the work done queues the figures built from it (core/derived.py): let the worker
        # finish those too, so that killing it now kills nothing
        wait_for(lambda: idle(folder))
    finally:
        kill(worker)
    runs = query(folder, "select status, attempts from themes_classificationrun order by id")
    assert runs == [("done", 2), ("done", 1)]
    versions = query(folder, "select status, error from themes_modelversion order by id")
    assert versions[0] == ("failed", "Training stopped when the worker stopped")
    assert [v[0] for v in versions[1:]] == ["ready", "ready"]
    assert query(
        folder, "select count(*) from django_tasks_database_dbtaskresult where status='RUNNING'"
    ) == [(0,)]
