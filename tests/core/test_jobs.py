"""Job leases (core.jobs): a job whose worker died is retried up to three attempts, then failed
with the reason; its page finds it; a person can try a failed job again."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from careloop.core import jobs
from careloop.core.imports import engine, get_importer
from careloop.core.imports.tasks import TASK
from careloop.core.models import ImportJob
from careloop.core.services import ServiceError
from tests.testapp.models import Note

CSV = b"Reference,Title\nA1,First\nA2,Second\n"


@pytest.fixture
def job(db, users):
    job = engine.create_job(
        importer=get_importer("test-slow-notes"),
        upload=SimpleUploadedFile("notes.csv", CSV),
        source="Leases",
        user=users["admin"],
    )
    jobs.enqueue(job, TASK, {"job_id": job.pk}, at_commit=True)  # recorded, not yet run
    return job


def abandon(job, attempts=1):
    """As a worker leaves a job when it is killed mid-write."""
    past = timezone.now() - dt.timedelta(seconds=5)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.WRITING, lease_until=past, attempts=attempts
    )


def test_a_running_job_holds_a_lease_and_lets_it_go_when_done(job):
    with jobs.leased(job):
        held = ImportJob.objects.get(pk=job.pk)
        assert held.lease_until > timezone.now()
        assert held.attempts == 1
    assert ImportJob.objects.get(pk=job.pk).lease_until is None


def test_a_job_whose_worker_died_is_queued_again_and_runs_to_the_end(
    job, django_capture_on_commit_callbacks
):
    abandon(job)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.recover() == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == "done"
    assert job.attempts == 2
    assert Note.objects.filter(body__startswith="Leases:").count() == 2


def test_a_live_job_is_left_alone(job):
    ImportJob.objects.filter(pk=job.pk).update(
        status="writing", lease_until=timezone.now() + dt.timedelta(seconds=30)
    )
    assert jobs.recover() == {"retried": 0, "failed": 0}
    assert ImportJob.objects.get(pk=job.pk).status == "writing"


def test_after_three_attempts_it_fails_with_the_reason_and_its_task_record_too(job):
    DBTaskResult.objects.create(
        task_path=TASK,
        args_kwargs={"args": [], "kwargs": {"job_id": job.pk}},
        status=TaskResultStatus.RUNNING,
        queue_name="default",
        backend_name="default",
        priority=0,
    )
    abandon(job, attempts=jobs.MAX_ATTEMPTS)
    assert jobs.recover() == {"retried": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == "failed"
    assert "The worker stopped while this was running (3 attempts)" in job.message
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def test_its_page_finds_a_dead_job_and_a_person_can_try_it_again(
    job, login, users, django_capture_on_commit_callbacks
):
    abandon(job, attempts=jobs.MAX_ATTEMPTS)
    client = login(users["admin"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The import failed" in page and "The worker stopped" in page
    assert "Try again" in page
    assert ImportJob.objects.get(pk=job.pk).status == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:import_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", 2)


def test_only_a_failed_job_can_be_tried_again(job, login, users):
    with pytest.raises(ServiceError, match="Only a failed job"):
        jobs.retry(job)
    client = login(users["practitioner"])
    assert client.post(reverse("core:import_retry", args=[job.pk])).status_code == 403
