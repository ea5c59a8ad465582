"""A notes importer whose writes can be slowed down, so a test can kill a worker mid-write."""

import os
import time

from careloop.core import audit
from careloop.core.imports import Importer, ImportField, register
from tests.testapp.models import Note


class SlowNoteImporter(Importer):
    name = "test-slow-notes"
    label = "Slow notes"
    permission = "core.manage_org"
    key = "ref"
    batch_size = 200
    fields = [
        ImportField("ref", "Reference", required=True),
        ImportField("title", "Title", required=True),
    ]

    def clean_row(self, values, context):
        return {"ref": str(values["ref"]).strip(), "title": str(values["title"])}, []

    def existing(self, keys, job, context):
        bodies = Note.objects.filter(body__in=[f"{job.source}:{k}" for k in keys])
        return {body.split(":", 1)[1] for body in bodies.values_list("body", flat=True)}

    def write(self, rows, job, context):
        notes = Note.objects.bulk_create(
            [Note(title=r["title"], body=f"{job.source}:{r['ref']}") for r in rows]
        )
        audit.record_bulk_create(notes)
        time.sleep(float(os.environ.get("CARELOOP_TEST_WRITE_PAUSE", "0")))
        return len(notes)


register(SlowNoteImporter())
