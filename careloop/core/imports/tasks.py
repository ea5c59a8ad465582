"""The background task that runs an import job (load by id, run the engine as its owner,
holding the job's lease: see core.jobs)."""

from django_tasks import task

from careloop.core import audit, jobs
from careloop.core.imports import engine
from careloop.core.models import ImportJob

TASK = "careloop.core.imports.tasks.run_import"


@task()
def run_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with audit.acting_as(job.created_by, "task"), jobs.leased(job):
        engine.run(job)
    return job.status
