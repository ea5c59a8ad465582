"""Importing training completions from a learning management system's export."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careloop.core.imports import engine, get_importer
from careloop.core.models import AuditEntry
from careloop.workforce.models import Completion
from tests.workforce.factories import CourseFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db

IMPORTER = get_importer("training")


@pytest.fixture
def setup(users):
    StaffProfileFactory(user=users["practitioner"], staff_number="NS00042")
    CourseFactory(title="Safeguarding adults", renewal_months=36)
    CourseFactory(title="Mental Capacity Act", renewal_months=24)
    return users


def run(content: str, user=None, name="lms.csv", source="Northshire LMS"):
    job = engine.create_job(
        importer=IMPORTER,
        upload=SimpleUploadedFile(name, content.encode()),
        source=source,
        user=user,
    )
    engine.run(job)
    job.refresh_from_db()
    return job


GOOD = (
    "Email,Course title,Completion date,Certificate\n"
    "practitioner@northshire.example,Safeguarding adults,03/02/2026,C-1\n"
    "NS00042,Mental Capacity Act,2026-01-10,C-2\n"
    "manager@northshire.example,safeguarding adults,10 March 2025,\n"
)


def test_completions_are_matched_by_email_or_staff_number_and_expire(setup):
    job = run(GOOD, setup["manager"])
    assert job.status == "done", job.errors
    assert job.created_count == 3
    mca = Completion.objects.get(course__title="Mental Capacity Act")
    assert (mca.person, mca.completed_on, mca.expires_on) == (
        setup["practitioner"],
        dt.date(2026, 1, 10),
        dt.date(2028, 1, 10),
    )
    assert Completion.objects.get(evidence="C-1").source == "Northshire LMS"
    entries = AuditEntry.objects.filter(reason="Imported from lms.csv", action="create")
    assert entries.count() == 3


def test_importing_the_same_file_again_adds_nothing(setup):
    run(GOOD, setup["manager"])
    again = run(GOOD, setup["manager"])
    assert (again.status, again.created_count, again.skipped_count) == ("done", 0, 3)
    # The same completions from another source (another export) are not doubled either.
    other = run(GOOD, setup["manager"], source="Old LMS")
    assert (other.created_count, other.skipped_count) == (0, 3)
    assert Completion.objects.count() == 3


def test_rows_with_record_ids_are_known_by_them(setup):
    content = "ID,Person,Course,Date completed\nX1,NS00042,Safeguarding adults,01/03/2026\n"
    assert run(content).created_count == 1
    assert run(content).skipped_count == 1
    assert Completion.objects.get().external_ref == "X1"


def test_bad_rows_are_reported_and_nothing_is_written(setup):
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    content = (
        "Person,Course,Date completed,Expiry date\n"
        "practitioner@northshire.example,Safeguarding adults,01/03/2026,\n"  # good
        f"practitioner@northshire.example,Mental Capacity Act,{future},\n"
        "practitioner@northshire.example,Mental Capacity Act,01/03/2026,01/02/2026\n"
        "nobody@northshire.example,Safeguarding adults,01/03/2026,\n"
        "NS00042,Basket weaving,01/03/2026,\n"
        "NS00042,Safeguarding adults,31/02/2026,\n"
    )
    job = run(content, setup["manager"])
    assert job.status == "invalid"
    assert Completion.objects.count() == 0
    problems = {(row, column): reason for row, column, reason in job.errors}
    assert problems[(3, "Date completed")] == "is in the future"
    assert problems[(4, "Expiry date")] == "is before the date completed"
    assert "is not a person careloop knows" in problems[(5, "Person")]
    assert "is not a course in the catalogue" in problems[(6, "Course")]
    assert (7, "Date completed") in problems
    assert job.error_count == 5


def test_a_dry_run_checks_without_writing(setup):
    job = engine.create_job(
        importer=IMPORTER,
        upload=SimpleUploadedFile("lms.csv", GOOD.encode()),
        source="LMS",
        user=setup["manager"],
        dry_run=True,
    )
    engine.run(job)
    job.refresh_from_db()
    assert job.status == "done" and "Nothing was written" in job.message
    assert not Completion.objects.exists()
