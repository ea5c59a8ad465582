"""The background task that runs an import job (load by id, run the engine as its owner)."""

from django_tasks import task

from careloop.core import audit
from careloop.core.imports import engine
from careloop.core.models import ImportJob


@task()
def run_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with audit.acting_as(job.created_by, "task"):
        engine.run(job)
    return job.status
